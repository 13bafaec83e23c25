// returned-address: a local's address, or a new object, returned to the caller. Known by
// construction: each function below returns what it allocates and does nothing else with it;
// newLarge is made too complex to inline (its cost exceeds the budget of 80), so the log says so
// and escviz says that inlining it would help (check_patterns.py checks that hint too).
package main

type T struct{ a, b int }

//go:noinline
func newLocal() *T { t := T{1, 2}; return &t } // PATTERN: returned-address

//go:noinline
func newLiteral() *T { return &T{3, 4} } // PATTERN: returned-address

//go:noinline
func newSlice() []int { return make([]int, 8) } // PATTERN: returned-address

func newLarge(n int) *T {
	t := &T{} // PATTERN: returned-address // HINT: cannot inline newLarge: function too complex
	for i := 0; i < n; i++ {
		switch i % 5 {
		case 0:
			t.a += i
		case 1:
			t.b += i
		case 2:
			t.a -= i
		case 3:
			t.b -= i
		default:
			t.a, t.b = t.b, t.a
		}
		if t.a > 1000 {
			t.a = 0
		}
		if t.b > 1000 {
			t.b = 0
		}
		if t.a == t.b {
			t.a, t.b = t.a+1, t.b-1
		}
	}
	return t
}

var sum int

func main() {
	sum += newLocal().a + newLiteral().b + len(newSlice()) + newLarge(3).a
}
