// no-allocation: escapes, but nothing is allocated. Known by construction: a constant string
// converted to an interface (its data is read-only data) and a zero-size struct value (the
// runtime's zerobase).
package main

import "fmt"

var sink any

//go:noinline
func constant() { fmt.Println("constant") } // PATTERN: no-allocation+interface-conversion

//go:noinline
func zero() { sink = struct{}{} } // PATTERN: no-allocation+interface-conversion

func main() {
	constant()
	zero()
}
