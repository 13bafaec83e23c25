// Defect 2 (a second reason is dropped): one value, two paths to the heap.
// How the truth is known, by construction: &u is given to exactly two calls, dec.Decode (a method of
// encoding/json, not in this log) and s.Put (s is an interface: no callee is known), and either alone
// would move u to the heap, so u has two reasons. In both(), &w goes to keep and keepToo, each storing
// its parameter in a global: two reasons, each continuing into its own callee.
package main

import (
	"encoding/json"
	"os"
)

type User struct{ Name string }

type Store interface{ Put(u *User) } // TRUTH: u block x1: => stop:interface_call

type memStore struct{ last *User }

func (s *memStore) Put(u *User) { s.last = u } // TRUTH: u leak x1: => heap

var s Store = &memStore{}

var kept *User

//go:noinline
func keep(u *User) { kept = u } // TRUTH: u leak x1: => heap

var other *User

//go:noinline
func keepToo(u *User) { other = u } // TRUTH: u leak x1: => heap

func load() {
	var u User                       // TRUTH: u moved alloc x2: => stop:not_in_log((*json.Decoder).Decode) | => stop:interface_call(s.Put)
	dec := json.NewDecoder(os.Stdin) // TRUTH[1.19]: &json.Decoder{...} escapes alloc x1: => stop:not_in_log((*json.Decoder).Decode) through(~R0@35)
	dec.Decode(&u)
	s.Put(&u)
}

func both() {
	var w User // TRUTH: w moved alloc x2: -> keep.u => heap | -> keepToo.u => heap
	keep(&w)
	keepToo(&w)
}

func main() {
	load()
	both()
}
