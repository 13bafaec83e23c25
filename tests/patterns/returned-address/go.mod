module example.com/patterns/returned-address

go 1.19
