module example.com/patterns/string-building

go 1.19
