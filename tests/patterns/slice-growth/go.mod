module example.com/patterns/slice-growth

go 1.19
