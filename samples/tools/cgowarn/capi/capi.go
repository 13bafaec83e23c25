// Package capi wraps a few C functions, some of them deprecated, so that gcc
// prints warnings when the cgo wrappers are compiled.
package capi

/*
#include <stdlib.h>
#include "legacy.h"
#include "compat.h"

__attribute__((deprecated("use twice2")))
static int twice(int x) { return 2 * x; }

static int twice2(int x) {
	char c = 300;
	return (x << 1) + c - 44;
}
*/
import "C"

import "unsafe"

// Twice calls the deprecated C function twice().
func Twice(x int) int { return int(C.twice(C.int(x))) }

// Twice2 calls twice2(), whose body has a constant that overflows char.
func Twice2(x int) int { return int(C.twice2(C.int(x))) }

// Len calls the deprecated legacy_len() from legacy.h.
func Len(s string) int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C.legacy_len(cs))
}
