module example.com/patterns/goroutine

go 1.19
