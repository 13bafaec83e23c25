// Package helpers: heap allocations made inside runtime or library helpers called from a line of
// our own: string concatenation (runtime.concatstrings), fmt.Sprintf, append growth
// (runtime.growslice) and map growth (makemap_small, hashGrow / swiss-table growth). The -m=2
// logs have `a + b escapes to heap` (concat) and `make(map[int64]int64) escapes to heap` (the map
// header), Go 1.27's also `append escapes to heap`; no verdict covers the bytes of a map's
// buckets or groups (the `m[k] = v` line), Go 1.19's none the append growth, and none fmt's
// allocations. Known by construction, as in ../direct: TestAlloc
// (alloc_test.go) calls each function a fixed, distinct number of times with GOMAXPROCS=1 and
// the GC off, the test runs with -memprofilerate=1, so each mallocgc is one sample. Leading
// runtime frames are hidden by runtime/pprof, so an allocation made in the runtime is flat at the
// line of ours that called it; one made in fmt is flat in fmt. `// PROFILE:` comments as in
// ../direct/alloc.go (per call, size class, totals).
package helpers

import "fmt"

// Pair is 16 bytes without pointers: not tiny (tiny is < 16 B), size class 16.
type Pair struct{ K, V int64 }

var (
	strSink    string
	fmtSink    string
	pairs      []Pair
	pairsSink  []Pair
	mapSink    map[int64]int64
	itemsSink  []*item
	fmtArgs    = []any{"request", "0123456789abcdefghijklmnopqrstuvwxyz-0123456789abcdefghijklmnopqrstuvw"}
	fmtWarmArg = []any{"warm-up", "0123456789abcdefghijklmnopqrstuvwxyz-0123456789abcdefghijklmnopqrstuvw"}
)

// concat joins two non-constant strings; the result escapes (stored by the caller), so
// runtime.concatstring2 -> concatstrings -> rawstring allocates len(a)+len(b) bytes, no pointers.
//
//go:noinline
func concat(a, b string) string {
	return a + b // PROFILE: 24+16 = 40 B -> 48 B; x43 = 43 objects, 2064 B
}

// warmFmt is the process's first use of fmt (the testing framework has not formatted anything
// yet when TestAlloc starts), so it pays fmt's one-time costs: the pool's New func allocates a pp
// (1.19 fmt.glob..func1 208 B, 1.27 fmt.init.func1 176 B), sync.(*Pool).pinSlow allocates the
// per-P poolLocal array (one P: 128 B) and appends to allPools (16 B), the pp's buffer grows
// twice (16 B, 80 B), and the result is 80 B. Afterwards the pool holds that pp (one P, no GC),
// so sprintf below allocates only its result.
//
//go:noinline
func warmFmt() string {
	return fmt.Sprintf("%s-%s", fmtWarmArg...) // PROFILE: cum 6 objects, 528 B (1.19) / 496 B (1.27); flat 0 (all in fmt and sync)
}

// sprintf formats two already boxed strings (a static []any: no boxing, no variadic slice), so
// the only allocation per call is the result string in fmt.Sprintf (`s := string(p.buf)`):
// 7+1+70 = 78 B -> size class 80. It is flat in fmt.Sprintf (print.go:220 in 1.19, :232 in
// 1.27), cum here. That fmt.Sprintf row of the full .top has 49 objects, 3856 B: these 47, 80 B of
// warmFmt and 16 B of testing.fmtDuration (the "0.00s" of the test report, not under TestAlloc).
//
//go:noinline
func sprintf() string {
	return fmt.Sprintf("%s-%s", fmtArgs...) // PROFILE: cum 1 object of 78 B -> 80 B; x47 = 47 objects, 3760 B (flat in fmt.Sprintf)
}

// growGlobal appends n Pairs to a package-level slice starting from nil: runtime.growslice
// doubles the capacity (below 256 elements) 1, 2, 4, ..., 256: with n=200, 9 allocations of
// 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 B (all size classes) = 8176 B per call.
//
//go:noinline
func growGlobal(n int) {
	pairs = nil
	for i := 0; i < n; i++ {
		pairs = append(pairs, Pair{int64(i), int64(n)}) // PROFILE: n=200: 9 objects, 8176 B; x3 = 27 objects, 24528 B ALLOCATOR(1.19): runtime.growslice (Go 1.19 prints no verdict for append)
	}
}

