// Package bloop has small functions for a benchmark that uses testing.B.Loop
// (Go 1.24+), whose loop body the compiler keeps from being inlined away.
package bloop

type point struct{ x, y int }

// Sum adds the coordinates of a new point.
func Sum(x, y int) int {
	p := &point{x, y}
	return p.x + p.y
}

// Make returns a heap-allocated point.
func Make(x, y int) *point {
	return &point{x, y}
}

// MinMax returns its arguments in order.
func MinMax(a, b int) (int, int) {
	if a < b {
		return a, b
	}
	return b, a
}

// Consume uses its argument and returns nothing.
func Consume(p *point) {
	p.x++
}
