module example.com/patterns/interface-conversion

go 1.19
