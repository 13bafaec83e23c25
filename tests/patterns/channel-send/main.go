// channel-send: sent on a channel. Known by construction: send sends a new object's address.
package main

type T struct{ a int }

//go:noinline
func send(ch chan *T) { ch <- &T{} } // PATTERN: channel-send

var ch = make(chan *T, 1)

func main() { send(ch) }
