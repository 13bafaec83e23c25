// goroutine: captured by or passed to a `go` statement. Known by construction: spawn starts a
// closure with `go` (the closure, and the variable it captures by reference, go to the heap
// for it); spawnCall passes &t to a function started by `go`.
package main

type T struct{ a int }

//go:noinline
func spawn(ch chan int) {
	count := 0                           // PATTERN: goroutine+closure-capture
	go func() { count++; ch <- count }() // PATTERN: goroutine+escaping-closure
	count++
}

//go:noinline
func work(t *T) { t.a++ }

//go:noinline
func spawnCall() { t := T{}; go work(&t) } // PATTERN: goroutine+closure-capture

func main() {
	spawn(nil)
	spawnCall()
}
