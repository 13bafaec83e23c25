module example.com/truth/indirect

go 1.19
