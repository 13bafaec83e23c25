// method-value: a method value (x.M without a call) escapes, binding its receiver. Known by
// construction: bind stores s.Run in a package-level func variable, so the method value (and
// the receiver it binds, the &S{} of main) go to the heap.
package main

type S struct{ n int }

func (s *S) Run() { s.n++ }

var cb func()

//go:noinline
func bind(s *S) { cb = s.Run } // PATTERN: method-value+global-store

func main() {
	bind(&S{}) // PATTERN: method-value
}
