// Tests of ModelBuilder through the text parser: explanation attachment, function attribution,
// packages, and the Go 1.26 form against its `=`-form twin (samples/go126*.m2.log).
#include "parsers/model_builder.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "parsers/text_log_parser.h"
#include "render/terminal_diagnostics.h"
#include "src/query.h"

namespace escviz {
namespace {

std::string Sample(const std::string& name) {
  return std::string(ESCVIZ_SOURCE_DIR) + "/samples/" + name;
}

/// Parses `text` as one input named "t.log".
void ParseString(const std::string& text, Model* m) {
  static const Classifier classifier;
  ModelBuilder b(m);
  uint32_t in = b.BeginInput("t.log");
  std::istringstream s(text);
  std::string line;
  uint64_t n = 0;
  while (std::getline(s, line)) b.AddLine(classifier.Classify(line), SourceRef{in, ++n}, line);
  b.Finish();
}

void ParseFile(const std::string& path, Model* m) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextLogs({path}, m, &diag));
}

std::vector<uint32_t> Expls(const Model& m, uint32_t v) {
  return std::vector<uint32_t>(m.expl_index.begin() + m.expl_offsets[v],
                               m.expl_index.begin() + m.expl_offsets[v + 1]);
}

}  // namespace

TEST_CASE("explanation attaches to the verdict with the same position and subject", "[builder]") {
  Model m;
  ParseString(
      "# p\n"
      "./main.go:14:35: parameter value leaks to {heap} with derefs=0:\n"
      "./main.go:14:35:   flow: {heap} = value:\n"
      "./main.go:14:35:     from storage.value = value (assign) at ./main.go:15:16\n"
      "./main.go:14:17: storage does not escape\n"  // in between: must not take it
      "./main.go:14:35: leaking param: value\n",
      &m);
  REQUIRE(m.verdicts.size() == 2);
  CHECK(Expls(m, 0).empty());
  REQUIRE(Expls(m, 1).size() == 1);
  const Explanation& e = m.explanations[Expls(m, 1)[0]];
  CHECK(e.kind == Explanation::Kind::kLeak);
  CHECK(m.str(e.leak_dst) == "{heap}");
  REQUIRE(e.step_count == 1);
  const FlowStep& s = m.steps[e.first_step];
  CHECK(m.str(s.dst) == "{heap}");
  CHECK(m.str(s.src) == "value");
  CHECK(s.derefs == 0);
  REQUIRE(s.note_count == 1);
  CHECK(m.str(m.notes[s.first_note].reason) == "assign");
  CHECK(m.FormatPos(m.notes[s.first_note].pos) == "./main.go:15:16");
}

TEST_CASE("Go 1.26+: a block naming the inlined parameter explains the argument's verdict",
          "[builder]") {
  // Verbatim from samples/releases/go1.27/gin.m2.log.gz (auth.go:75:9, lines 915-918 and 936),
  // with the lines between left out.
  Model m;
  ParseString(
      "# github.com/gin-gonic/gin\n"
      "github.com/gin-gonic/gin/auth.go:75:9: text escapes to heap in processAccounts:\n"
      "github.com/gin-gonic/gin/auth.go:75:9:   flow: {heap} \xE2\x86\x90 &{storage for text}:\n"
      "github.com/gin-gonic/gin/auth.go:75:9:     from text (spill) at "
      "github.com/gin-gonic/gin/auth.go:75:9\n"
      "github.com/gin-gonic/gin/auth.go:75:9:     from panic(text) (call parameter) at "
      "github.com/gin-gonic/gin/auth.go:75:9\n"
      "github.com/gin-gonic/gin/auth.go:73:22: accounts does not escape\n"
      "github.com/gin-gonic/gin/auth.go:75:9: \"Empty list of authorized credentials\" escapes to "
      "heap\n",
      &m);
  REQUIRE(m.verdicts.size() == 2);
  REQUIRE(Expls(m, 1).size() == 1);
  CHECK(m.str(m.explanations[Expls(m, 1)[0]].subject) == "text");

  // With two different subjects waiting at one place, an unmatched verdict takes neither.
  Model two;
  ParseString(
      "./a.go:3:4: a escapes to heap:\n"
      "./a.go:3:4:   flow: {heap} = a:\n"
      "./a.go:3:4: b escapes to heap:\n"
      "./a.go:3:4:   flow: {heap} = b:\n"
      "./a.go:3:4: c escapes to heap\n"
      "./a.go:3:4: b escapes to heap\n",
      &two);
  REQUIRE(two.verdicts.size() == 2);
  CHECK(Expls(two, 0).empty());
  REQUIRE(Expls(two, 1).size() == 1);
  CHECK(two.str(two.explanations[Expls(two, 1)[0]].subject) == "b");
}

