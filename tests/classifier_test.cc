// Tests for parsers/classifier.h: one TEST_CASE per LineKind, the parser traps of
// go-diagnostics.md section 10, and a sweep over every line of samples/*.log.
// Lines are verbatim from the reference where it has them (section cited in a comment).
// Over 400 lines: one case per line kind (44 of them) reads best as one table-like file.

#include "parsers/classifier.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "src/line_kind.h"

using escviz::Classifier;
using escviz::LineKind;
using escviz::LineKindName;
using escviz::ParsedLine;
using escviz::ParseFlowBody;

namespace {

const Classifier& TheClassifier() {
  static const Classifier c;
  return c;
}

/// The views in the result point into `line`: callers pass literals or keep the string alive.
ParsedLine Classify(std::string_view line) { return TheClassifier().Classify(line); }

std::string KindName(LineKind k) { return std::string(LineKindName(k)); }

/// A string with the exact bytes of a literal, embedded NULs included.
template <size_t N>
std::string Bytes(const char (&a)[N]) {
  return std::string(a, N - 1);
}

/// Checks the kind with a readable failure message.
#define CHECK_KIND(parsed, expected) CHECK(KindName((parsed).kind) == KindName(expected))
#define REQUIRE_KIND(parsed, expected) REQUIRE(KindName((parsed).kind) == KindName(expected))

}  // namespace

// ------------------------------------------------------------------------------------------
// Framing: blank lines and package headers (section 1.4).

TEST_CASE("kBlank", "[classifier]") {
  for (std::string_view s : {"", " ", "\t", "   \t  "}) {
    INFO("line: '" << std::string(s) << "'");
    ParsedLine p = Classify(s);
    CHECK_KIND(p, LineKind::kBlank);
    CHECK_FALSE(p.has_pos);
  }
}

TEST_CASE("kPackageHeader", "[classifier]") {
  // Section 1.4 / 11.6.
  ParsedLine p = Classify("# example.com/esc/sub [example.com/esc/sub.test]");
  CHECK_KIND(p, LineKind::kPackageHeader);
  CHECK(p.subject == "example.com/esc/sub");
  CHECK(p.object == "example.com/esc/sub.test");
  CHECK_FALSE(p.has_pos);

  p = Classify("# command-line-arguments");
  CHECK_KIND(p, LineKind::kPackageHeader);
  CHECK(p.subject == "command-line-arguments");
  CHECK(p.object.empty());

  p = Classify("# example.com/esc/sub.test");
  CHECK_KIND(p, LineKind::kPackageHeader);
  CHECK(p.subject == "example.com/esc/sub.test");
  CHECK(p.object.empty());

  p = Classify("# learning-go/chapters/06-pointers/ex07");  // 11.2
  CHECK_KIND(p, LineKind::kPackageHeader);
  CHECK(p.subject == "learning-go/chapters/06-pointers/ex07");
}

// ------------------------------------------------------------------------------------------
// Verdicts (section 3).

TEST_CASE("kMovedToHeap", "[classifier]") {
  ParsedLine p = Classify("./main.go:10:2: moved to heap: value");  // 11.2
  CHECK_KIND(p, LineKind::kMovedToHeap);
  CHECK(p.has_pos);
  CHECK(p.pos.file == "./main.go");
  CHECK(p.pos.line == 10);
  CHECK(p.pos.col == 2);
  CHECK(p.subject == "value");

  p = Classify("examples/escape.go:4:2: moved to heap: x");  // 11.5
  CHECK_KIND(p, LineKind::kMovedToHeap);
  CHECK(p.subject == "x");
  CHECK(p.pos.file == "examples/escape.go");
}

TEST_CASE("kMovedToHeap without a position (WarnfAt, unknown pos)", "[classifier]") {
  // Section 1.1: unknown position on the WarnfAt path prints no prefix at all.
  ParsedLine p = Classify("moved to heap: x");
  CHECK_KIND(p, LineKind::kMovedToHeap);
  CHECK_FALSE(p.has_pos);
  CHECK(p.subject == "x");
}

TEST_CASE("kEscapesToHeap", "[classifier]") {
  ParsedLine p = Classify("./main.go:23:14: *storage.value escapes to heap");  // 11.2
  CHECK_KIND(p, LineKind::kEscapesToHeap);
  CHECK(p.subject == "*storage.value");
  CHECK(p.func.empty());
  CHECK(p.pos.line == 23);
  CHECK(p.pos.col == 14);

  p = Classify("./main.go:31:25: &T{...} escapes to heap");  // 11.6
  CHECK_KIND(p, LineKind::kEscapesToHeap);
  CHECK(p.subject == "&T{...}");

  p = Classify("./main.go:51:11: make([]byte, n) escapes to heap");  // 11.6
  CHECK_KIND(p, LineKind::kEscapesToHeap);
  CHECK(p.subject == "make([]byte, n)");

  p = Classify("sub/sub_test.go:8:11: \"bad\" escapes to heap");  // 11.6
  CHECK_KIND(p, LineKind::kEscapesToHeap);
  CHECK(p.subject == "\"bad\"");

  // E4 (section 3.2, 11.3): `append escapes to heap` is a verdict, not a header.
  p = Classify("./problematic_patterns.go:45:16: append escapes to heap");
  CHECK_KIND(p, LineKind::kEscapesToHeap);
  CHECK(p.subject == "append");
}

TEST_CASE("trap 7: header `X escapes to heap:` vs verdict `X escapes to heap`", "[classifier]") {
  ParsedLine header = Classify("./main.go:48:6: big escapes to heap:");  // 11.6
  ParsedLine verdict = Classify("./main.go:48:6: big escapes to heap");
  CHECK_KIND(header, LineKind::kEscapesHeader);
  CHECK_KIND(verdict, LineKind::kEscapesToHeap);
  CHECK(header.subject == "big");
  CHECK(verdict.subject == "big");
  CHECK(header.func.empty());
}

TEST_CASE("kDoesNotEscape", "[classifier]") {
  ParsedLine p = Classify("./main.go:14:17: storage does not escape");  // 11.2
  CHECK_KIND(p, LineKind::kDoesNotEscape);
  CHECK(p.subject == "storage");

  p = Classify("./main.go:23:13: ... argument does not escape");  // 11.2
  CHECK_KIND(p, LineKind::kDoesNotEscape);
  CHECK(p.subject == "... argument");

  p = Classify("./main.go:150:16: ([]byte)(\"hi\") does not escape");  // 11.6
  CHECK_KIND(p, LineKind::kDoesNotEscape);
  CHECK(p.subject == "([]byte)(\"hi\")");

  p = Classify("./problematic_patterns.go:45:16: append does not escape");  // E4
  CHECK_KIND(p, LineKind::kDoesNotEscape);
  CHECK(p.subject == "append");
}

