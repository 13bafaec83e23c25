// heap-object-store: stored into something already on the heap. Known by construction: fill
// stores a new object through a pointer it was given (a field of *b), and put into an element
// of a slice it was given; neither target is a local or a package-level variable.
package main

type T struct{ a int }

type Box struct{ p *T }

//go:noinline
func fill(b *Box) { b.p = &T{} } // PATTERN: heap-object-store

//go:noinline
func put(s []*T) { s[0] = &T{} } // PATTERN: heap-object-store

var box Box
var slots [1]*T

func main() {
	fill(&box)
	put(slots[:])
}
