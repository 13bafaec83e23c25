// indirect-call: passed to a call through an interface method or a func value. Known by
// construction: callIface passes its buffer to w.Write (an io.Writer), callFn a new object to
// the func value f; the compiler sees neither callee.
package main

import (
	"io"
	"os"
)

type T struct{ a int }

//go:noinline
func callIface(w io.Writer) { buf := make([]byte, 8); w.Write(buf) } // PATTERN: indirect-call

//go:noinline
func callFn(f func(*T)) { f(&T{}) } // PATTERN: indirect-call

func nop(*T) {}

func main() {
	callIface(os.Stdout)
	callFn(nop)
}
