package helpers

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestAlloc makes the allocations of alloc.go a known number of times (see ../direct/alloc_test.go
// for why one P and no GC).
func TestAlloc(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))

	a := "abcdefghijklmnopqrstuvwx" // 24 bytes
	b := "0123456789ABCDEF"         // 16 bytes
	for i := 0; i < 43; i++ {
		strSink = concat(a, b)
	}
	fmtSink = warmFmt()
	for i := 0; i < 47; i++ {
		fmtSink = sprintf()
	}
	for i := 0; i < 3; i++ {
		growGlobal(200)
	}
	for i := 0; i < 5; i++ {
		pairsSink = growLocal(200)
	}
	for i := 0; i < 3; i++ {
		mapSink = fillMap(9)
	}
	itemsSink = collect(100)
}
