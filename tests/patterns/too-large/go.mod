module example.com/patterns/too-large

go 1.19
