// string-building: a string concatenation or conversion result that escapes. Known by
// construction: greet returns a concatenation, str a conversion of its []byte.
package main

//go:noinline
func greet(name string) string { return "hello " + name } // PATTERN: string-building+returned-address

//go:noinline
func str(b []byte) string { return string(b) } // PATTERN: string-building+returned-address

var out string
var buf = []byte("y")

func main() { out = greet("x") + str(buf) } // PATTERN: string-building+global-store
