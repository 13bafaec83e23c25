module example.com/patterns/method-value

go 1.19