TEST_CASE("several leak blocks attach to one leaking param", "[builder]") {
  Model m;
  ParseString(
      "./a.go:3:8: parameter p leaks to ~r0 with derefs=0:\n"
      "./a.go:3:8:   flow: ~r0 = p:\n"
      "./a.go:3:8: parameter p leaks to {heap} with derefs=1:\n"
      "./a.go:3:8:   flow: {heap} = *p:\n"
      "./a.go:3:8: leaking param content: p\n",
      &m);
  REQUIRE(m.verdicts.size() == 1);
  CHECK(Expls(m, 0).size() == 2);
}

TEST_CASE("explanations do not cross package headers", "[builder]") {
  Model m;
  ParseString(
      "# a\n"
      "./x.go:4:2: v escapes to heap:\n"
      "./x.go:4:2:   flow: {heap} = &v:\n"
      "# b\n"
      "./x.go:4:2: moved to heap: v\n",
      &m);
  REQUIRE(m.verdicts.size() == 1);
  CHECK(Expls(m, 0).empty());
  CHECK(m.explanations[0].verdict == kNone);
  CHECK(m.PackageName(m.verdicts[0].package) == "b");
}

TEST_CASE("explanation lines without a header are counted, not dropped", "[builder]") {
  Model m;
  ParseString(
      "./x.go:4:2:   flow: {heap} = &v:\n"
      "./x.go:4:2:     from &v (address-of) at ./x.go:5:3\n"
      "./x.go:4:2: moved to heap: v\n",
      &m);
  CHECK(m.orphan_explanation_lines == 2);
  REQUIRE(m.orphan_samples.size() == 2);
  CHECK(m.orphan_samples[0].src.line == 1);
  CHECK(m.total_lines == 3);
}

TEST_CASE("each input starts in the unnamed package", "[builder]") {
  static const Classifier classifier;
  Model m;
  ModelBuilder b(&m);
  const std::string first[] = {"# example.com/a", "./a.go:3:2: moved to heap: x"};
  const std::string second[] = {"./b.go:4:2: moved to heap: y", "# example.com/c",
                                "./c.go:5:2: moved to heap: z"};
  uint32_t in = b.BeginInput("first.log");
  uint64_t n = 0;
  for (const std::string& line : first) b.AddLine(classifier.Classify(line), {in, ++n}, line);
  in = b.BeginInput("second.log");
  n = 0;
  for (const std::string& line : second) b.AddLine(classifier.Classify(line), {in, ++n}, line);
  b.Finish();
  REQUIRE(m.verdicts.size() == 3);
  CHECK(m.PackageName(m.verdicts[0].package) == "example.com/a");
  CHECK(m.verdicts[1].package == 0);  // second.log has no header before it
  CHECK(m.PackageName(m.verdicts[2].package) == "example.com/c");
}

TEST_CASE("test variants are distinct packages", "[builder]") {
  Model m;
  ParseString(
      "# example.com/esc/sub\n"
      "sub/sub.go:5:2: moved to heap: x\n"
      "# example.com/esc/sub [example.com/esc/sub.test]\n"
      "sub/sub.go:5:2: moved to heap: x\n",
      &m);
  REQUIRE(m.verdicts.size() == 2);
  CHECK(m.verdicts[0].package != m.verdicts[1].package);
  CHECK(m.PackageName(m.verdicts[1].package) == "example.com/esc/sub [example.com/esc/sub.test]");
}

