// escaping-closure: the func literal itself is stored, returned or passed on. Known by
// construction: register stores its closure in a package-level slice (by append), and hook
// stores one in a package-level variable.
package main

var handlers []func()
var hook func() int

//go:noinline
func register(x int) { handlers = append(handlers, func() { println(x) }) } // PATTERN: escaping-closure+heap-object-store // PATTERN[1.27]: slice-growth+global-store ;; escaping-closure+heap-object-store

//go:noinline
func setHook(x int) { hook = func() int { return x } } // PATTERN: escaping-closure+global-store

func main() {
	register(1)
	setHook(2)
}
