module example.com/patterns/callee-leaks

go 1.19
