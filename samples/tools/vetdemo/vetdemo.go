// Package vetdemo is a tiny library whose test file has mistakes that the vet
// checks run by `go test` report, so that their findings share the stream with
// the compiler's -m diagnostics.
package vetdemo

import (
	"errors"
	"fmt"
)

// ErrEmpty is returned by Parse for an empty input.
var ErrEmpty = errors.New("empty input")

type item struct{ name string }

// Parse returns a new item for s.
func Parse(s string) (*item, error) {
	if s == "" {
		return nil, ErrEmpty
	}
	return &item{name: s}, nil
}

// Describe formats it.
func Describe(it *item) string {
	return fmt.Sprintf("item(%s)", it.name)
}
