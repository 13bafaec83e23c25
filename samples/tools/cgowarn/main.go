// Command cgowarn calls deprecated C functions through cgo, so that gcc prints
// -Wdeprecated-declarations warnings for the cgo-generated wrappers into the same
// stream as the compiler's escape-analysis diagnostics.
package main

/*
#include <stdlib.h>
#include "oldapi.h"

__attribute__((deprecated))
static int old_add(int a, int b) { return a + b; }

static int new_add(int a, int b) { return a + b; }
*/
import "C"

import "fmt"

type pair struct{ a, b int }

func sum(p *pair) int {
	return int(C.old_add(C.int(p.a), C.int(p.b)))
}

func scale(x int) int {
	return int(C.old_scale(C.int(x))) + int(C.new_scale(C.int(x)))
}

func newPair(a, b int) *pair {
	return &pair{a, b}
}

func main() {
	p := newPair(1, 2)
	fmt.Println(sum(p), scale(p.a), int(C.new_add(3, 4)))
}
