package main

import (
	"fmt"
	"os"
)

func f() int {
}

func g(a int) string { return a }

func main() {
	x := 1
	var s string = 5
	undefinedThing()
	fmt.Println(g(1, 2))
}