TEST_CASE("kLeakingParam", "[classifier]") {
  ParsedLine p = Classify("./main.go:14:35: leaking param: value");  // 11.2
  CHECK_KIND(p, LineKind::kLeakingParam);
  CHECK(p.subject == "value");
  CHECK(p.object.empty());

  p = Classify("<autogenerated>:1: leaking param: .this");
  CHECK_KIND(p, LineKind::kLeakingParam);
  CHECK(p.subject == ".this");
  CHECK(p.pos.file == "<autogenerated>");
}

TEST_CASE("kLeakingParamToResult vs kLeakingParam", "[classifier]") {
  ParsedLine p = Classify("./main.go:20:12: leaking param: x to result ~r0 level=0");  // 11.6
  CHECK_KIND(p, LineKind::kLeakingParamToResult);
  CHECK(p.subject == "x");
  CHECK(p.object == "~r0");
  CHECK(p.number == 0);

  p = Classify("./main.go:24:18: leaking param: pp to result ~r0 level=1");  // 11.6
  CHECK_KIND(p, LineKind::kLeakingParamToResult);
  CHECK(p.subject == "pp");
  CHECK(p.object == "~r0");
  CHECK(p.number == 1);

  // Pre-1.14 negative level (section 3.2 E8) still parses.
  p = Classify("./x.go:3:8: leaking param: x to result ~r1 level=-1");
  CHECK_KIND(p, LineKind::kLeakingParamToResult);
  CHECK(p.object == "~r1");
  CHECK(p.number == -1);

  p = Classify("./main.go:20:12: leaking param: x");
  CHECK_KIND(p, LineKind::kLeakingParam);
  CHECK(p.subject == "x");

  // -L form (11.6).
  p = Classify("generated.y:100[/path/to/esc/ld.go:4:20]: leaking param: p to result ~r0 level=0");
  CHECK_KIND(p, LineKind::kLeakingParamToResult);
  CHECK(p.pos.file == "generated.y");
  CHECK(p.pos.physical == "/path/to/esc/ld.go:4:20");
  CHECK(p.subject == "p");
}

TEST_CASE("kLeakingParamContent", "[classifier]") {
  ParsedLine p = Classify("./main.go:108:15: leaking param content: s");  // 11.6
  CHECK_KIND(p, LineKind::kLeakingParamContent);
  CHECK(p.subject == "s");

  p = Classify("./problematic_patterns.go:32:7: leaking param content: cg");  // 11.3
  CHECK_KIND(p, LineKind::kLeakingParamContent);
  CHECK(p.subject == "cg");
}

TEST_CASE("kZeroCopy", "[classifier]") {
  ParsedLine p = Classify("./main.go:62:13: zero-copy string->[]byte conversion");  // E5
  CHECK_KIND(p, LineKind::kZeroCopy);
  CHECK(p.has_pos);
  CHECK(p.pos.line == 62);
}

TEST_CASE("kAssumingUnsafeUintptr", "[classifier]") {
  // 11.6 cgo excerpt.
  ParsedLine p = Classify(
      "/path/to/tempdir/go-build2209653357/b001/_cgo_gotypes.go:42:43: assuming arg#2 is unsafe "
      "uintptr");
  CHECK_KIND(p, LineKind::kAssumingUnsafeUintptr);
  CHECK(p.subject == "arg#2");
  CHECK(p.pos.file == "/path/to/tempdir/go-build2209653357/b001/_cgo_gotypes.go");
  CHECK(p.pos.line == 42);
  CHECK(p.pos.col == 43);
}

TEST_CASE("kMarkingEscapingUintptr", "[classifier]") {
  // E11, both forms.
  ParsedLine p = Classify("./main.go:9:14: marking p as escaping ...uintptr");
  CHECK_KIND(p, LineKind::kMarkingEscapingUintptr);
  CHECK(p.subject == "p");
  CHECK(p.reason == "...");  // the variadic form is told apart (issue 20, defect 11)

  p = Classify("./main.go:9:14: marking q as escaping uintptr");
  CHECK_KIND(p, LineKind::kMarkingEscapingUintptr);
  CHECK(p.subject == "q");
  CHECK(p.reason.empty());

  // $GOROOT/test/uintptrescapes2.go (Go 1.19, -C): unnamed parameters.
  p = Classify("uintptrescapes2.go:25: marking arg#1 as escaping ...uintptr");
  CHECK_KIND(p, LineKind::kMarkingEscapingUintptr);
  CHECK(p.subject == "arg#1");
  CHECK(p.reason == "...");
}

TEST_CASE("kMutatesParam", "[classifier]") {
  ParsedLine p = Classify("./main.go:5:8: mutates param: p derefs=1");  // E12
  CHECK_KIND(p, LineKind::kMutatesParam);
  CHECK(p.subject == "p");
  CHECK(p.number == 1);
}

TEST_CASE("kCallsParam", "[classifier]") {
  ParsedLine p = Classify("./main.go:5:8: calls param: f derefs=0");  // E12
  CHECK_KIND(p, LineKind::kCallsParam);
  CHECK(p.subject == "f");
  CHECK(p.number == 0);
}

TEST_CASE("kNoEscapeMutateCall is not kDoesNotEscape", "[classifier]") {
  ParsedLine p = Classify("./main.go:5:8: p does not escape, mutate, or call");  // E12
  CHECK_KIND(p, LineKind::kNoEscapeMutateCall);
  CHECK(p.kind != LineKind::kDoesNotEscape);
  CHECK(p.subject == "p");
}

// ------------------------------------------------------------------------------------------
// Explanations (section 4).

TEST_CASE("kEscapesHeader, old and Go 1.26 forms", "[classifier]") {
  ParsedLine p = Classify("examples/escape.go:4:2: x escapes to heap:");  // 11.5
  CHECK_KIND(p, LineKind::kEscapesHeader);
  CHECK(p.subject == "x");
  CHECK(p.func.empty());

  p = Classify("./main.go:10:2: value escapes to heap in newValue:");  // 11.2
  CHECK_KIND(p, LineKind::kEscapesHeader);
  CHECK(p.subject == "value");
  CHECK(p.func == "newValue");

  p = Classify("./main.go:23:14: *storage.value escapes to heap in main:");  // 11.2
  CHECK_KIND(p, LineKind::kEscapesHeader);
  CHECK(p.subject == "*storage.value");
  CHECK(p.func == "main");

  // 11.3: the subject and FUNC both contain parentheses.
  p = Classify(
      "./problematic_patterns.go:45:16: append(cg.s, f.bar) escapes to heap in "
      "(*ConstantGrow).Grow:");
  CHECK_KIND(p, LineKind::kEscapesHeader);
  CHECK(p.subject == "append(cg.s, f.bar)");
  CHECK(p.func == "(*ConstantGrow).Grow");
}

