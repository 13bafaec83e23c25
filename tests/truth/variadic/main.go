// Variadic calls: f(xs...) passes the slice itself, f(a, b) builds an implicit "... argument".
// How the truth is known, by construction: keepAll stores vs (the slice) in a global, keepEach stores
// each element; the slices and elements go nowhere else.
package main

type T struct{ n int }

var kept []*T

//go:noinline
func keepAll(prefix string, vs ...*T) { // TRUTH: vs leak x1: => heap
	kept = vs
}

var last *T

//go:noinline
func keepEach(prefix string, vs ...*T) { // TRUTH: vs leak-content x1: => heap
	for _, v := range vs {
		last = v
	}
}

func spread() {
	xs := []*T{{1}, {2}} // TRUTH: []*T{...} escapes alloc x1: -> keepAll.vs => heap ;; &T{...}@13 escapes alloc x1: -> storage([]*T{...}@25) -> keepAll.vs => heap ;; &T{...}@18 escapes alloc x1: -> storage([]*T{...}@25) -> keepAll.vs => heap
	keepAll("x", xs...)
}

func list() {
	a, b := &T{3}, &T{4} // TRUTH: &T{...}@10 escapes alloc x1: -> storage(... argument@31) -> keepAll.vs => heap ;; &T{...}@17 escapes alloc x1: -> storage(... argument@31) -> keepAll.vs => heap
	keepAll("y", a, b)   // TRUTH: `... argument` escapes alloc x1: -> keepAll.vs => heap
	c := &T{5}           // TRUTH: &T{...} escapes alloc x1: -> keepEach.vs => heap
	keepEach("z", c)
}

func main() {
	spread() // TRUTH: []*T{...} escapes alloc x1: -> keepAll.vs => heap ;; &T{...} escapes alloc x1: -> storage([]*T{...}@37) -> keepAll.vs => heap
	list()
}
