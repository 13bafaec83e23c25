// Package direct: heap allocations made at a line of our own that has an escape verdict in the
// -m=2 log (new, &T{}, make, a closure, a variable moved to the heap, an interface conversion,
// a pointer-receiver method, a generic instance, inlined helpers). Known by construction:
// TestAlloc (alloc_test.go) calls each function a fixed, distinct number of times with
// GOMAXPROCS=1 and the GC off, and the test binary runs with -memprofilerate=1, so every
// mallocgc is a sample of exactly one object (runtime/pprof does not scale samples at rate 1).
// A comment `// PROFILE:` on an allocating line says, per call: objects, the requested size, the
// size class (what the profile records: amd64 size classes 8 16 24 32 48 64 80 96 112 128 144
// 160 176 192 208 224 240 256 288 320 352 384 416 448 480 512 576 640 704 768 896 1024 ...),
// and the totals over TestAlloc; `.top` files of gen.sh list them as flat at this file:line.
package direct

// Big is 100*8 + 8 = 808 bytes (pointerful): size class 896.
type Big struct {
	a [100]int64
	p *int
}

// Rec is 33 bytes, no pointers: rounded up to size class 48.
type Rec struct{ b [33]byte }

var (
	bigSink   *Big
	recSink   *Rec
	bufSink   []byte
	adderSink func(int) int
	countSink func() int64
	anySink   [64]any
	list      List
	int64Sink []int64
	strSink   []string
	pointSink *Point
	segSink   *Segment
)

//go:noinline
func newBig() *Big {
	return new(Big) // PROFILE: 1 object of 808 B -> 896 B; x11 = 11 objects, 9856 B
}

//go:noinline
func storeRec() {
	recSink = &Rec{} // PROFILE: 1 object of 33 B -> 48 B; x13 = 13 objects, 624 B
}

//go:noinline
func makeBuf(n int) []byte {
	return make([]byte, n) // PROFILE: n=100: 1 object of 100 B -> 112 B; x17 = 17 objects, 1904 B
}

// makeAdder's closure captures base and scale by value (never reassigned): the closure object is
// struct{F uintptr; base, scale int}, 24 B, no pointers.
//
//go:noinline
func makeAdder(base, scale int) func(int) int {
	return func(x int) int { return base + scale*x } // PROFILE: 1 object of 24 B -> 24 B; x19 = 19 objects, 456 B
}

// makeCounter's closure changes acc, so acc is captured by reference: acc moves to the heap
// (its own object, at its declaration) and the closure is struct{F uintptr; acc *[3]int64}.
//
//go:noinline
func makeCounter() func() int64 {
	var acc [3]int64                                 // PROFILE: 1 object of 24 B -> 24 B; x23 = 23 objects, 552 B
	return func() int64 { acc[0]++; return acc[0] } // PROFILE: 1 object of 16 B -> 16 B; x23 = 23 objects, 368 B
}

// box converts a non-constant int (>= 256, so not runtime.staticuint64s) to an interface:
// runtime.convT64 allocates 8 bytes without pointers, which goes to the tiny allocator. Only an
// allocation that starts a new 16-byte tiny block reaches the profiler (one that fits into the
// current block returns early, unsampled), and the sample's size is the block's 16 B. Called
// 1000 times in a row with nothing else tiny in between, every second call starts a block,
// whatever the block's state before the first call.
//
//go:noinline
func box(v int) any {
	return v // PROFILE: 1 object of 8 B, tiny: x1000 = 500 objects, 8000 B (16 B blocks)
}

type node struct {
	v    int
	next *node
	tag  [2]int64
}

// List is a linked list; Push has a pointer receiver.
type List struct{ head *node }

//go:noinline
func (l *List) Push(v int) {
	l.head = &node{v: v, next: l.head} // PROFILE: 1 object of 32 B -> 32 B; x29 = 29 objects, 928 B
}

// Collect is generic: one shape instance per type argument (go.shape.int64, go.shape.string),
// both allocating at the same line. Go 1.19's profile names both `Collect[...]`, so its .top
// has one row for the line (68 objects, 6624 B); Go 1.27's names them
// `Collect[go.shape.int64]` and `Collect[go.shape.string]`, two rows.
//
//go:noinline
func Collect[T any](n int, f func(int) T) []T {
	out := make([]T, n) // PROFILE: [int64] n=10: 80 B -> 80 B, x31 = 31 objects, 2480 B; [string] n=7: 112 B -> 112 B, x37 = 37 objects, 4144 B
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func square(i int) int64 { return int64(i * i) }

var names = [...]string{"zero", "one", "two", "three"}

func label(i int) string { return names[i%len(names)] }

// Point is 2*8 + 6*8 = 64 bytes, no pointers: size class 64.
type Point struct {
	X, Y float64
	Tags [6]int64
}

// Segment is 2*8 + 8 = 24 bytes (pointerful): size class 24.
type Segment struct {
	From, To *Point
	Len      float64
}

// newPoint is small enough to be inlined into its callers: its allocation is attributed to this
// line in an inline frame of the caller (placePoints, or newSegment inlined into drawSegments).
func newPoint(x, y int) *Point {
	return &Point{X: float64(x), Y: float64(y)} // PROFILE: 1 object of 64 B -> 64 B; x(41 via placePoints + 2*43 via newSegment) = 127 objects, 8128 B
}

// newSegment is inlined into drawSegments, with newPoint inlined into it twice: two levels of
// inlining.
func newSegment(a, b int) *Segment {
	from := newPoint(a, b)
	to := newPoint(b, a)
	return &Segment{From: from, To: to} // PROFILE: 1 object of 24 B -> 24 B; x43 = 43 objects, 1032 B
}

//go:noinline
func placePoints(n int) {
	for i := 0; i < n; i++ {
		pointSink = newPoint(i, n) // inlined: 41 of newPoint's objects
	}
}

//go:noinline
func drawSegments(n int) {
	for i := 0; i < n; i++ {
		segSink = newSegment(i, n) // inlined: 43 Segments, 86 Points
	}
}