TEST_CASE("kLeakHeader", "[classifier]") {
  // 11.2: Go 1.26 ` for FUNC`.
  ParsedLine p = Classify(
      "./main.go:14:35: parameter value leaks to {heap} for storeValue with "
      "derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.subject == "value");
  CHECK(p.object == "{heap}");
  CHECK(p.func == "storeValue");
  CHECK(p.number == 0);

  // 11.6: `{storage for t.M}` contains " for " but no FUNC.
  p = Classify("./main.go:106:18: parameter t leaks to {storage for t.M} with derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.subject == "t");
  CHECK(p.object == "{storage for t.M}");
  CHECK(p.func.empty());
  CHECK(p.number == 0);

  // 11.6: leak to a result, derefs=1.
  p = Classify("./main.go:24:18: parameter pp leaks to ~r0 with derefs=1:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.subject == "pp");
  CHECK(p.object == "~r0");
  CHECK(p.func.empty());
  CHECK(p.number == 1);

  // 11.6: autogenerated wrapper.
  p = Classify("<autogenerated>:1: parameter .this leaks to {heap} with derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.subject == ".this");
  CHECK(p.object == "{heap}");
  CHECK(p.pos.file == "<autogenerated>");
  CHECK(p.pos.line == 1);
  CHECK(p.pos.col == 0);

  // 11.4.
  p = Classify(
      "./main.go:21:25: parameter arg leaks to {heap} for estimatePgxArgSize with "
      "derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.object == "{heap}");
  CHECK(p.func == "estimatePgxArgSize");

  // Both: a `{storage for ...}` destination and a FUNC (section 4.2).
  p = Classify(
      "./main.go:106:18: parameter t leaks to {storage for t.M} for (*T).Use with "
      "derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.object == "{storage for t.M}");
  CHECK(p.func == "(*T).Use");
}

TEST_CASE("kFlow: `=` and `←` give the same fields", "[classifier]") {
  struct Case {
    std::string eq, arrow, dst, src;
    int derefs;
  };
  const std::vector<Case> cases = {
      // 11.2 / 11.5
      {"./main.go:10:2:   flow: ~r0 = &value:", "./main.go:10:2:   flow: ~r0 \u2190 &value:", "~r0",
       "value", -1},
      // 11.2: `*fmt.a`
      {"./main.go:23:14:   flow: {heap} = *fmt.a:",
       "./main.go:23:14:   flow: {heap} \u2190 *fmt.a:", "{heap}", "fmt.a", 1},
      // section 4.4: `**p`
      {"./main.go:3:9:   flow: x = **p:", "./main.go:3:9:   flow: x \u2190 **p:", "x", "p", 2},
      // 11.2: DST `{storage for ... argument}`, SRC `&{storage for *storage.value}`
      {"./main.go:23:14:   flow: {storage for ... argument} = &{storage for *storage.value}:",
       "./main.go:23:14:   flow: {storage for ... argument} \u2190 &{storage for "
       "*storage.value}:",
       "{storage for ... argument}", "{storage for *storage.value}", -1},
      // 11.2: plain name to `{heap}`
      {"./main.go:14:35:   flow: {heap} = value:", "./main.go:14:35:   flow: {heap} \u2190 value:",
       "{heap}", "value", 0},
      // section 4.4: nested braces in `{storage for map[string]*int{}}`
      {"./m.go:7:9:   flow: {storage for map[string]*int{}} = &{storage for []int{...}}:",
       "./m.go:7:9:   flow: {storage for map[string]*int{}} \u2190 &{storage for []int{...}}:",
       "{storage for map[string]*int{}}", "{storage for []int{...}}", -1},
      // 11.3
      {"./p.go:45:16:   flow: {heap} = &{storage for append(cg.s, f.bar)}:",
       "./p.go:45:16:   flow: {heap} \u2190 &{storage for append(cg.s, f.bar)}:", "{heap}",
       "{storage for append(cg.s, f.bar)}", -1},
  };
  for (const Case& c : cases) {
    INFO(c.eq);
    ParsedLine a = Classify(c.eq);
    ParsedLine b = Classify(c.arrow);
    CHECK_KIND(a, LineKind::kFlow);
    CHECK_KIND(b, LineKind::kFlow);
    CHECK(a.subject == c.dst);
    CHECK(a.object == c.src);
    CHECK(a.number == c.derefs);
    CHECK(b.subject == c.dst);
    CHECK(b.object == c.src);
    CHECK(b.number == c.derefs);
    CHECK(a.pos.line == b.pos.line);
    CHECK(a.pos.col == b.pos.col);
  }
}

TEST_CASE("kFlow: a flow with no from lines; {temp}; <autogenerated>", "[classifier]") {
  // 11.6: `flow: {temp} = t:` followed directly by another flow line.
  ParsedLine p = Classify("./main.go:106:18:   flow: {temp} = t:");
  CHECK_KIND(p, LineKind::kFlow);
  CHECK(p.subject == "{temp}");
  CHECK(p.object == "t");
  CHECK(p.number == 0);
  p = Classify("./main.go:106:18:   flow: {storage for t.M} = {temp}:");
  CHECK_KIND(p, LineKind::kFlow);
  CHECK(p.subject == "{storage for t.M}");
  CHECK(p.object == "{temp}");
  p = Classify("<autogenerated>:1:   flow: {heap} = .this:");
  CHECK_KIND(p, LineKind::kFlow);
  CHECK(p.subject == "{heap}");
  CHECK(p.object == ".this");
  CHECK(p.pos.file == "<autogenerated>");
}

TEST_CASE("kFlow: malformed flow lines are not flows", "[classifier]") {
  // Missing the final ':', missing the arrow, unbalanced braces, empty source.
  CHECK(Classify("./main.go:10:2:   flow: ~r0 = &value").kind != LineKind::kFlow);
  CHECK(Classify("./main.go:10:2:   flow: ~r0 &value:").kind != LineKind::kFlow);
  CHECK(Classify("./main.go:10:2:   flow: {storage for x = y:").kind != LineKind::kFlow);
  CHECK(Classify("./main.go:10:2:   flow: x = &:").kind != LineKind::kFlow);
}

TEST_CASE("ParseFlowBody", "[classifier]") {
  std::string_view dst, src;
  int derefs = 99;
  REQUIRE(ParseFlowBody("~r0 = &x", &dst, &src, &derefs));
  CHECK(dst == "~r0");
  CHECK(src == "x");
  CHECK(derefs == -1);
  REQUIRE(ParseFlowBody("{heap} \u2190 **p", &dst, &src, &derefs));
  CHECK(dst == "{heap}");
  CHECK(src == "p");
  CHECK(derefs == 2);
  REQUIRE(ParseFlowBody("{storage for {a}} = b", &dst, &src, &derefs));
  CHECK(dst == "{storage for {a}}");
  CHECK(src == "b");
  CHECK(derefs == 0);
  CHECK_FALSE(ParseFlowBody("", &dst, &src, &derefs));
  CHECK_FALSE(ParseFlowBody("x", &dst, &src, &derefs));
  CHECK_FALSE(ParseFlowBody("x = ", &dst, &src, &derefs));
  CHECK_FALSE(ParseFlowBody("x - y", &dst, &src, &derefs));
  CHECK_FALSE(ParseFlowBody("{x = y", &dst, &src, &derefs));
  CHECK_FALSE(ParseFlowBody(" = y", &dst, &src, &derefs));
}

TEST_CASE("kFrom: verbatim notes", "[classifier]") {
  struct Case {
    std::string line, expr, reason, file;
    uint32_t line_no, col;
  };
  const std::vector<Case> cases = {
      // 11.2
      {"./main.go:10:2:     from &value (address-of) at ./main.go:11:9", "&value", "address-of",
       "./main.go", 11, 9},
      {"./main.go:10:2:     from return &value (return) at ./main.go:11:2", "return &value",
       "return", "./main.go", 11, 2},
      {"./main.go:14:35:     from storage.value = value (assign) at ./main.go:15:16",
       "storage.value = value", "assign", "./main.go", 15, 16},
      // `:=` and `...`
      {"./main.go:23:14:     from fmt.a := ... argument (assign-pair) at ./main.go:23:13",
       "fmt.a := ... argument", "assign-pair", "./main.go", 23, 13},
      {"./main.go:23:14:     from ... argument (slice-literal-element) at ./main.go:23:13",
       "... argument", "slice-literal-element", "./main.go", 23, 13},
      // parentheses in EXPR
      {"./main.go:23:14:     from fmt.Fprintln(os.Stdout, fmt.a...) (call parameter) at "
       "./main.go:23:13",
       "fmt.Fprintln(os.Stdout, fmt.a...)", "call parameter", "./main.go", 23, 13},
      // 11.3
      {"./problematic_patterns.go:45:16:     from cg.s = append(cg.s, f.bar) (assign) at "
       "./problematic_patterns.go:45:8",
       "cg.s = append(cg.s, f.bar)", "assign", "./problematic_patterns.go", 45, 8},
      // 11.4: quotes and `...` inside a call
      {"./main.go:21:25:     from ... argument (slice-literal-element) at ./main.go:37:25",
       "... argument", "slice-literal-element", "./main.go", 37, 25},
      // 11.6: `at <autogenerated>:1`
      {"<autogenerated>:1:     from .this.M() (call parameter) at <autogenerated>:1", ".this.M()",
       "call parameter", "<autogenerated>", 1, 0},
      // 11.6: too large for stack
      {"./main.go:48:6:     from big (too large for stack) at ./main.go:48:6", "big",
       "too large for stack", "./main.go", 48, 6},
      // section 5: the literal `...` of a REASON
      {"./main.go:8:13:     from append(s, t...) (appended slice...) at ./main.go:8:13",
       "append(s, t...)", "appended slice...", "./main.go", 8, 13},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    ParsedLine p = Classify(c.line);
    CHECK_KIND(p, LineKind::kFrom);
    CHECK(p.subject == c.expr);
    CHECK(p.reason == c.reason);
    CHECK(p.note_pos.file == c.file);
    CHECK(p.note_pos.line == c.line_no);
    CHECK(p.note_pos.col == c.col);
  }
}

TEST_CASE("kFrom: EXPR with ` at `, quotes, parentheses, <nil>, <N>", "[classifier]") {
  // Section 4.5: parse from the right.
  ParsedLine p = Classify(
      "./main.go:5:2:     from fmt.Sprintf(\"look at (me) (x)\", a) (call parameter) at "
      "./main.go:6:13");
  CHECK_KIND(p, LineKind::kFrom);
  CHECK(p.subject == "fmt.Sprintf(\"look at (me) (x)\", a)");
  CHECK(p.reason == "call parameter");
  CHECK(p.note_pos.line == 6);
  CHECK(p.note_pos.col == 13);

  // Section 3.4: `<N>` (logopt_test.go) and `<nil>`.
  p = Classify("./main.go:9:2:     from y = <N> (assign-pair) at ./main.go:9:4");
  CHECK_KIND(p, LineKind::kFrom);
  CHECK(p.subject == "y = <N>");
  CHECK(p.reason == "assign-pair");

  p = Classify("./main.go:9:2:     from big = <nil> (assign) at ./main.go:9:6");
  CHECK_KIND(p, LineKind::kFrom);
  CHECK(p.subject == "big = <nil>");
  CHECK(p.reason == "assign");

  // Inliner temporaries (section 3.3).
  p = Classify("./file.go:4:11:     from ~R0 = &y.b (assign-pair) at ./file.go:4:11");
  CHECK_KIND(p, LineKind::kFrom);
  CHECK(p.subject == "~R0 = &y.b");
}

TEST_CASE("kFrom: -L note position", "[classifier]") {
  // 11.6 -L excerpt.
  ParsedLine p = Classify(
      "generated.y:100[/path/to/esc/ld.go:4:20]:     from return p (return) at "
      "generated.y:100[/path/to/esc/ld.go:4:35]");
  REQUIRE_KIND(p, LineKind::kFrom);
  CHECK(p.pos.file == "generated.y");
  CHECK(p.pos.physical == "/path/to/esc/ld.go:4:20");
  CHECK(p.subject == "return p");
  CHECK(p.reason == "return");
  CHECK(p.note_pos.file == "generated.y");
  CHECK(p.note_pos.line == 100);
  CHECK(p.note_pos.col == 0);
  CHECK(p.note_pos.physical == "/path/to/esc/ld.go:4:35");
}

TEST_CASE("-L with a //line column: `rel:line:col[abs:line:col]` lines", "[classifier]") {
  // Captured with go1.19.8 (`-gcflags='-m -m -L'`, a `/*line other.y:7:3*/` directive; see
  // position_test.cc).
  ParsedLine p = Classify("other.y:11:15[/path/to/probe/x.go:9:15]: moved to heap: x");
  CHECK_KIND(p, LineKind::kMovedToHeap);
  CHECK(p.subject == "x");
  CHECK(p.pos.col == 15);
  CHECK(p.pos.physical == "/path/to/probe/x.go:9:15");

  p = Classify(
      "other.y:9:8[/path/to/probe/x.go:7:8]:     from sink = p (assign) at "
      "other.y:9:23[/path/to/probe/x.go:7:23]");
  CHECK_KIND(p, LineKind::kFrom);
  CHECK(p.reason == "assign");
  CHECK(p.note_pos.col == 23);
  CHECK(p.note_pos.physical == "/path/to/probe/x.go:7:23");

  p = Classify("other.y:7:11[/path/to/probe/x.go:5:29]: parameter p leaks to ~r0 with derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
}

TEST_CASE("kFrom: the expression is in subject, object stays empty", "[classifier]") {
  // parsers/classifier.h documents `subject` as "the expression of a from note" and `object` as
  // unused for it; model_builder.cc reads `subject`. Both paths (hand-written and RE2) agree.
  for (bool frequent_forms : {true, false}) {
    INFO("frequent_forms=" << frequent_forms);
    const Classifier classifier(frequent_forms);
    ParsedLine p =
        classifier.Classify("./main.go:10:2:     from &value (address-of) at ./main.go:11:9");
    REQUIRE_KIND(p, LineKind::kFrom);
    CHECK(p.subject == "&value");
    CHECK(p.object.empty());
    CHECK(p.func.empty());
  }
}

TEST_CASE("kTruncatedWarning", "[classifier]") {
  // Section 4.1 format string.
  ParsedLine p = Classify(
      "./main.go:12:2:   warning: truncated explanation due to assignment cycle; see "
      "golang.org/issue/35518");
  CHECK_KIND(p, LineKind::kTruncatedWarning);
  CHECK(p.pos.line == 12);
}

TEST_CASE("kCapturing", "[classifier]") {
  ParsedLine p = Classify(
      "./main.go:39:2: closure capturing by ref: y (addr=false assign=true "
      "width=8)");  // 11.6
  CHECK_KIND(p, LineKind::kCapturing);
  CHECK(p.subject == "closure");
  CHECK(p.reason == "ref");
  CHECK(p.object == "y");

  p = Classify(
      "./problematic_patterns.go:53:3: rundomNumberGenerator.func1 capturing by value: "
      ".autotmp_0 (addr=false assign=false width=8)");  // 11.3
  CHECK_KIND(p, LineKind::kCapturing);
  CHECK(p.subject == "rundomNumberGenerator.func1");
  CHECK(p.reason == "value");
  CHECK(p.object == ".autotmp_0");
}

TEST_CASE("generic shape names with spaces and braces (Go 1.22+)", "[classifier]") {
  // Verbatim from the Go 1.27 standard-library log (scripts/gen-std-log.sh --go 1.27), with the
  // GOROOT prefix of the paths shortened.
  ParsedLine p = Classify(
      "src/internal/sync/hashtriemap.go:39:17: sync.(*HashTrieMap[go.shape.interface "
      "{},go.shape.interface {}]).initSlow capturing by value: .autotmp_2 (addr=false "
      "assign=false width=8)");
  CHECK_KIND(p, LineKind::kCapturing);
  CHECK(p.subject == "sync.(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).initSlow");
  CHECK(p.reason == "value");
  CHECK(p.object == ".autotmp_2");

  p = Classify(
      "src/slices/zsortanyfunc.go:470:20: slices.rotateCmpFunc[go.shape.struct { Key "
      "reflect.Value; Value reflect.Value }] ignoring self-assignment in slices.data[slices.a + "
      "slices.i], slices.data[slices.b + slices.i] = slices.data[slices.b + slices.i], "
      "slices.data[slices.a + slices.i]");
  CHECK_KIND(p, LineKind::kSelfAssignment);
  CHECK(p.subject ==
        "slices.rotateCmpFunc[go.shape.struct { Key reflect.Value; Value reflect.Value }]");
  CHECK(p.object.substr(0, 37) == "slices.data[slices.a + slices.i], sli");

  p = Classify(
      "src/runtime/mspanset.go:93:42: inlining call to atomic.(*Pointer[go.shape.struct { "
      "runtime.spanSetBlockHeader2; runtime.spans [512]runtime.atomicMSpanPointer }]).Load");
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject ==
        "atomic.(*Pointer[go.shape.struct { runtime.spanSetBlockHeader2; runtime.spans "
        "[512]runtime.atomicMSpanPointer }]).Load");

  p = Classify(
      "src/internal/sync/hashtriemap.go:37:6: cannot inline sync.(*HashTrieMap[go.shape."
      "interface {},go.shape.interface {}]).initSlow: marked go:noinline");
  CHECK_KIND(p, LineKind::kCannotInline);
  CHECK(p.subject == "sync.(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).initSlow");
  CHECK(p.object == "marked go:noinline");

  p = Classify(
      "src/internal/sync/hashtriemap.go:50:37: &sync.indirect[go.shape.interface "
      "{},go.shape.interface {}]{...} escapes to heap in (*HashTrieMap[go.shape.interface "
      "{},go.shape.interface {}]).initSlow:");
  CHECK_KIND(p, LineKind::kEscapesHeader);
  CHECK(p.subject == "&sync.indirect[go.shape.interface {},go.shape.interface {}]{...}");
  CHECK(p.func == "(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).initSlow");

  p = Classify(
      "src/internal/sync/hashtriemap.go:37:7: parameter sync.ht leaks to {heap} for "
      "(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).initSlow with derefs=0:");
  CHECK_KIND(p, LineKind::kLeakHeader);
  CHECK(p.subject == "sync.ht");
  CHECK(p.object == "{heap}");
  CHECK(p.func == "(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).initSlow");

  // Nested brackets inside the shape.
  p = Classify("./m.go:3:4: inlining call to F[go.shape.map[string][]int,go.shape.[4]uint8]");
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject == "F[go.shape.map[string][]int,go.shape.[4]uint8]");
}

TEST_CASE("kCapturing: addr, assign and width are not kept", "[classifier]") {
  // parsers/classifier.h: `number` holds derefs, level or cost, and no field holds the
  // `(addr= assign= width=)` group of go-diagnostics.md 4.6 (a type size, not a count the model
  // uses), so number stays 0 whatever the width.
  ParsedLine p = Classify(
      "./main.go:39:2: closure capturing by ref: y (addr=false assign=true "
      "width=8)");
  REQUIRE_KIND(p, LineKind::kCapturing);
  CHECK(p.number == 0);
  CHECK(p.object == "y");
  CHECK(p.func.empty());
}

// ------------------------------------------------------------------------------------------
// Inlining (section 6).

TEST_CASE("kCanInline", "[classifier]") {
  ParsedLine p = Classify("./main.go:17:6: can inline (*T).M");  // 11.6 (-m)
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "(*T).M");
  CHECK(p.number == 0);
  CHECK_FALSE(p.number_printed);
  CHECK(p.object.empty());

  p = Classify(
      "./main.go:9:6: can inline newValue with cost 8 as: func() *int { value := 42; "
      "return &value }");  // 11.2
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "newValue");
  CHECK(p.number == 8);
  CHECK(p.number_printed);
  CHECK(p.object == "func() *int { value := 42; return &value }");

  // A cost of 0 is printed, and told from no cost.
  p = Classify("./main.go:9:6: can inline empty with cost 0 as: func() {  }");
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.number == 0);
  CHECK(p.number_printed);

  p = Classify("$GOROOT/src/unicode/utf8/utf8.go:104:6: can inline FullRune");  // 1.4
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "FullRune");
}

TEST_CASE("kCanInline: body with verdict text inside string literals", "[classifier]") {
  // Trap 6: the whole body is on the line; literals are quoted.
  ParsedLine p = Classify(
      "./main.go:30:6: can inline say with cost 6 as: func() { println(\"x does not escape\") }");
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "say");
  CHECK(p.number == 6);

  p = Classify(
      "./main.go:31:6: can inline say2 with cost 12 as: func() string { return \"y escapes to "
      "heap\" }");
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "say2");
  CHECK(p.number == 12);

  p = Classify(
      "./main.go:32:6: can inline say3 with cost 7 as: func() { s := \"moved to heap: z\"; "
      "println(s, \"leaking param: q\", \"escapes to heap:\") }");
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "say3");
  CHECK(p.number == 7);

  // Section 3.4: bodies can contain `<nil>`.
  p = Classify(
      "./main.go:47:6: can inline tooBig with cost 9 as: func() { var big [20971520]byte; big = "
      "<nil>; use(big[:]) }");
  CHECK_KIND(p, LineKind::kCanInline);
  CHECK(p.subject == "tooBig");
  CHECK(p.number == 9);
}

