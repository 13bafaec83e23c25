// Closures, method values, func-value calls and pointer-receiver methods.
// How the truth is known, by construction: each &T{} is given to exactly one thing: a closure that
// stores it in sink, a method value keep (an indirect call for the compiler), the pointer-receiver
// method (*Keeper).Keep called directly (its t goes only into append), a local closure f.
package main

type T struct{ n int }

var sink *T

type Keeper struct{ kept []*T }

//go:noinline
func (k *Keeper) Keep(t *T) { k.kept = append(k.kept, t) } // TRUTH: k leak-content x1: => heap // TRUTH[1.19]: t leak x1: => stop:builtin(append) // TRUTH[1.27]: t leak x2: => stop:builtin(append) | -> (*Keeper).Keep.t => stop:builtin(append) ;; append escapes alloc x1: => heap

var keeper = &Keeper{}

var fns []func()

func capture() {
	t := &T{1}                             // TRUTH: &T{...} escapes alloc x1: => heap
	fns = append(fns, func() { sink = t }) // TRUTH: `func literal` escapes alloc x1: => stop:builtin(append) // TRUTH[1.27]: append escapes alloc x1: => heap
}

func methodValue() {
	keep := keeper.Keep
	t := &T{2} // TRUTH: &T{...} escapes alloc x1: => stop:func_value(keep)
	keep(t)
}

func pointerMethod() {
	t := &T{3} // TRUTH: &T{...} escapes alloc x1: -> (*Keeper).Keep.t => stop:builtin(append)
	keeper.Keep(t)
}

func callClosure() {
	t := &T{4}                   // TRUTH: &T{...} escapes alloc x1: => heap through(p@39)
	f := func(p *T) { sink = p } // TRUTH: p leak x1: => heap
	f(t)
}

func main() {
	capture()       // TRUTH: &T{...} escapes alloc x1: => heap ;; `func literal` escapes alloc x1: => stop:builtin(append) // TRUTH[1.27]: append escapes alloc x1: => heap
	methodValue()   // TRUTH: &T{...} escapes alloc x1: => stop:func_value(keep)
	pointerMethod() // TRUTH: &T{...} escapes alloc x1: -> (*Keeper).Keep.t => stop:builtin(append)
	callClosure()   // TRUTH[1.19]: &T{...} escapes alloc x1: => stop:func_value(f) // TRUTH[1.27]: &T{...} escapes alloc x1: => heap
}
