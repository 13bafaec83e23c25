// Command propcheck checks the properties of issue 20 ("How to know chains are true") on escviz's
// chains of a real log: `escviz explain --all --format json LOG` (schema escviz-chains/1).
//
// Usage: propcheck CHAINS.json LOG SRCROOT
//
//	(a) every continuation into a callee passes the argument at the callee's parameter of the same
//	    position: the argument's index in the call read from the Go source (the CallExpr whose '(' is
//	    at call_pos; a method call x.M(...) is printed (*T).M(x, ...), so its printed index is the
//	    source index + 1) equals arg_index, and the callee's declaration at callee_decl has param at
//	    param_index (the receiver is index 0 of a method). A call printed from inside an inlined body
//	    (inlined_body) has the outer call's source at call_pos: its argument is checked in the printed
//	    call text only, and counted apart.
//	(b) no chain passes through a location introduced at a different position: within a segment, each
//	    step's src (and src_intro) equals the previous step's dst (and dst_intro).
//	(c) every explanation block of the log belongs to exactly one chain: the header lines of the log
//	    (`X escapes to heap[ in F]:`, `parameter P leaks to L[ for F] with derefs=N:`) are exactly the
//	    first segments' log_line of the chains, each once, and blocks.log / blocks.in_chains agree.
//
// Prints the counts per property and every violation (the first 20 of each kind in full); exits 1 on
// any violation, 2 on a usage or input error. Standard library only (go/parser, go/ast, go/token).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type chainsDoc struct {
	Schema string `json:"schema"`
	Blocks struct {
		Log      *int `json:"log"`
		InChains *int `json:"in_chains"`
	} `json:"blocks"`
	Chains []chain `json:"chains"`
}

type chain struct {
	Verdict struct {
		Kind    string `json:"kind"`
		Subject string `json:"subject"`
		Pos     string `json:"pos"`
		LogLine int    `json:"log_line"`
	} `json:"verdict"`
	Block    int       `json:"block"`
	Blocks   int       `json:"blocks"`
	Segments []segment `json:"segments"`
	End      string    `json:"end"`
}

type segment struct {
	Function string `json:"function"`
	Header   string `json:"header"`
	Pos      string `json:"pos"`
	LogLine  int    `json:"log_line"`
	Steps    []step `json:"steps"`
	Into     *into  `json:"into"`
}

type step struct {
	Dst      string  `json:"dst"`
	DstIntro *string `json:"dst_intro"`
	Src      string  `json:"src"`
	SrcIntro *string `json:"src_intro"`
}

type into struct {
	Via         string  `json:"via"`
	Call        string  `json:"call"`
	CallPos     string  `json:"call_pos"`
	Arg         string  `json:"arg"`
	ArgPos      *string `json:"arg_pos"`
	ArgIndex    *int    `json:"arg_index"`
	Callee      string  `json:"callee"`
	CalleeDecl  string  `json:"callee_decl"`
	Param       *string `json:"param"`
	ParamIndex  *int    `json:"param_index"`
	InlinedBody bool    `json:"inlined_body"`
}

// counts is one property's tally: checked, violations and the cases it could not check, by reason.
type counts struct {
	name       string
	checked    int
	violations []string
	skipped    map[string]int
}

func newCounts(name string) *counts { return &counts{name: name, skipped: map[string]int{}} }

func (c *counts) fail(format string, a ...interface{}) {
	c.violations = append(c.violations, fmt.Sprintf(format, a...))
}

func (c *counts) print(w io.Writer) {
	fmt.Fprintf(w, "%s: %d checked, %d violations", c.name, c.checked, len(c.violations))
	keys := make([]string, 0, len(c.skipped))
	for k := range c.skipped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, ", %d %s", c.skipped[k], k)
	}
	fmt.Fprintln(w)
	for i, v := range c.violations {
		if i == 20 {
			fmt.Fprintf(w, "  ... and %d more\n", len(c.violations)-20)
			break
		}
		fmt.Fprintf(w, "  VIOLATION %s\n", v)
	}
}

// ---- sources ----------------------------------------------------------------------------------

type sources struct {
	root  string
	fset  *token.FileSet
	files map[string]*ast.File // nil: unreadable or not Go
	text  map[string][]byte
}

var posRE = regexp.MustCompile(`^(.*?):(\d+)(?::(\d+))?$`)

// splitPos parses FILE:LINE[:COL].
func splitPos(p string) (file string, line, col int, ok bool) {
	m := posRE.FindStringSubmatch(p)
	if m == nil {
		return "", 0, 0, false
	}
	line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		col, _ = strconv.Atoi(m[3])
	}
	return m[1], line, col, true
}

