package main

import (
	"fmt"

	
)

type point struct{ x, y int }

func newPoint() *point { return &point{1, 2} }

func main() {
	p := newPoint()
	fmt.Println(p.x, p.y)
}
