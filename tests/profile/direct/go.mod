module example.com/proftruth/direct

go 1.19
