// Defect 5 (escapes that never allocate): constants and zero-size values converted to an interface.
// How the truth is known, by construction: "sum", "x" and 42 are constants (the compiler points the
// interface at read-only data), empty{} and [0]int have size 0 (the runtime's zerobase); n is a
// variable of sum, so its conversion calls the runtime (convT64), which may allocate.
package main

import "fmt"

type empty struct{}

var sink interface{}

func sum(n int) {
	fmt.Println("sum", n) // TRUTH: "sum" escapes noalloc:constant x1: => stop:not_in_log(fmt.Fprintln) ;; n escapes alloc x1: => stop:not_in_log(fmt.Fprintln)
}

func fail() {
	panic("x") // TRUTH: "x" escapes noalloc:constant x1: => stop:builtin(panic)
}

func zero() {
	sink = empty{} // TRUTH: empty{} escapes noalloc:zero-size x1: => heap
	var e [0]int
	sink = e // TRUTH: e escapes noalloc:zero-size x1: => heap
}

func number() {
	sink = 42 // TRUTH: 42 escapes noalloc:constant x1: => heap
}

func main() {
	sum(3)   // TRUTH: "sum" escapes noalloc:constant x1: => stop:not_in_log(fmt.Fprintln) // TRUTH[1.19]: n escapes x1: => stop:not_in_log(fmt.Fprintln) // TRUTH[1.27]: 3 escapes noalloc:constant x1: => stop:not_in_log(fmt.Fprintln)
	zero()   // TRUTH: empty{} escapes noalloc:zero-size x1: => heap ;; e escapes noalloc:zero-size x1: => heap
	number() // TRUTH: 42 escapes noalloc:constant x1: => heap
	fail()   // TRUTH: "x" escapes noalloc:constant x1: => stop:builtin(panic)
}
