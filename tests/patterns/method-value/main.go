// method-value: a method value (x.M without a call) escapes, binding its receiver. Known by
// construction: bind stores s.Run in a package-level func variable, so the method value (and
// the receiver it binds, the &S{} of main) go to the heap. boxArgs boxes os.Args, a package's
// variable: a lookalike of a method value (S has a method Args), but an interface conversion.
package main

import "os"

type S struct{ n int }

func (s *S) Run() { s.n++ }

var cb func()
var sink any

func (s *S) Args() []string { return nil }

//go:noinline
func boxArgs() { sink = os.Args } // PATTERN: interface-conversion+global-store

//go:noinline
func bind(s *S) { cb = s.Run } // PATTERN: method-value+global-store

func main() {
	bind(&S{}) // PATTERN: method-value
	boxArgs()
}
