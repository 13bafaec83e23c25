module example.com/truth/variadic

go 1.19
