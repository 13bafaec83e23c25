package main

import "testing"

func TestSum(t *testing.T) {
	p := Point{2, 3}
	if got := sum(&p); got != 5 {
		t.Fatalf("sum = %d, want %d", got, 5)
	}
}

func TestStore(t *testing.T) {
	q := Point{4, 5} // moved to heap: q (via store)
	store(&q)
	if sink != &q {
		t.Fatal("store did not keep the pointer")
	}
}
