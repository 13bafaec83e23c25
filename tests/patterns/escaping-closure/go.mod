module example.com/patterns/escaping-closure

go 1.19