TEST_CASE("kCannotInline", "[classifier]") {
  ParsedLine p = Classify(
      "./main.go:138:6: cannot inline main: function too complex: cost 660 exceeds "
      "budget 80");  // 11.6
  CHECK_KIND(p, LineKind::kCannotInline);
  CHECK(p.subject == "main");
  CHECK(p.object == "function too complex: cost 660 exceeds budget 80");

  p = Classify("./main.go:20:6: cannot inline noinl: marked go:noinline");  // 11.6
  CHECK_KIND(p, LineKind::kCannotInline);
  CHECK(p.subject == "noinl");
  CHECK(p.object == "marked go:noinline");

  p = Classify("./main.go:100:6: cannot inline deferGo: unhandled op DEFER");  // 11.6
  CHECK_KIND(p, LineKind::kCannotInline);
  CHECK(p.subject == "deferGo");
  CHECK(p.object == "unhandled op DEFER");

  p = Classify("./main.go:120:6: cannot inline recur: recursive");  // 11.6
  CHECK_KIND(p, LineKind::kCannotInline);
  CHECK(p.subject == "recur");
  CHECK(p.object == "recursive");

  p = Classify("./main.go:128:8: cannot inline withRecover.func1: call to recover");  // 11.6
  CHECK_KIND(p, LineKind::kCannotInline);
  CHECK(p.subject == "withRecover.func1");
  CHECK(p.object == "call to recover");
}