TEST_CASE("functions: nearest declaration at -m=2, same line only at -m=1", "[builder]") {
  SECTION("-m=2: every function has a can/cannot inline line") {
    Model m;
    ParseString(
        "./a.go:3:6: can inline f with cost 4 as: func(*int) { sink = p }\n"
        "./a.go:8:6: cannot inline g: marked go:noinline\n"
        "./a.go:3:8: leaking param: p\n"
        "./a.go:9:2: moved to heap: x\n"
        "./b.go:1:1: moved to heap: y\n",
        &m);
    CHECK(m.FunctionName(m.verdicts[0].function) == "f");
    CHECK(m.FunctionName(m.verdicts[1].function) == "g");
    CHECK(m.FunctionName(m.verdicts[2].function) == "?");  // no declaration in b.go
  }
  SECTION("-m=1: only inlinable functions are declared, so only same-line matches count") {
    Model m;
    ParseString(
        "./a.go:3:6: can inline f\n"
        "./a.go:3:8: leaking param: p\n"
        "./a.go:9:2: moved to heap: x\n",
        &m);
    CHECK(m.FunctionName(m.verdicts[0].function) == "f");
    CHECK(m.FunctionName(m.verdicts[1].function) == "?");
  }
}

TEST_CASE("Go 1.26 in/for FUNC name the function", "[builder]") {
  Model m;
  ParseFile(Sample("go126.m2.log"), &m);
  auto at = FindAt(m, *ParsePlace("main.go:14:35"));
  REQUIRE(at.size() == 1);
  CHECK(m.FunctionName(m.verdicts[at[0]].function) == "storeValue");
  at = FindAt(m, *ParsePlace("problematic_patterns.go:45:16"));
  REQUIRE(at.size() == 1);
  CHECK(m.FunctionName(m.verdicts[at[0]].function) == "(*ConstantGrow).Grow");
}

// Acceptance point 4 of issue 2: the `←` form and its `=`-form twin give the same model.
TEST_CASE("Go 1.26 fixture equals its =-form twin", "[builder][twin]") {
  Model a, b;
  ParseFile(Sample("go126.m2.log"), &a);
  ParseFile(Sample("go126-eq.m2.log"), &b);
  CHECK(a.total_lines == b.total_lines);
  CHECK(a.line_counts == b.line_counts);
  CHECK(a.unrecognized_count() == 0);
  REQUIRE(a.verdicts.size() == b.verdicts.size());
  REQUIRE(a.explanations.size() == b.explanations.size());
  for (size_t i = 0; i < a.verdicts.size(); ++i) {
    const Verdict& va = a.verdicts[i];
    const Verdict& vb = b.verdicts[i];
    INFO("verdict " << a.FormatPos(va.pos) << " " << a.str(va.subject));
    CHECK(va.kind == vb.kind);
    CHECK(a.FormatPos(va.pos) == b.FormatPos(vb.pos));
    CHECK(a.str(va.subject) == b.str(vb.subject));
    // Functions: the same, except where the excerpt lacks the declaration line that the `=`
    // form needs (the `←` form names the function in the header instead).
    std::string_view fa = a.FunctionName(va.function), fb = b.FunctionName(vb.function);
    bool declared_in_b = false;
    for (const Function& f : b.functions) declared_in_b |= b.str(f.name) == fa && f.decl.line != 0;
    if (declared_in_b || fa == "?") CHECK(fa == fb);
    // Chains: same steps, derefs and notes.
    auto ea = Expls(a, static_cast<uint32_t>(i)), eb = Expls(b, static_cast<uint32_t>(i));
    REQUIRE(ea.size() == eb.size());
    for (size_t k = 0; k < ea.size(); ++k) {
      const Explanation& xa = a.explanations[ea[k]];
      const Explanation& xb = b.explanations[eb[k]];
      REQUIRE(xa.step_count == xb.step_count);
      CHECK(a.str(xa.leak_dst) == b.str(xb.leak_dst));
      for (uint32_t s = 0; s < xa.step_count; ++s) {
        const FlowStep& sa = a.steps[xa.first_step + s];
        const FlowStep& sb = b.steps[xb.first_step + s];
        CHECK(a.str(sa.dst) == b.str(sb.dst));
        CHECK(a.str(sa.src) == b.str(sb.src));
        CHECK(sa.derefs == sb.derefs);
        REQUIRE(sa.note_count == sb.note_count);
        for (uint32_t n = 0; n < sa.note_count; ++n) {
          const Note& na = a.notes[sa.first_note + n];
          const Note& nb = b.notes[sb.first_note + n];
          CHECK(a.str(na.expr) == b.str(nb.expr));
          CHECK(a.str(na.reason) == b.str(nb.reason));
          CHECK(a.FormatPos(na.pos) == b.FormatPos(nb.pos));
        }
      }
    }
  }
}

