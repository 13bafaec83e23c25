// slice-growth: the backing store of append. Known by construction: grow appends to a
// package-level slice; Go 1.25+ reports the append's new backing store, Go 1.19 nothing.
package main

var all []int

//go:noinline
func grow(x int) { all = append(all, x) } // PATTERN[1.27]: slice-growth+global-store

func main() { grow(1) }