TEST_CASE("kCannotInlineInto", "[classifier]") {
  ParsedLine p = Classify("./main.go:12:8: cannot inline f into g: repeated recursive cycle");
  CHECK_KIND(p, LineKind::kCannotInlineInto);
  CHECK(p.subject == "f");
  CHECK(p.func == "g");
}

TEST_CASE("kInliningCall", "[classifier]") {
  ParsedLine p = Classify("./main.go:71:13: inlining call to fmt.Println");  // 11.6
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject == "fmt.Println");

  p = Classify("./main.go:20:19: inlining call to newValue");  // 11.2
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject == "newValue");

  // <= 1.17 -m=2 form with the callee's type and body (section 6.1).
  p = Classify(
      "./main.go:8:14: inlining call to param1 func(*int, *int) (*int, *int) { return "
      "p1, p2 }");
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject == "param1");
  CHECK(p.object == "func(*int, *int) (*int, *int) { return p1, p2 }");
  CHECK_FALSE(p.number_printed);

  // GOEXPERIMENT=newinliner (section 6.1).
  p = Classify("./main.go:8:14: inlining call to F with score 12");
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject == "F");
  CHECK(p.number == 12);
  CHECK(p.number_printed);
  CHECK(p.object.empty());
  p = Classify("./main.go:8:14: inlining call to F with score -3");
  CHECK(p.number == -3);
  CHECK(p.number_printed);
  p = Classify("./main.go:8:14: inlining call to F with score 12 x");  // not the score form
  CHECK_FALSE(p.number_printed);
  CHECK(p.object == "with score 12 x");

  p = Classify("./cg.go:13:15: inlining call to _Cfunc__CMalloc");  // 11.6 cgo
  CHECK_KIND(p, LineKind::kInliningCall);
  CHECK(p.subject == "_Cfunc__CMalloc");
}

