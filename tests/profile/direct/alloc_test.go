package direct

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestAlloc makes the allocations of alloc.go a known number of times. One P and no GC while it
// runs: the goroutine keeps one mcache (tiny blocks), and nothing is collected before the
// profile is written (testing runs runtime.GC before writing -memprofile, which publishes every
// allocation made so far). The loops themselves allocate nothing.
func TestAlloc(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))

	for i := 0; i < 11; i++ {
		bigSink = newBig()
	}
	for i := 0; i < 13; i++ {
		storeRec()
	}
	for i := 0; i < 17; i++ {
		bufSink = makeBuf(100)
	}
	for i := 0; i < 19; i++ {
		adderSink = makeAdder(i, 3)
	}
	for i := 0; i < 23; i++ {
		countSink = makeCounter()
	}
	for i := 0; i < 1000; i++ {
		anySink[i%len(anySink)] = box(1000 + i)
	}
	for i := 0; i < 29; i++ {
		list.Push(i)
	}
	for i := 0; i < 31; i++ {
		int64Sink = Collect(10, square)
	}
	for i := 0; i < 37; i++ {
		strSink = Collect(7, label)
	}
	placePoints(41)
	drawSegments(43)
}
