// map-store: stored as a map key or value. Known by construction: index assigns a new object
// to an element of the map it was given; literal builds a map literal with one (and returns
// the map, a new object).
package main

type T struct{ a int }

//go:noinline
func index(m map[string]*T, k string) { m[k] = &T{} } // PATTERN: map-store

//go:noinline
func literal() map[string]*T { return map[string]*T{"a": &T{}} } // PATTERN: returned-address ;; map-store

var m = map[string]*T{} // PATTERN: global-store

func main() {
	index(m, "k")
	_ = literal()
}
