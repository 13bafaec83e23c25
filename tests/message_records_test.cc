// Tests of the inlining and -live records (issue 20, defect 11) and of the `...uintptr` verdict.
// Each line below has a form the compiler prints: the uintptrescapes2.go and -live lines are
// verbatim `go tool compile -C` output on $GOROOT/test programs (Go 1.19 and Go 1.27 print them
// alike); the others follow the format strings of go-diagnostics.md sections 3 and 6 with names
// and line numbers of our own. The truth is the line itself: the record keeps its fields, and
// the sentence rebuilt from the record is the line's message again, byte for byte (only text a
// record does not keep, the `as: BODY` of `can inline`, reads `…`). The whole-file check of the
// same property, on the compiler's real output, is scripts/errorcheck.py.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/classifier.h"
#include "parsers/model_builder.h"
#include "src/model.h"

namespace escviz {
namespace {

/// Parses `text` as one input into the empty `*m`.
void Parse(const std::string& text, Model* m) {
  static const Classifier classifier;
  ModelBuilder b(m);
  uint32_t in = b.BeginInput("t.log");
  std::istringstream s(text);
  std::string line;
  uint64_t n = 0;
  while (std::getline(s, line)) b.AddLine(classifier.Classify(line), SourceRef{in, ++n}, line);
  b.Finish();
}

/// The message of `line` (after `POS: `).
std::string Message(const std::string& line) { return line.substr(line.find(": ") + 2); }

}  // namespace

TEST_CASE("records: `marking P as escaping ...uintptr` keeps its `...`", "[records]") {
  // $GOROOT/test/uintptrescapes2.go, Go 1.19 and Go 1.27 alike.
  const std::vector<std::string> lines = {
      "uintptrescapes2.go:16: marking a as escaping uintptr",
      "uintptrescapes2.go:19: marking a as escaping ...uintptr",
      "uintptrescapes2.go:22: marking arg#1 as escaping uintptr",
      "uintptrescapes2.go:25: marking arg#1 as escaping ...uintptr",
  };
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  Model m;
  Parse(text, &m);
  REQUIRE(m.verdicts.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    INFO(lines[i]);
    CHECK(m.verdicts[i].kind == VerdictKind::kMarkingEscapingUintptr);
    CHECK(m.verdicts[i].level == (i % 2 == 1 ? 1 : 0));
    CHECK(VerdictSentence(m, m.verdicts[i]) == Message(lines[i]));
    CHECK(m.FormatPos(m.verdicts[i].pos) + ": " + VerdictSentence(m, m.verdicts[i]) == lines[i]);
  }
}

TEST_CASE("records: every verdict kind's sentence is the compiler's", "[records]") {
  // escape_mutations.go (Go 1.27, -d=escapemutationscalls,zerocopy) and cgo (section 11.6).
  const std::vector<std::string> lines = {
      "escape_mutations.go:15: mutates param: p derefs=0",
      "escape_mutations.go:19: calls param: f derefs=0",
      "escape_mutations.go:23: x does not escape, mutate, or call",
      "escape_mutations.go:40: zero-copy string->[]byte conversion",
      "_cgo_gotypes.go:42: assuming arg#2 is unsafe uintptr",
      "escape2.go:20: leaking param: p to result ~r0 level=0",
      "escape2.go:21: leaking param content: p",
  };
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  Model m;
  Parse(text, &m);
  REQUIRE(m.verdicts.size() == lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(m.FormatPos(m.verdicts[i].pos) + ": " + VerdictSentence(m, m.verdicts[i]) == lines[i]);
  }
}

TEST_CASE("records: inlining lines are kept, with name, position, cost or reason", "[records]") {
  Model m;
  Parse(
      "# p\n"
      "inline.go:20: can inline add2\n"                                         // -m
      "inline_big.go:12: can inline small with cost 14 as: func([]int) int { "  // -m=2
      "return a[0] + a[1] + a[2] + a[3] }\n"
      "inline_big.go:17: can inline empty with cost 0 as: func() {  }\n"
      "inline_big.go:23: cannot inline medium: function too complex: cost 99 exceeds budget 80\n"
      "inline.go:94: cannot inline f: marked go:noinline\n"
      "inline.go:60: cannot inline r into s: repeated recursive cycle\n"
      "inline.go:24: inlining call to add2\n"
      "inline.go:25: inlining call to F with score 12\n"
      "inline.go:26: inlining call to param1 func(*int, *int) (*int, *int) { return p1, p2 }\n"
      "inline_big.go:1023: function f considered 'big'; reducing max cost of inlinees\n"
      "inline.go:30: x does not escape\n",
      &m);
  REQUIRE(m.inlines.size() == 10);
  CHECK(m.verdicts.size() == 1);  // records are not verdicts
  const InlineRecord& can = m.inlines[0];
  CHECK(can.kind == LineKind::kCanInline);
  CHECK(m.str(can.name) == "add2");
  CHECK(m.FormatPos(can.pos) == "inline.go:20");
  CHECK(can.number == -1);
  CHECK_FALSE(can.text_elided);
  CHECK(can.package == 1);
  CHECK(m.inlines[1].number == 14);
  CHECK(m.inlines[1].text_elided);
  CHECK(m.inlines[2].number == 0);  // a cost of 0, printed
  CHECK(m.inlines[2].text_elided);
  CHECK(m.str(m.inlines[3].detail) == "function too complex: cost 99 exceeds budget 80");
  CHECK(m.str(m.inlines[5].name) == "r");
  CHECK(m.str(m.inlines[5].detail) == "s");
  CHECK(m.inlines[6].kind == LineKind::kInliningCall);
  CHECK(m.str(m.inlines[6].name) == "add2");
  CHECK(m.inlines[7].number == 12);
  CHECK_FALSE(m.inlines[7].text_elided);
  CHECK(m.inlines[8].text_elided);
  CHECK(m.inlines[9].kind == LineKind::kBigFunction);

  const std::vector<std::string> sentences = {
      "can inline add2",
      "can inline small with cost 14 as: …",
      "can inline empty with cost 0 as: …",
      "cannot inline medium: function too complex: cost 99 exceeds budget 80",
      "cannot inline f: marked go:noinline",
      "cannot inline r into s: repeated recursive cycle",
      "inlining call to add2",
      "inlining call to F with score 12",
      "inlining call to param1 …",
      "function f considered 'big'; reducing max cost of inlinees",
  };
  for (size_t i = 0; i < sentences.size(); ++i) {
    CHECK(InlineSentence(m, m.inlines[i]) == sentences[i]);
  }
}

TEST_CASE("records: -live lines are their own kinds, kept and rebuilt exactly", "[records]") {
  // uintptrescapes2.go and live.go (Go 1.19 and Go 1.27, -live -C).
  const std::vector<std::string> lines = {
      "uintptrescapes2.go:48: live at call to T.M1: .autotmp_2",
      "uintptrescapes2.go:48: stack object .autotmp_2 unsafe.Pointer",
      "live.go:166: live at entry to f17a: x",
      "live.go:427: live at indirect call: .autotmp_13 .autotmp_14",
      "live.go:51: live at call to printint: x y",
      "live.go:12: stack object x struct { a *int; b [2]string }",
  };
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  Model m;
  Parse(text, &m);
  CHECK(m.unrecognized_count() == 0);
  CHECK(m.line_counts[static_cast<int>(LineKind::kLiveAtCall)] == 2);
  CHECK(m.line_counts[static_cast<int>(LineKind::kLiveAtEntry)] == 1);
  CHECK(m.line_counts[static_cast<int>(LineKind::kLiveAtIndirectCall)] == 1);
  CHECK(m.line_counts[static_cast<int>(LineKind::kStackObject)] == 2);
  REQUIRE(m.lives.size() == lines.size());
  CHECK(m.str(m.lives[0].name) == "T.M1");
  CHECK(m.str(m.lives[0].detail) == ".autotmp_2");
  CHECK(m.str(m.lives[1].name) == ".autotmp_2");
  CHECK(m.str(m.lives[1].detail) == "unsafe.Pointer");
  CHECK(m.lives[3].name == 0);
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(m.FormatPos(m.lives[i].pos) + ": " + LiveSentence(m, m.lives[i]) == lines[i]);
  }
}

}  // namespace escviz
