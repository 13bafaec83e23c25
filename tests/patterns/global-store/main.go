// global-store: stored in a package-level variable, directly or through a callee. Known by
// construction: setG assigns a new object to g; setVia passes one to put, which assigns it.
package main

type T struct{ a int }

var g *T

//go:noinline
func setG() { g = &T{} } // PATTERN: global-store

//go:noinline
func put(t *T) { g = t }

//go:noinline
func setVia() { put(&T{1}) } // PATTERN: global-store

func main() {
	setG()
	setVia()
}
