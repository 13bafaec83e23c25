module example.com/patterns/variadic-arguments

go 1.19
