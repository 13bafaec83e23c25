package main

var kept []*int

func Keep(v int) int {
	kept = append(kept, &v)
	return len(kept)
}
