module example.com/truth/clones

go 1.19