func (s *sources) file(name string) *ast.File {
	if strings.HasPrefix(name, "<") {
		return nil
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(s.root, name)
	}
	if f, ok := s.files[path]; ok {
		return f
	}
	f, err := parser.ParseFile(s.fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		f = nil
	}
	s.files[path] = f
	return f
}

func (s *sources) lineCol(p token.Pos) (int, int) {
	pp := s.fset.Position(p)
	return pp.Line, pp.Column
}

// callAt is the CallExpr whose '(' is at line:col (else the only CallExpr starting on that line whose
// '(' is on it, when there is one).
func (s *sources) callAt(f *ast.File, line, col int) *ast.CallExpr {
	var exact *ast.CallExpr
	var onLine []*ast.CallExpr
	ast.Inspect(f, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		l, cl := s.lineCol(c.Lparen)
		if l == line && cl == col {
			exact = c
		}
		if l == line {
			onLine = append(onLine, c)
		}
		return true
	})
	if exact != nil {
		return exact
	}
	if col == 0 && len(onLine) == 1 {
		return onLine[0]
	}
	return nil
}

// paramNames are the parameters of the function declared at line:col, the receiver first for a
// method, "" for an unnamed one; ok is false when no declaration is there.
func (s *sources) paramNames(f *ast.File, line, col int) (names []string, variadic bool, isMethod bool, ok bool) {
	var best *ast.FuncType
	var recv *ast.FieldList
	ast.Inspect(f, func(n ast.Node) bool {
		var ft *ast.FuncType
		var rv *ast.FieldList
		var cands []token.Pos
		switch d := n.(type) {
		case *ast.FuncDecl:
			ft, rv = d.Type, d.Recv
			cands = []token.Pos{d.Name.Pos(), d.Type.Func}
			if d.Recv != nil {
				cands = append(cands, d.Recv.Opening)
			}
		case *ast.FuncLit:
			ft = d.Type
			cands = []token.Pos{d.Type.Func}
		default:
			return true
		}
		for _, p := range cands {
			l, c := s.lineCol(p)
			if l == line && (col == 0 || c == col) {
				best, recv = ft, rv
				return false
			}
		}
		return true
	})
	if best == nil {
		return nil, false, false, false
	}
	add := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, fld := range fl.List {
			if len(fld.Names) == 0 {
				names = append(names, "")
				continue
			}
			for _, n := range fld.Names {
				names = append(names, n.Name)
			}
		}
	}
	add(recv)
	add(best.Params)
	if best.Params != nil && len(best.Params.List) > 0 {
		_, variadic = best.Params.List[len(best.Params.List)-1].Type.(*ast.Ellipsis)
	}
	return names, variadic, recv != nil, true
}

// ---- printed call text ----------------------------------------------------------------------

var implicitRE = regexp.MustCompile(`\.\.\. argument`)

// printedArgs are the argument texts of a call as the compiler printed it ("" when it does not parse
// as Go once the compiler's `... argument` is replaced by an identifier).
func printedArgs(call string) ([]string, *ast.CallExpr) {
	text := sanitize(call)
	e, err := parser.ParseExpr(text)
	if err != nil {
		return nil, nil
	}
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	var out []string
	for _, a := range c.Args {
		s := text[a.Pos()-1 : a.End()-1]
		out = append(out, s)
	}
	return out, c
}

var dotNameRE = regexp.MustCompile(`(^|[^\w)\]])\.(\w)`)

// sanitize makes the compiler's printed expressions Go: `... argument` an identifier, elided
// composite literal elements {...} empty, `func literal` an identifier, compiler names (.autotmp_3, .this, ~R0, ~p0) identifiers.
func sanitize(s string) string {
	s = implicitRE.ReplaceAllString(s, "_dotdotdot_argument_")
	s = strings.ReplaceAll(s, "{...}", "{}")
	s = strings.ReplaceAll(s, "func literal", "_func_literal_")
	s = dotNameRE.ReplaceAllString(s, "${1}_$2")
	return strings.ReplaceAll(s, "~", "_")
}

func sameArg(printed, arg string) bool {
	n := func(s string) string { return strings.TrimSuffix(strings.Join(strings.Fields(sanitize(s)), ""), "...") }
	return n(printed) == n(arg)
}

// ---- the properties -------------------------------------------------------------------------

