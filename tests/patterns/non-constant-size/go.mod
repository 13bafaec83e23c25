module example.com/patterns/non-constant-size

go 1.19
