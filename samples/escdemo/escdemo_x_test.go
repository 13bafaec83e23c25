package main_test

import (
	"testing"

	main "example.com/escdemo"
)

// An external test package that imports the command's package: this makes `go vet` compile the
// test variant "example.com/escdemo [example.com/escdemo.test]" (its export data is needed).
func TestMapExternal(t *testing.T) {
	got := main.Map([]int{1, 2, 3}, func(i int) *main.Point { return &main.Point{X: i} })
	if len(got) != 3 || got[2].X != 3 {
		t.Fatalf("Map = %v", got)
	}
}
