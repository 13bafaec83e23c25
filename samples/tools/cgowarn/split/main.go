// Command split is plain Go that imports the cgo package capi: built with
// `go build -gcflags='-m -m' ./split`, only split itself gets -m, while gcc's
// warnings for capi's cgo wrappers land in the same stream.
package main

import (
	"fmt"

	"example.com/cgowarn/capi"
)

type box struct{ n int }

func wrap(n int) *box { return &box{n} }

func main() {
	b := wrap(capi.Twice(3) + capi.Twice2(4))
	fmt.Println(b.n, capi.Len("hello"))
}
