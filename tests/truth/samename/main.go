// An argument passed at a different position than the callee's leaking parameter of the same name.
// How the truth is known, by construction: g leaks only y (its second parameter); main passes its own
// x second (g(y, x)), so main's x reaches the heap through g's y, and main's y (first) does not escape.
package main

type T struct{ n int }

var sink *T

//go:noinline
func g(x *T, y *T) int { // TRUTH: y leak x1: => heap
	sink = y
	return x.n
}

func main() {
	x := &T{1} // TRUTH: &T{...} escapes alloc x1: -> g.y => heap
	y := &T{2}
	g(y, x)
}
