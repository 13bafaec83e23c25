// closure-capture: a variable captured by reference by a closure that outlives the frame.
// Known by construction: n is assigned inside the closure (so captured by reference) and the
// closure is returned (so it outlives counter's frame); the closure itself is escaping-closure.
package main

//go:noinline
func counter() func() int {
	n := 0                          // PATTERN: closure-capture+returned-address
	return func() int { n++; return n } // PATTERN: escaping-closure+returned-address
}

var sum int

func main() { sum += counter()() }
