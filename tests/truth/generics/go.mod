module example.com/truth/generics

go 1.19
