module example.com/patterns/heap-object-store

go 1.19