TEST_CASE("kBigFunction", "[classifier]") {
  ParsedLine p =
      Classify("./main.go:3:6: function F considered 'big'; reducing max cost of inlinees");
  CHECK_KIND(p, LineKind::kBigFunction);
  CHECK(p.subject == "F");
}

TEST_CASE("kPgoInline", "[classifier]") {
  // Section 6.1: PGO debug lines start with `hot-`.
  ParsedLine p = Classify("hot-callsite-thres-from-CDF=0.5");
  CHECK_KIND(p, LineKind::kPgoInline);
  p = Classify("hot-node enabled increased budget=2000 for func=main.F");
  CHECK_KIND(p, LineKind::kPgoInline);
}

// ------------------------------------------------------------------------------------------
// Other -m lines (section 7).

TEST_CASE("kDevirtualizing", "[classifier]") {
  ParsedLine p = Classify("./main.go:95:12: devirtualizing i.M to *T");  // 11.6
  CHECK_KIND(p, LineKind::kDevirtualizing);
  CHECK(p.pos.line == 95);
  p = Classify("./main.go:95:12: partially devirtualizing i.M to *T");
  CHECK_KIND(p, LineKind::kDevirtualizing);
  p = Classify("./main.go:95:12: PGO devirtualizing interface call i.M to (*T).M");
  CHECK_KIND(p, LineKind::kDevirtualizing);
  p = Classify("./main.go:95:12: cannot devirtualize i.M: shaped receiver *T");
  CHECK_KIND(p, LineKind::kDevirtualizing);
}

TEST_CASE("kBoundsCheckElided", "[classifier]") {
  ParsedLine p = Classify("./main.go:11:6: index bounds check elided");
  CHECK_KIND(p, LineKind::kBoundsCheckElided);
  CHECK(p.pos.line == 11);
  CHECK(p.pos.col == 6);
}

TEST_CASE("kSelfAssignment", "[classifier]") {
  ParsedLine p = Classify("./main.go:7:6: F ignoring self-assignment in x.a = x.a[:1]");  // E13
  CHECK_KIND(p, LineKind::kSelfAssignment);
  CHECK(p.subject == "F");
  CHECK(p.object == "x.a = x.a[:1]");
}

TEST_CASE("kOtherOptimization", "[classifier]") {
  ParsedLine p = Classify("./main.go:9:6: loop variable i now per-iteration, heap-allocated");
  CHECK_KIND(p, LineKind::kOtherOptimization);
  p = Classify(
      "./main.go:9:6: loop variable i now per-iteration, stack-allocated (loop inlined "
      "into ./main.go:20)");
  CHECK_KIND(p, LineKind::kOtherOptimization);
  p = Classify("./main.go:9:6: open-coded defer");
  CHECK_KIND(p, LineKind::kOtherOptimization);
  p = Classify("./main.go:9:6: removed nil check");
  CHECK_KIND(p, LineKind::kOtherOptimization);
  p = Classify("./main.go:9:6: write barrier");
  CHECK_KIND(p, LineKind::kOtherOptimization);
}

