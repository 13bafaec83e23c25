// Defect 3 (different temporaries merge by name): two inlined calls of one helper in one function
// each have a result ~R0 (Go 1.19) / ~r0 (Go 1.27); they are two locations.
// How the truth is known, by construction: of a and b only &b reaches sink (through the second
// inlined id call); x (the first call's result) is only dereferenced. Of the two newT() calls only the
// second's result d reaches sink; c is only dereferenced, so the first &T{} does not escape.
package main

type T struct{ n int }

func id(p *T) *T { return p } // TRUTH: p leak-result x1: => result

func newT() *T { return &T{} } // TRUTH: &T{} escapes alloc x1: => result

var sink *T

func main() {
	var a, b T // TRUTH: b moved alloc x1: => heap through(~R0@19)
	x := id(&a)
	y := id(&b)
	sink = y
	x.n++
	c := newT()
	d := newT() // TRUTH: &T{} escapes alloc x1: => heap through(~R0@23)
	sink = d
	c.n++
}