func checkContinuation(src *sources, c *chain, k int, in *into, pa *counts) {
	where := fmt.Sprintf("%s %s (log line %d) segment %d: %s", c.Verdict.Pos, c.Verdict.Subject,
		c.Verdict.LogLine, k+1, in.Call)
	if in.ArgIndex == nil || in.ParamIndex == nil || in.Param == nil {
		pa.fail("%s: continuation without arg_index, param or param_index", where)
		return
	}
	ai, pi, param := *in.ArgIndex, *in.ParamIndex, *in.Param
	pargs, pcall := printedArgs(in.Call)
	// A generic wrapper's dictionary (`&.dict.F[T]`, printed first) is no argument of the source:
	// arg_index counts without it.
	if len(pargs) > 0 && (strings.HasPrefix(pargs[0], "&.dict.") || strings.HasPrefix(pargs[0], "&_dict.") ||
		strings.Contains(pargs[0], "(.dict[") || strings.Contains(pargs[0], "(_dict[")) {
		pargs = pargs[1:]
	}
	// The callee's declaration.
	var names []string
	var variadic, isMethod, declOK bool
	if file, line, col, ok := splitPos(in.CalleeDecl); ok {
		if f := src.file(file); f != nil {
			names, variadic, isMethod, declOK = src.paramNames(f, line, col)
		}
	}
	if !declOK {
		pa.skipped["callee declaration not in the sources"]++
	} else {
		switch {
		case pi < 0 || pi >= len(names):
			pa.fail("%s: param_index %d, but %s at %s has %d parameters", where, pi, in.Callee, in.CalleeDecl, len(names))
		case names[pi] != param && !(names[pi] == "" || names[pi] == "_") && !strings.HasSuffix(param, "."+names[pi]):
			pa.fail("%s: %s at %s has %q at index %d, not %q", where, in.Callee, in.CalleeDecl, names[pi], pi, param)
		}
	}
	_ = isMethod

	// The argument's position in the call.
	if in.InlinedBody {
		pa.skipped["inside inlined bodies: checked by text only"]++
		if pargs == nil {
			pa.skipped["printed call not Go"]++
			return
		}
		if ai < 0 || ai >= len(pargs) {
			pa.fail("%s: arg_index %d, but the printed call has %d arguments", where, ai, len(pargs))
			return
		}
		if !sameArg(pargs[ai], in.Arg) {
			pa.fail("%s: printed argument %d is %q, not %q", where, ai, pargs[ai], in.Arg)
		}
		if declOK && ai != pi && !(variadic && pi == len(names)-1 && ai >= pi) {
			pa.fail("%s: arg_index %d, param_index %d", where, ai, pi)
		}
		pa.checked++
		return
	}
	file, line, col, ok := splitPos(in.CallPos)
	var f *ast.File
	if ok {
		f = src.file(file)
	}
	if f == nil {
		pa.skipped["call not in the sources"]++
		return
	}
	call := src.callAt(f, line, col)
	if call == nil {
		pa.skipped["no call expression at call_pos"]++
		return
	}
	// x.M(a) is printed (*T).M(x, a) (the receiver is printed argument 0) when M is a method of x's
	// type; a call of a package's function (fmt.F), through an interface (s.Put) or of a func value
	// is printed as in the source.
	offset := 0
	if sel, isSel := call.Fun.(*ast.SelectorExpr); isSel && pcall != nil && !isPackage(f, sel.X) {
		printedFun := sanitize(in.Call)[pcall.Fun.Pos()-1 : pcall.Fun.End()-1]
		// The receiver printed first as itself, or as the compiler's copy of it
		// (`Config.Build(.autotmp_3, options...)` for cfg.Build(options...)): one argument more.
		recvFirst := len(pargs) > 0 && (sameArg(pargs[0], exprText(src, f, sel.X)) ||
			len(pargs) == len(call.Args)+1 && strings.HasSuffix(printedFun, "."+sel.Sel.Name))
		if strings.HasPrefix(printedFun, "(") || !sameArg(printedFun, exprText(src, f, call.Fun)) && recvFirst {
			offset = 1
		}
	} else if sel, isSel := call.Fun.(*ast.SelectorExpr); isSel && pcall == nil && strings.HasPrefix(in.Call, "(") && !isPackage(f, sel.X) {
		offset = 1 // a method expression whose printed call is not Go (a long string cut with ...)
	}
	// The argument by its text first: the compiler's argument positions are not always on the
	// argument (Go 1.19 puts the interface conversion of writeJSON(w, 200, users)'s users at 200).
	srcIndex := -1
	{
		var hits []int
		for i, a := range call.Args {
			if sameArg(exprText(src, f, a), in.Arg) {
				hits = append(hits, i+offset)
			}
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && offset == 1 && sameArg(exprText(src, f, sel.X), in.Arg) {
			hits = append(hits, 0)
		}
		if len(hits) == 1 {
			srcIndex = hits[0]
		}
	}
	if srcIndex < 0 && in.ArgPos != nil {
		if _, al, ac, ok := splitPos(*in.ArgPos); ok {
			for i, a := range call.Args {
				sl, sc := src.lineCol(a.Pos())
				el, ec := src.lineCol(a.End())
				if (al > sl || al == sl && ac >= sc) && (al < el || al == el && ac < ec) {
					srcIndex = i + offset
				}
			}
			if offset == 1 {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					sl, sc := src.lineCol(sel.X.Pos())
					el, ec := src.lineCol(sel.X.End())
					if (al > sl || al == sl && ac >= sc) && (al < el || al == el && ac < ec) {
						srcIndex = 0
					}
				}
			}
		}
	}
	if srcIndex < 0 {
		if in.Arg == "... argument" && declOK && variadic && pi == len(names)-1 && ai == pi {
			pa.checked++ // the implicit slice of a variadic call is the last parameter
			pa.skipped["implicit ... argument (checked against the variadic parameter)"]++
			return
		}
		pa.skipped["argument not found in the source call"]++
		return
	}
	pa.checked++
	if srcIndex != ai {
		if !(variadic && declOK && pi == len(names)-1 && ai == pi && srcIndex >= ai) {
			pa.fail("%s: the argument %q is argument %d of the source call at %s, arg_index says %d", where, in.Arg, srcIndex, in.CallPos, ai)
			return
		}
	}
	if declOK && ai != pi && !(variadic && pi == len(names)-1 && ai >= pi) {
		pa.fail("%s: arg_index %d but param_index %d (%s)", where, ai, pi, param)
	}
}

