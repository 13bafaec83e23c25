module example.com/truth/closures

go 1.19
