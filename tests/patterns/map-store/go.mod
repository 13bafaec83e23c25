module example.com/patterns/map-store

go 1.19
