package bloop

import "testing"

var sink *point

func BenchmarkSum(b *testing.B) {
	for b.Loop() {
		Sum(1, 2)
	}
}

func BenchmarkMake(b *testing.B) {
	n := 0
	for b.Loop() {
		p := Make(n, 2)
		n += p.y
	}
	_ = n
}

func BenchmarkOld(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Make(i, 2)
	}
}

func BenchmarkForms(b *testing.B) {
	q := &point{1, 2}
	var x int
	for b.Loop() {
		MinMax(3, 4)          // two results kept alive
		Consume(&point{x, 1}) // argument kept alive
		Consume(q)            // named argument kept alive
		*q = point{x, 2}      // dereference kept alive
		Make(1, 2).y = 3      // expression the pass does not know
		x += q.y
	}
}