// isPackage tells whether x names an imported package of f.
func isPackage(f *ast.File, x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		if name == id.Name || strings.HasPrefix(name, "go-") && strings.TrimPrefix(name, "go-") == id.Name {
			return true
		}
	}
	return false
}

func exprText(src *sources, f *ast.File, e ast.Expr) string {
	tf := src.fset.File(f.Pos())
	if tf == nil {
		return ""
	}
	data, ok := src.text[tf.Name()]
	if !ok {
		data, _ = os.ReadFile(tf.Name())
		src.text[tf.Name()] = data
	}
	s, t := tf.Offset(e.Pos()), tf.Offset(e.End())
	if s < 0 || t > len(data) || s > t {
		return ""
	}
	return string(data[s:t])
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func checkIntros(c *chain, pb *counts) {
	for k, s := range c.Segments {
		for i := 1; i < len(s.Steps); i++ {
			prev, cur := s.Steps[i-1], s.Steps[i]
			pb.checked++
			if cur.Src != prev.Dst || str(cur.SrcIntro) != str(prev.DstIntro) {
				pb.fail("%s %s (log line %d) segment %d (log line %d) step %d: from %s [%s] but the step before went to %s [%s]",
					c.Verdict.Pos, c.Verdict.Subject, c.Verdict.LogLine, k+1, s.LogLine, i+1,
					cur.Src, str(cur.SrcIntro), prev.Dst, str(prev.DstIntro))
			}
		}
	}
}

var posPrefixRE = regexp.MustCompile(`^(?:<unknown line number>|(?:<autogenerated>|[^\s:]+?):\d+(?::\d+)?): `)

var headerRE = regexp.MustCompile(`^(?:<unknown line number>|.*?:\d+(?::\d+)?): (?:\S.* escapes to heap(?: in .+)?|parameter \S.* leaks to .+ with derefs=-?\d+):$`)

func logHeaders(path string) (map[int]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		r = gz
	}
	out := map[int]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	// A message whose subject holds a raw string spans lines (the compiler prints it verbatim): it is
	// read from its first line, with a position, to the line that closes the backquotes, and counted
	// at its first line.
	n, start := 0, 0
	var msg strings.Builder
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if start == 0 {
			if strings.Count(line, "`")%2 == 0 || !posPrefixRE.MatchString(line) {
				if strings.HasSuffix(line, ":") && headerRE.MatchString(line) {
					out[n] = true
				}
				continue
			}
			start = n
			msg.Reset()
			msg.WriteString(line)
			continue
		}
		if posPrefixRE.MatchString(line) {
			// A new message: the backquote opened no raw string (a '`' in a char literal or a
			// string); the held line is a message of its own and this line starts afresh.
			if held := msg.String(); strings.HasSuffix(held, ":") && headerRE.MatchString(held) {
				out[start] = true
			}
			start = 0
			if strings.Count(line, "`")%2 == 1 {
				start = n
				msg.Reset()
				msg.WriteString(line)
			} else if strings.HasSuffix(line, ":") && headerRE.MatchString(line) {
				out[n] = true
			}
			continue
		}
		msg.WriteString("\n")
		msg.WriteString(line)
		if strings.Count(line, "`")%2 == 1 {
			text := msg.String()
			if strings.HasSuffix(text, ":") && headerRE.MatchString(strings.ReplaceAll(text, "\n", " ")) {
				out[start] = true
			}
			start = 0
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: line %d: %v", path, n+1, err)
	}
	return out, nil
}

