// Defect 4 (advice that cannot work): calls whose callee can never have an explanation.
// How the truth is known, by construction: each &T{} is given to exactly one call, and that call is
// through an interface (h.Serve), a func-typed global (fn), a func parameter (f), the builtin panic,
// or an assembly function of sync/atomic (AddInt32 has no Go body; it is the only use of &t.n).
// middleware's next, w and r go only into next.ServeHTTP, an interface call.
package main

import (
	"net/http"
	"sync/atomic"
)

type T struct{ n int32 }

type Handler interface{ Serve(t *T) } // TRUTH: t block x1: => stop:interface_call

var h Handler

func viaInterface() {
	t := &T{} // TRUTH: &T{} escapes alloc x1: => stop:interface_call(h.Serve)
	h.Serve(t)
}

var fn func(*T)

func viaFuncValue() {
	t := &T{} // TRUTH: &T{} escapes alloc x1: => stop:func_value(fn)
	fn(t)
}

func viaParam(f func(*T)) {
	t := &T{} // TRUTH: &T{} escapes alloc x1: => stop:func_value(f)
	f(t)
}

func viaPanic() {
	t := &T{} // TRUTH: &T{} escapes alloc x1: => stop:builtin(panic)
	panic(t)
}

func viaAtomic() int32 {
	var t T // TRUTH[1.19]: t moved alloc x1: => stop:no_go_body(atomic.AddInt32)
	return atomic.AddInt32(&t.n, 1)
}

func middleware(next http.Handler) http.Handler { // TRUTH: next leak x2: => stop:interface_call(next.ServeHTTP) | -> storage(func literal@47) => result
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // TRUTH: `func literal` escapes alloc x1: => result ;; w leak x1: => stop:interface_call(next.ServeHTTP) ;; r leak x1: => stop:interface_call(next.ServeHTTP)
		next.ServeHTTP(w, r)
	})
}

func main() {
	viaInterface() // TRUTH: &T{} escapes alloc x1: => stop:interface_call(h.Serve)
	viaFuncValue() // TRUTH: &T{} escapes alloc x1: => stop:func_value(fn)
	viaParam(nil)  // TRUTH: &T{} escapes alloc x1: => stop:func_value(f)
	viaPanic()     // TRUTH: &T{} escapes alloc x1: => stop:builtin(panic)
	viaAtomic()    // TRUTH[1.19]: t moved alloc x1: => stop:no_go_body(atomic.AddInt32)
	middleware(nil)
}
