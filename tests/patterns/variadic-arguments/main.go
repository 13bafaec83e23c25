// variadic-arguments: the implicit `...` slice itself escapes. Known by construction: keep
// stores its variadic parameter in a package-level variable, so the slice each call builds
// for it must be on the heap.
package main

type T struct{ a int }

var kept []*T
var one, two T

//go:noinline
func keep(xs ...*T) { kept = xs }

//go:noinline
func call() { keep(&one, &two) } // PATTERN: variadic-arguments+global-store

func main() { call() }
