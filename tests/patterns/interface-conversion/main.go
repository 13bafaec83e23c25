// interface-conversion: a value boxed into an interface that escapes. Known by construction:
// each function converts a non-constant int or string to an interface and returns it, stores
// it in a package-level variable, or passes it to fmt.Println (...any).
package main

import "fmt"

var sink any

//go:noinline
func box(n int) any { return n } // PATTERN: interface-conversion+returned-address

//go:noinline
func store(x int) { sink = x } // PATTERN: interface-conversion+global-store

//go:noinline
func show(s string) { fmt.Println(s) } // PATTERN: interface-conversion+callee-leaks

type pair struct{ a, b int }

//go:noinline
func boxStruct(a int) any { return pair{a, a} } // PATTERN: interface-conversion+returned-address

func main() {
	_ = box(1000)
	store(2000)
	show("x")
	_ = boxStruct(3)
}
