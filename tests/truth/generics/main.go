// Defect 6 (Go 1.26+ clones and generic instances): one generic function used with two types, and a
// closure; each source site is one site however many instances or clones the compiler makes.
// How the truth is known, by construction: put returns its only allocation &Box[T]{v: v} (the result);
// v is stored only in it. userHandler's closure captures n by value and is appended to a global slice.
package main

type Box[T any] struct{ v T }

var sinkInt *Box[int]
var sinkStr *Box[string]

//go:noinline
func put[T any](v T) *Box[T] { // TRUTH[1.19]: v block x1: -> storage(&Box[go.shape.string_0]{...}@14) => result // TRUTH[1.27]: v block x2: -> storage(&Box[go.shape.string]{...}@14) => result | -> put[go.shape.string].v -> storage(&Box[go.shape.string]{...}@14) => result
	return &Box[T]{v: v} // TRUTH[1.19]: &Box[go.shape.int_0]{...} escapes alloc x1: => result ;; &Box[go.shape.string_0]{...} escapes alloc x1: => result // TRUTH[1.27]: &Box[go.shape.int]{...} escapes alloc x1: => result ;; &Box[go.shape.string]{...} escapes alloc x1: => result
}

var handlers []func() int

func userHandler(n int) { // TRUTH: n block x1: -> storage(func literal@20) => stop:builtin(append)
	handlers = append(handlers, func() int { return n }) // TRUTH: `func literal` escapes alloc x1: => stop:builtin(append) // TRUTH[1.27]: append escapes alloc x1: => heap
}

func main() {
	sinkInt = put(1)
	sinkStr = put("s")
	userHandler(1) // TRUTH: `func literal` escapes alloc x1: => stop:builtin(append) // TRUTH[1.27]: append escapes alloc x1: => heap
}
