module example.com/proftruth/helpers

go 1.19
