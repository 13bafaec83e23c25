module example.com/patterns/closure-capture

go 1.19
