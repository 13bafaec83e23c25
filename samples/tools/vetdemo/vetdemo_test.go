package vetdemo

import (
	"fmt"
	"testing"
)

func TestParse(t *testing.T) {
	it, err := Parse("x")
	if err != nil {
		t.Errorf("Parse: %w", err)
	}
	if got := Describe(it); got != "item(x)" {
		t.Errorf("Describe = %d", got)
	}
	_, err = Parse("")
	if err == nil {
		t.Fatal(fmt.Errorf("want error, got %w", 42))
	}
	t.Logf("done", it)
}
