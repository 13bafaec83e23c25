package main

// The //line directive below makes the compiler report positions in "generated.y",
// so that -gcflags=-L prints the bracket form rel:line[abs:line:col].

//line generated.y:100
func passThrough(p *Point) *Point { return p }

//line generated.y:200
func lineGlobal(p *Point) { sink = p }
