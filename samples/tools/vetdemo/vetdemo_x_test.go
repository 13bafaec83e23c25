package vetdemo_test

import (
	"errors"
	"testing"

	"example.com/vetdemo"
)

type parseError struct{ msg string }

func (e parseError) Error() string { return e.msg }

func TestEmpty(t *testing.T) {
	_, err := vetdemo.Parse("")
	var pe parseError
	if errors.As(err, pe) {
		t.Fatalf("unexpected parseError %v", pe)
	}
	if !errors.Is(err, vetdemo.ErrEmpty) {
		t.Fatalf("got %v", err)
	}
}