// growLocal appends n Pairs to a local slice and returns it (the only way it escapes).
// Go 1.19: as growGlobal, 9 allocations, 8176 B. Go 1.27 (cmd/compile/internal/slice, not in
// 1.19): returning is the only escape, so the compiler gives the first append a 32-byte stack
// backing store (2 Pairs) and inserts a move2heap before the return (a no-op here: by then the
// backing store is on the heap); growslice starts from capacity 2: 4, 8, ..., 256 Pairs =
// 7 allocations of 64 .. 4096 B = 8128 B.
//
//go:noinline
func growLocal(n int) []Pair {
	var s []Pair
	for i := 0; i < n; i++ {
		s = append(s, Pair{int64(i), int64(n)}) // PROFILE: n=200: 1.19: 9 objects, 8176 B; x5 = 45 objects, 40880 B. 1.27: 7 objects, 8128 B; x5 = 35 objects, 40640 B ALLOCATOR(1.19): runtime.growslice
	}
	return s
}

// fillMap makes a map without a size hint and inserts n=9 keys, one more than a first bucket
// (Go 1.19) or group (Go 1.24+ swiss maps) holds, so the map grows once. The map escapes
// (returned), so makemap_small allocates its header on the heap.
// Go 1.19 (runtime/map.go): the first insert allocates bucket 0 (map[int64]int64's bucket is
// 8 tophash + 8*8 keys + 8*8 values + overflow pointer = 144 B, class 144); the 9th exceeds the
// load factor 6.5*2^0, hashGrow allocates 2 buckets (288 B, class 288). An overflow bucket
// (another 144 B) would be needed only if all 9 keys hashed into one of the 2 buckets: with
// the map's random hash seed that is a 2/512 chance per map, about 1% for the 3 maps (fillMap:83
// would then show one object, 144 B more).
// Go 1.27 (internal/runtime/maps): the first insert allocates one group (8 ctrl bytes + 8*16 =
// 136 B, class 144, growToSmall); the 9th makes a table (growToTable): the table struct 32 B,
// 2 groups 272 B -> 288 B, and the directory make([]*table, 1), 8 B: deterministic.
//
//go:noinline
func fillMap(n int) map[int64]int64 {
	m := make(map[int64]int64) // PROFILE: 1 object, hmap (1.19) / maps.Map (1.27) 48 B -> 48 B; x3 = 3 objects, 144 B
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i) // PROFILE: 1.19: 144 B + 288 B = 2 objects, 432 B; x3 = 6 objects, 1296 B. 1.27: 144 + 32 + 288 + 8 B = 4 objects, 472 B; x3 = 12 objects, 1416 B ALLOCATOR: runtime.mapassign (map buckets have no verdict)
	}
	return m
}

type item struct{ n int }

// collect puts two allocations on one line: each &item{...}, which has a heap verdict, and the
// growth of items, which has one only from Go 1.25. An item is 8 B without pointers: the tiny
// allocator packs two into one 16 B block, so 100 items are 50 objects, 800 B. Growth from nil,
// doubling below 256 elements, each a size class: Go 1.19 allocates capacities 1, 2, 4, ...,
// 128 pointers, 8 + 16 + ... + 1024 = 2040 B in 8 objects; Go 1.27 keeps capacities up to 32 B
// (1, 2, 4) in a buffer on the stack (as growLocal above shows), then 64 + 128 + 256 + 512 B
// and 128 pointers' 1024 B plus the 8 B header Go 1.22+ gives an object with pointers over
// 512 B, class 1152: 2112 B in 5 objects. The profile gives the line all of it (a heap
// profile's stack starts at the line, not at the allocator), so under Go 1.19 escviz must say
// the line's figures include the append's growth (ALSO), and not under Go 1.27, whose append
// has a verdict of its own.
//
//go:noinline
func collect(n int) []*item {
	var items []*item
	for i := 0; i < n; i++ {
		items = append(items, &item{i}) // PROFILE: n=100: 1.19: 50 blocks of items, 800 B + 8 growths, 2040 B; x1 = 58 objects, 2840 B. 1.27: 50 blocks, 800 B + 5 growths, 2112 B; x1 = 55 objects, 2912 B ALSO(1.19): append growth
	}
	return items
}
