// Defect 6 of issue 20 (generic instances and closure clones counted once). How the truth is
// known, by construction: each allocation below is one source site however often the compiler
// compiles it. put has three instances (int, string, float64): &Box[T]{v: v} and its append are
// one site each, reported three times. each is inlined into userHandler, which calls f: Go 1.26+
// compiles the func literal of userHandler once more as userHandler.func1#HASH#, so `moved to
// heap: s` and its append at 35:16 and 36:17 are reported twice (Go 1.19 once). The copies of
// register's and userHandler's bodies inlined into a, b and main are at the callers' positions:
// other sites, which the binary allocates separately.
package main

import "fmt"

var sink []func() int

// register is small enough to inline: its closure is compiled again in each caller.
func register(n int) {
	sink = append(sink, func() int { return n })
}

func a() { register(1) }
func b() { register(2) }

type Box[T any] struct{ v T }

var boxes []any

//go:noinline
func put[T any](v T) {
	boxes = append(boxes, &Box[T]{v: v})
}

var names []*string

// each is inlined into userHandler, and with it the call of f: the func literal's body is
// compiled once more inside userHandler (Go 1.26+ names the copy userHandler.func1#HASH#).
func each(xs []string, f func(string)) {
	for _, x := range xs {
		f(x)
	}
}

func userHandler(xs []string) {
	each(xs, func(s string) {
		names = append(names, &s)
	})
}

func main() {
	a()
	b()
	put(1)
	put("s")
	put(2.5)
	userHandler([]string{"x"})
	fmt.Println(len(sink))
}