// ------------------------------------------------------------------------------------------
// -m=3 / -m=4 (section 8).

// -live lines, verbatim from `go tool compile -live` on $GOROOT/test/live.go and
// uintptrescapes2.go (Go 1.19 and Go 1.27, -C).
TEST_CASE("kLiveAtEntry", "[classifier]") {
  ParsedLine p = Classify("live.go:166: live at entry to f17a: x");
  CHECK_KIND(p, LineKind::kLiveAtEntry);
  CHECK(p.subject == "f17a");
  CHECK(p.object == "x");
  p = Classify("live.go:700: live at entry to (*T32).Inc: t");
  CHECK_KIND(p, LineKind::kLiveAtEntry);
  CHECK(p.subject == "(*T32).Inc");
  CHECK(p.object == "t");
}

TEST_CASE("kLiveAtCall", "[classifier]") {
  ParsedLine p = Classify("uintptrescapes2.go:48: live at call to T.M1: .autotmp_2");
  CHECK_KIND(p, LineKind::kLiveAtCall);
  CHECK(p.subject == "T.M1");
  CHECK(p.object == ".autotmp_2");
  p = Classify("live.go:51: live at call to printint: x y .autotmp_3");
  CHECK_KIND(p, LineKind::kLiveAtCall);
  CHECK(p.subject == "printint");
  CHECK(p.object == "x y .autotmp_3");
  // A generic callee whose shape holds spaces.
  p = Classify("g.go:5: live at call to F[go.shape.struct { a int }]: p");
  CHECK_KIND(p, LineKind::kLiveAtCall);
  CHECK(p.subject == "F[go.shape.struct { a int }]");
  CHECK(p.object == "p");
}

TEST_CASE("kLiveAtIndirectCall", "[classifier]") {
  ParsedLine p = Classify("live.go:427: live at indirect call: .autotmp_13 .autotmp_14");
  CHECK_KIND(p, LineKind::kLiveAtIndirectCall);
  CHECK(p.subject.empty());
  CHECK(p.object == ".autotmp_13 .autotmp_14");
}

TEST_CASE("kStackObject", "[classifier]") {
  ParsedLine p = Classify("uintptrescapes2.go:37: stack object .autotmp_1 unsafe.Pointer");
  CHECK_KIND(p, LineKind::kStackObject);
  CHECK(p.subject == ".autotmp_1");
  CHECK(p.object == "unsafe.Pointer");
  p = Classify("live.go:12: stack object x struct { a *int; b [2]string }");
  CHECK_KIND(p, LineKind::kStackObject);
  CHECK(p.subject == "x");
  CHECK(p.object == "struct { a *int; b [2]string }");
}

TEST_CASE("kDebugStmt", "[classifier]") {
  ParsedLine p = Classify("./main.go:17:23:[1] (*T).M stmt: return t.a");  // 8.1
  CHECK_KIND(p, LineKind::kDebugStmt);
  CHECK(p.has_pos);
  CHECK(p.pos.line == 17);
  CHECK(p.pos.col == 23);
  p = Classify(
      "./main.go:37:3:[1] estimatePgxArgSize stmt: return len(fmt.Sprintf(\"%v\", ... "
      "argument...))");  // 11.4
  CHECK_KIND(p, LineKind::kDebugStmt);
  CHECK(p.pos.line == 37);
}

TEST_CASE("kDebugLabel", "[classifier]") {
  ParsedLine p = Classify("./main.go:71:13:.i0:  non-looping label");  // 8.1
  CHECK_KIND(p, LineKind::kDebugLabel);
  CHECK(p.pos.line == 71);
  CHECK(p.pos.col == 13);
  p = Classify("./main.go:12:1: L looping label");  // `"%v: %v looping label\n"`
  CHECK_KIND(p, LineKind::kDebugLabel);
}

TEST_CASE("kDebugDump", "[classifier]") {
  // Section 8: IR dumps, positioned and position-less debug lines.
  ParsedLine p = Classify(".   AS l(3) tc(1)");
  CHECK_KIND(p, LineKind::kDebugDump);
  CHECK_FALSE(p.has_pos);
  p = Classify(
      ".   .   NAME-main.x esc(no) Class:PAUTO Offset:0 OnStack Used int tc(1) # "
      "main.go:5:2");
  CHECK_KIND(p, LineKind::kDebugDump);
  p = Classify(
      "typecheck import [fmt.Println] func(a ...interface {}) (n int, err error) { n, "
      "err = fmt.Fprintln(io.Writer(os.Stdout), a...); return }");
  CHECK_KIND(p, LineKind::kDebugDump);
  CHECK_FALSE(p.has_pos);
  p = Classify("./main.go:21:25:call to func F");  // 8.2 -m=4
  CHECK_KIND(p, LineKind::kDebugDump);
  CHECK(p.has_pos);
  p = Classify("./main.go:60:19: Before inlining: ");  // samples/escdemo.m3.log (trailing space)
  CHECK_KIND(p, LineKind::kDebugDump);
  p = Classify("./main.go:60:19: After inlining fmt.Println(x)");
  CHECK_KIND(p, LineKind::kDebugDump);
  p = Classify("substituting name x  ->  y");
  CHECK_KIND(p, LineKind::kDebugDump);
}

// ------------------------------------------------------------------------------------------
// Not from escape analysis.

TEST_CASE("kCompilerError", "[classifier]") {
  ParsedLine p = Classify("./x.go:3:2: undefined: y");  // section 1.4
  CHECK_KIND(p, LineKind::kCompilerError);
  CHECK(p.has_pos);
  CHECK(p.pos.file == "./x.go");
  p = Classify("too many errors");
  CHECK_KIND(p, LineKind::kCompilerError);
  CHECK_FALSE(p.has_pos);
  p = Classify("./x.go:3:2: x declared but not used");
  CHECK_KIND(p, LineKind::kCompilerError);
  // E14 is an error even though it contains `escapes to heap`.
  p = Classify("./x.go:3:2: new(int) escapes to heap, not allowed in runtime");
  CHECK_KIND(p, LineKind::kCompilerError);
}

TEST_CASE("kToolOutput", "[classifier]") {
  ParsedLine p = Classify("go: downloading example.com/x v1.0.0");
  CHECK_KIND(p, LineKind::kToolOutput);
  CHECK_FALSE(p.has_pos);
  p = Classify("go: downloading x");
  CHECK_KIND(p, LineKind::kToolOutput);
  p = Classify("ok  \texample.com/esc\t0.002s");
  CHECK_KIND(p, LineKind::kToolOutput);
  p = Classify("FAIL");
  CHECK_KIND(p, LineKind::kToolOutput);
}

