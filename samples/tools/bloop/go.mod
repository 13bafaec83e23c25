module example.com/bloop

go 1.24
