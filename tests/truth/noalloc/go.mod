module example.com/truth/noalloc

go 1.19
