module example.com/truth/causes

go 1.19
