module example.com/truth/samename

go 1.19
