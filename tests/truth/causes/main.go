// Defect 7 (empty or opaque causes): a chain whose escaping steps are a struct literal passed to a
// callee, an inlined callee's parameter (x of grow, introduced at the call), or a promoted method's
// wrapper, whose last flow has no note; the cause must name the user's code.
// How the truth is known, by construction: &n is only in T{p: &n}, given to store, which appends it to
// the global ts; &m only goes into grow's []*int{x}, appended to the global; o.put(p) is the promoted
// method (*inner).put through the compiler's wrapper for outer.
package main

type T struct{ p *int }

var ts []T

//go:noinline
func store(t T) { // TRUTH: t leak x1: => stop:builtin(append)
	ts = append(ts, t) // TRUTH[1.27]: append escapes alloc x1: => heap
}

var global [][]*int

func grow(x *int) { // TRUTH: x leak x1: -> storage([]*int{...}@21) => stop:builtin(append)
	global = append(global, []*int{x}) // TRUTH: []*int{...} escapes alloc x1: => stop:builtin(append) // TRUTH[1.27]: append escapes alloc x1: => heap
}

func main() {
	n := 1 // TRUTH: n moved alloc x1: -> store.t => stop:builtin(append)
	store(T{p: &n})
	m := 2     // TRUTH: m moved alloc x1: -> storage([]*int{...}@28) => stop:builtin(append)
	grow(&m)   // TRUTH: []*int{...} escapes alloc x1: => stop:builtin(append) // TRUTH[1.27]: append escapes alloc x1: => heap
	promoted() // TRUTH: k moved alloc x1: => stop:interface_call(pt.put)
}

type inner struct{ kept *int }

//go:noinline
func (i *inner) put(p *int) { i.kept = p } // TRUTH: p leak x2: => heap | -> (*inner).put.p => heap

type outer struct{ inner }

var o = &outer{}

type putter interface{ put(p *int) } // TRUTH: p block x1: => stop:interface_call

var pt putter = o

func promoted() {
	k := 3 // TRUTH: k moved alloc x1: => stop:interface_call(pt.put)
	pt.put(&k)
}
