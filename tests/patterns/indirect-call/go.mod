module example.com/patterns/indirect-call

go 1.19
