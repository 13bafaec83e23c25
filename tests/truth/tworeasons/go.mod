module example.com/truth/tworeasons

go 1.19
