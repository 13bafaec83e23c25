module example.com/patterns/global-store

go 1.19