func checkBlocks(doc *chainsDoc, headers map[int]bool, pc *counts) {
	owner := map[int]int{}
	type vb struct{ verdict, block int }
	seen := map[vb]bool{}
	for i := range doc.Chains {
		c := &doc.Chains[i]
		if len(c.Segments) == 0 {
			pc.skipped["verdicts with no explanation block"]++ // nothing of the log to own
			continue
		}
		key := vb{c.Verdict.LogLine, c.Block}
		if seen[key] {
			pc.fail("verdict at log line %d has block %d twice", c.Verdict.LogLine, c.Block)
		}
		seen[key] = true
		if c.Block < 0 || c.Block >= c.Blocks {
			pc.fail("verdict at log line %d: block %d of %d", c.Verdict.LogLine, c.Block, c.Blocks)
		}
		ll := c.Segments[0].LogLine
		if j, dup := owner[ll]; dup {
			pc.fail("the block at log line %d is the first segment of chains %d and %d", ll, j, i)
		}
		owner[ll] = i
		if !headers[ll] {
			pc.fail("chain %d (%s %s) starts at log line %d, which is no explanation header", i, c.Verdict.Pos, c.Verdict.Subject, ll)
		}
	}
	missing := []int{}
	for ll := range headers {
		pc.checked++
		if _, ok := owner[ll]; !ok {
			missing = append(missing, ll)
		}
	}
	sort.Ints(missing)
	for _, ll := range missing {
		pc.fail("the explanation block at log line %d belongs to no chain", ll)
	}
	if doc.Blocks.Log == nil || *doc.Blocks.Log != len(headers) {
		pc.fail("blocks.log is %v, the log has %d explanation headers", intp(doc.Blocks.Log), len(headers))
	}
	if doc.Blocks.InChains == nil || *doc.Blocks.InChains != len(owner) {
		pc.fail("blocks.in_chains is %v, the chains start at %d distinct blocks", intp(doc.Blocks.InChains), len(owner))
	}
}

func intp(p *int) string {
	if p == nil {
		return "missing"
	}
	return strconv.Itoa(*p)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: propcheck CHAINS.json LOG SRCROOT")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "propcheck: %v\n", err)
		os.Exit(2)
	}
	var doc chainsDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		fmt.Fprintf(os.Stderr, "propcheck: %s: %v\n", os.Args[1], err)
		os.Exit(2)
	}
	if doc.Schema != "escviz-chains/1" {
		fmt.Fprintf(os.Stderr, "propcheck: %s: schema %q, expected escviz-chains/1\n", os.Args[1], doc.Schema)
		os.Exit(2)
	}
	headers, err := logHeaders(os.Args[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "propcheck: %v\n", err)
		os.Exit(2)
	}
	src := &sources{root: os.Args[3], fset: token.NewFileSet(), files: map[string]*ast.File{}, text: map[string][]byte{}}
	pa := newCounts("(a) argument position = parameter position")
	pb := newCounts("(b) steps through one location (name and intro)")
	pc := newCounts("(c) every explanation block in exactly one chain")
	conts := 0
	for i := range doc.Chains {
		c := &doc.Chains[i]
		for k := range c.Segments {
			if in := c.Segments[k].Into; in != nil && in.Via == "call" {
				conts++
				checkContinuation(src, c, k, in, pa)
			}
		}
		checkIntros(c, pb)
	}
	checkBlocks(&doc, headers, pc)
	fmt.Printf("%d chains, %d continuations into a callee, %d explanation headers in %s\n",
		len(doc.Chains), conts, len(headers), os.Args[2])
	bad := false
	for _, c := range []*counts{pa, pb, pc} {
		c.print(os.Stdout)
		bad = bad || len(c.violations) > 0
	}
	if bad {
		os.Exit(1)
	}
}