TEST_CASE("testing.B.Loop: kInliningSkipped (Go 1.24, 1.25), bloop pass lines (Go 1.26+)",
          "[classifier]") {
  // Verbatim from samples/tools/bloop.gotest.go124.m2.log and bloop.gotest.go127.m2.log.
  ParsedLine p = Classify("./bloop_test.go:8:2: skip inlining within testing.B.loop for for loop");
  CHECK_KIND(p, LineKind::kInliningSkipped);
  for (std::string_view line : {
           "./bloop_test.go:9:6: function result will be kept alive",
           "./bloop_test.go:33:10: function arg will be kept alive",
           "./bloop_test.go:16:5: example.com/bloop.p will be kept alive",
           "./bloop_test.go:36:16: expr is unknown to bloop pass",
       }) {
    INFO(std::string(line));
    CHECK_KIND(Classify(line), LineKind::kOtherOptimization);
  }
}

TEST_CASE("kCCompilerOutput: gcc under cgo", "[classifier]") {
  // Verbatim from samples/tools/cgosplit.build.go127.m2.log (Go 1.27.3, gcc 12).
  for (std::string_view line : {
           "In file included from capi/compat.h:6,",
           "                 from capi/capi.go:8:",
           "capi/banner.h:5:2: warning: #warning \"legacy.h is going away\" [-Wcpp]",
           "    5 | #warning \"legacy.h is going away\"",
           "      |  ^~~~~~~",
           "capi/capi.go: In function \xE2\x80\x98twice2\xE2\x80\x99:",
           "cgo-gcc-prolog: In function "
           "\xE2\x80\x98_cgo_3690250466a1_Cfunc_legacy_len\xE2\x80\x99:",
           "cgo-gcc-prolog:66:2: warning: \xE2\x80\x98legacy_len\xE2\x80\x99 is deprecated "
           "[-Wdeprecated-declarations]",
           "capi/legacy.h:7:20: note: declared here",
           "   11 | static int twice(int x) { return 2 * x; }",
           // The C locale's quotes (samples/tools/cgowarn.build.go127.C.m2.log).
           "cgo-gcc-prolog: In function '_cgo_5a03aa12b90f_Cfunc_old_add':",
       }) {
    INFO(std::string(line));
    CHECK_KIND(Classify(line), LineKind::kCCompilerOutput);
  }
}

TEST_CASE("kVetFinding: what go test's vet checks print", "[classifier]") {
  // Verbatim from samples/tools/vetdemo.gotest.go124.m2.log (Go 1.24.4).
  for (std::string_view line : {
           "# [example.com/vetdemo]",
           "./vetdemo_test.go:11:3: (*testing.common).Errorf does not support error-wrapping "
           "directive %w",
           "./vetdemo_test.go:14:3: (*testing.common).Errorf format %d has arg got of wrong type "
           "string",
           "./vetdemo_test.go:18:11: fmt.Errorf format %w has arg 42 of wrong type int",
           "./vetdemo_test.go:20:8: (*testing.common).Logf call has arguments but no formatting "
           "directives",
           "./vetdemo_x_test.go:17:5: second argument to errors.As must be a non-nil pointer to "
           "either a type that implements error, or to any interface type",
       }) {
    INFO(std::string(line));
    CHECK_KIND(Classify(line), LineKind::kVetFinding);
  }
  // The go command's own header before them is still a package header.
  CHECK_KIND(Classify("# example.com/vetdemo"), LineKind::kPackageHeader);
}

TEST_CASE("kUnrecognized", "[classifier]") {
  ParsedLine p = Classify("random text that is not compiler output");
  CHECK_KIND(p, LineKind::kUnrecognized);
  p = Classify("./main.go:1:1: something the compiler never prints");
  CHECK_KIND(p, LineKind::kUnrecognized);
  CHECK(p.has_pos);  // the position was still parsed

  std::string nul = Bytes("\0\0\x01\x02 moved\0to heap");
  REQUIRE(nul.size() == 18);
  p = Classify(nul);
  CHECK_KIND(p, LineKind::kUnrecognized);

  std::string junk = Bytes("\xff\xfe\x80\xc0\xaf junk \xed\xa0\x80");
  REQUIRE(junk.size() == 14);
  p = Classify(junk);
  CHECK_KIND(p, LineKind::kUnrecognized);

  std::string positioned_junk = std::string("./main.go:1:1: ") + Bytes("\x00\xff\x1b[31m");
  p = Classify(positioned_junk);
  CHECK_KIND(p, LineKind::kUnrecognized);

  // Verdict text with junk glued on is not a verdict.
  p = Classify("./main.go:1:1: x escapes to heap\x1b");
  CHECK(p.kind != LineKind::kEscapesToHeap);
}

TEST_CASE("binary bytes inside a known form are data", "[classifier]") {
  std::string line = std::string("./main.go:10:2: moved to heap: ") + Bytes("a\0\xff");
  ParsedLine p = Classify(line);
  CHECK_KIND(p, LineKind::kMovedToHeap);
  CHECK(p.subject == std::string_view("a\0\xff", 3));
}

TEST_CASE("every LineKind has a name and a test above", "[classifier]") {
  for (int k = 0; k < escviz::kLineKindCount; ++k) {
    CHECK_FALSE(LineKindName(static_cast<LineKind>(k)).empty());
  }
  CHECK(escviz::kLineKindCount == 44);  // update the per-kind TEST_CASEs when this changes
}

// ------------------------------------------------------------------------------------------
// Every line of every plain sample log.

TEST_CASE("samples: no line is unrecognized; moved-to-heap agrees with grep", "[classifier]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(ESCVIZ_SOURCE_DIR) / "samples";
  std::vector<fs::path> logs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".log") logs.push_back(e.path());
  }
  std::sort(logs.begin(), logs.end());
  REQUIRE(logs.size() >= 10);

  const std::regex moved(R"(^[^ ]*:[0-9]+(:[0-9]+)?: moved to heap: )");
  size_t total = 0, grep_moved = 0, unrecognized = 0;
  int kinds_seen[escviz::kLineKindCount] = {};
  for (const fs::path& path : logs) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      ++total;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      ParsedLine p = Classify(line);
      ++kinds_seen[static_cast<int>(p.kind)];
      if (p.kind == LineKind::kUnrecognized) {
        ++unrecognized;
        FAIL_CHECK(path.filename().string() << ":" << n << ": unrecognized: " << line);
      }
      if (std::regex_search(line, moved)) {
        ++grep_moved;
        if (p.kind != LineKind::kMovedToHeap) {
          FAIL_CHECK(path.filename().string()
                     << ":" << n << ": grep says moved-to-heap, classified " << LineKindName(p.kind)
                     << ": " << line);
        }
      }
    }
  }
  CHECK(unrecognized == 0);
  CHECK(total > 3000);
  CHECK(grep_moved > 10);
  // The sweep exercises the main forms.
  for (LineKind k : {LineKind::kMovedToHeap, LineKind::kEscapesHeader, LineKind::kFlow,
                     LineKind::kFrom, LineKind::kLeakHeader, LineKind::kCanInline,
                     LineKind::kDebugDump, LineKind::kPackageHeader}) {
    INFO(LineKindName(k));
    CHECK(kinds_seen[static_cast<int>(k)] > 0);
  }
}
