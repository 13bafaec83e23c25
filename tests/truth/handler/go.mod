module example.com/truth/handler

go 1.19
