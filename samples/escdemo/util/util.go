// Package util is a helper package of escdemo: its leak tags are used across the package boundary.
package util

var kept []*int

// Keep stores p in a package-level slice: leaking param: p.
//
//go:noinline
func Keep(p *int) {
	kept = append(kept, p)
}

// Clamp is small enough to be inlined into its callers in package main.
func Clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// Kept reports how many pointers were kept.
func Kept() int { return len(kept) }
