module example.com/escdemo

go 1.19