// Acceptance point 3 of issue 2, checked against the log lines themselves.
TEST_CASE("explain chain of a moved-to-heap variable matches the log", "[builder][escdemo]") {
  Model m;
  ParseFile(Sample("escdemo.m2.log"), &m);
  auto at = FindAt(m, *ParsePlace("main.go:44:2"));
  REQUIRE(at.size() == 1);
  const Verdict& v = m.verdicts[at[0]];
  CHECK(v.kind == VerdictKind::kMovedToHeap);
  CHECK(m.str(v.subject) == "local");
  CHECK(m.FunctionName(v.function) == "oneLevel");
  // The block at lines 108-111 of the log.
  auto ex = Expls(m, at[0]);
  REQUIRE(ex.size() == 1);
  const Explanation& e = m.explanations[ex[0]];
  CHECK(e.src.line == 108);
  REQUIRE(e.step_count == 1);
  const FlowStep& s = m.steps[e.first_step];
  CHECK(m.str(s.dst) == "{heap}");
  CHECK(m.str(s.src) == "local");
  CHECK(s.derefs == -1);
  REQUIRE(s.note_count == 2);
  CHECK(m.str(m.notes[s.first_note + 1].expr) == "store(&local)");
  CHECK(m.str(m.notes[s.first_note + 1].reason) == "call parameter");
}

TEST_CASE("explain chain through fmt.Println matches the log", "[builder][escdemo]") {
  Model m;
  ParseFile(Sample("escdemo.m2.log"), &m);
  auto found = FindByName(m, "name", "printAll");
  std::vector<uint32_t> heap;
  for (uint32_t v : found) {
    if (m.verdicts[v].kind == VerdictKind::kEscapesToHeap) heap.push_back(v);
  }
  REQUIRE(heap.size() == 1);
  auto ex = Expls(m, heap[0]);
  REQUIRE(ex.size() == 1);
  const Explanation& e = m.explanations[ex[0]];
  // Log lines 198-206: three steps ending in fmt.Fprintln's call parameter.
  CHECK(e.src.line == 198);
  REQUIRE(e.step_count == 3);
  const char* dst[] = {"{storage for ... argument}", "fmt.a", "{heap}"};
  const char* src[] = {"{storage for name}", "{storage for ... argument}", "fmt.a"};
  int derefs[] = {-1, -1, 1};
  for (int i = 0; i < 3; ++i) {
    const FlowStep& s = m.steps[e.first_step + i];
    CHECK(m.str(s.dst) == dst[i]);
    CHECK(m.str(s.src) == src[i]);
    CHECK(s.derefs == derefs[i]);
  }
  const FlowStep& last = m.steps[e.first_step + 2];
  REQUIRE(last.note_count == 1);
  CHECK(m.str(m.notes[last.first_note].expr) == "fmt.Fprintln(io.Writer(os.Stdout), fmt.a...)");
}

}  // namespace escviz
