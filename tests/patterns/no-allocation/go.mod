module example.com/patterns/no-allocation

go 1.19
