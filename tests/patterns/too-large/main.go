// too-large: too large for the stack. Known by construction: big's array is 16 MB (over the
// 10 MB limit of variables) and bigMake's slice 1 MB (over the 64 KB limit of implicit
// allocations); neither leaves its function.
package main

import "os"

//go:noinline
func big() int { var a [2 << 20]int; a[7] = 1; return a[len(os.Args)] } // PATTERN: too-large

//go:noinline
func bigMake() int { b := make([]byte, 1<<20); return int(b[len(os.Args)]) } // PATTERN: too-large

var sum int

func main() { sum += big() + bigMake() }
