module example.com/truth/temps

go 1.19
