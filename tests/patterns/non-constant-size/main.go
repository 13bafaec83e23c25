// non-constant-size: make with a size not known at compile time. Known by construction: n is
// a parameter; the slice never leaves mk. Go 1.25+ allocates small variable-size slices on
// the stack with a heap fallback and reports nothing: only Go 1.19 has a verdict.
package main

//go:noinline
func mk(n int) int { s := make([]int, n); s[0] = 1; return s[n-1] } // PATTERN[1.19]: non-constant-size

var sum int

func main() { sum += mk(3) }
