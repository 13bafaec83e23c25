// Tests for parsers/raw_string.h and for messages that span lines through the whole parser: the
// compiler prints raw string literals verbatim, so a record goes on while one is open.
#include "parsers/raw_string.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "parsers/text_log_parser.h"
#include "render/terminal_diagnostics.h"
#include "src/query.h"

namespace escviz {

TEST_CASE("RawStringOpenAfter: backquotes open and close raw strings", "[raw_string]") {
  CHECK_FALSE(RawStringOpenAfter("./a.go:1:2: x escapes to heap", false));
  CHECK(RawStringOpenAfter("./a.go:1:2: `abc", false));
  CHECK_FALSE(RawStringOpenAfter("./a.go:1:2: `abc` escapes to heap", false));
  CHECK(RawStringOpenAfter("./a.go:1:2: `a` + `b", false));
  // Continuing an open literal.
  CHECK(RawStringOpenAfter("\tmore text \"with quotes\"", true));
  CHECK_FALSE(RawStringOpenAfter("\tend.` escapes to heap", true));
  CHECK(RawStringOpenAfter("end.` then `again", true));
  CHECK(RawStringOpenAfter("", true));
  CHECK_FALSE(RawStringOpenAfter("", false));
}

TEST_CASE("RawStringOpenAfter: quoted strings and rune literals open none", "[raw_string]") {
  CHECK_FALSE(RawStringOpenAfter(R"(./a.go:1:2: "`" escapes to heap)", false));
  CHECK_FALSE(RawStringOpenAfter(R"(./a.go:1:2: "a\"`" escapes to heap)", false));
  CHECK_FALSE(
      RawStringOpenAfter(R"(./a.go:1:2: strings.IndexByte(s, '`') does not escape)", false));
  CHECK_FALSE(RawStringOpenAfter(R"(./a.go:1:2: f('\'', '`'))", false));
  // An apostrophe in text is not a rune literal: the backquote after it opens a raw string.
  CHECK(RawStringOpenAfter("./a.go:1:2: it's `open", false));
  // A double-quoted string left open ends with the text.
  CHECK_FALSE(RawStringOpenAfter(R"(./a.go:1:2: "abc `)", false));
}

namespace {

void ParseLog(const std::string& text, Model* m, std::string* err_text = nullptr) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextMemory(text, "t.log", m, &diag));
  ReportInputProblems(*m, &diag);
  if (err_text != nullptr) *err_text = err.str();
}

uint64_t Count(const Model& m, LineKind k) { return m.line_counts[static_cast<int>(k)]; }

}  // namespace

TEST_CASE("a verdict, its header, a flow and a from line over four lines each", "[raw_string]") {
  // Verbatim from gin (Debian golang-github-gin-gonic-gin-dev) under Go 1.19.8,
  // samples/releases/go1.19/gin.m2.log.gz lines 2484-2509, shortened to one flow.
  const std::string lit =
      "`BindWith(\\\"interface{}, binding.Binding\\\") error is going to\n"
      "\tbe deprecated, please check issue #662 and either use MustBindWith() if you\n"
      "\twant HTTP 400 to be automatically returned if any error occur, or use\n"
      "\tShouldBindWith() if you need to manage the error.`";
  const std::string pos = "github.com/gin-gonic/gin/deprecated.go:16:14:";
  const std::string log = "# github.com/gin-gonic/gin\n" + pos + " " + lit + " escapes to heap:\n" +
                          pos + "   flow: {storage for ... argument} = &{storage for " + lit +
                          "}:\n" + pos + "     from " + lit + " (spill) at " +
                          pos.substr(0, pos.size() - 1) + "\n" + pos +
                          "   flow: {heap} = {storage for ... argument}:\n" + pos +
                          "     from log.Println(... argument...) (call parameter) at "
                          "github.com/gin-gonic/gin/deprecated.go:16:13\n" +
                          pos + " " + lit + " escapes to heap\n" +
                          "github.com/gin-gonic/gin/errors.go:45:7: leaking param: msg\n";
  std::string err;
  Model m;
  ParseLog(log, &m, &err);
  CHECK(m.total_lines == 20);
  CHECK(m.unrecognized_count() == 0);
  CHECK(m.orphan_explanation_lines == 0);
  CHECK(Count(m, LineKind::kContinuation) == 12);
  CHECK(Count(m, LineKind::kEscapesHeader) == 1);
  CHECK(Count(m, LineKind::kFlow) == 2);
  CHECK(Count(m, LineKind::kFrom) == 2);
  CHECK(Count(m, LineKind::kEscapesToHeap) == 1);
  CHECK(Count(m, LineKind::kLeakingParam) == 1);
  REQUIRE(m.verdicts.size() == 2);
  const Verdict& v = m.verdicts[0];
  CHECK(m.str(v.subject) == lit);
  CHECK(v.src.line == 16);              // the record's first line
  CHECK(m.verdicts[1].src.line == 20);  // line numbers go on after the record
  // The explanation attaches, its steps whole.
  REQUIRE(m.expl_offsets[1] - m.expl_offsets[0] == 1);
  const Explanation& e = m.explanations[m.expl_index[m.expl_offsets[0]]];
  REQUIRE(e.step_count == 2);
  CHECK(m.str(m.steps[e.first_step].src) == "{storage for " + lit + "}");
  CHECK(m.steps[e.first_step].derefs == -1);
  REQUIRE(m.steps[e.first_step].note_count == 1);
  CHECK(m.str(m.notes[m.steps[e.first_step].first_note].expr) == lit);
  CHECK(err.empty());
}

TEST_CASE("a can-inline body with a raw string over lines, blank lines included", "[raw_string]") {
  // Verbatim from gin under Go 1.19.8 (debug.go:87).
  const std::string log =
      "github.com/gin-gonic/gin/debug.go:87:6: can inline debugPrintWARNINGSetHTMLTemplate "
      "with cost 60 as: func() { debugPrint(`[WARNING] Since SetHTMLTemplate() is NOT "
      "thread-safe. It should only be called\n"
      "at initialization. ie. before any route is registered or the router is listening in a "
      "socket:\n"
      "\n"
      "\trouter := gin.Default()\n"
      "\trouter.SetHTMLTemplate(template) // << good place\n"
      "\n"
      "`) }\n"
      "github.com/gin-gonic/gin/debug.go:97:6: can inline debugPrintError\n";
  Model m;
  ParseLog(log, &m);
  CHECK(m.total_lines == 8);
  CHECK(Count(m, LineKind::kCanInline) == 2);
  CHECK(Count(m, LineKind::kContinuation) == 6);
  CHECK(Count(m, LineKind::kBlank) == 0);
  CHECK(m.unrecognized_count() == 0);
}

TEST_CASE("a stray backquote does not swallow the next message", "[raw_string]") {
  const std::string log =
      "./a.go:1:2: x `escapes to heap\n"
      "\tcontinued\n"
      "./a.go:2:2: moved to heap: y\n"
      "./a.go:3:2: z escapes to heap\n";
  std::string err;
  Model m;
  ParseLog(log, &m, &err);
  CHECK(m.total_lines == 4);
  CHECK(Count(m, LineKind::kMovedToHeap) == 1);
  CHECK(Count(m, LineKind::kEscapesToHeap) == 1);
  CHECK(Count(m, LineKind::kContinuation) == 1);
  CHECK(m.unrecognized_count() == 1);  // the two-line record fits no form: reported
  CHECK(err.find("t.log:1: unrecognized line") != std::string::npos);
}

TEST_CASE("a raw string left open at the end of input ends the record there", "[raw_string]") {
  Model m;
  ParseLog("./a.go:1:2: `never closed escapes to heap\n\tmore\n\n", &m);
  CHECK(m.total_lines == 3);
  CHECK(Count(m, LineKind::kContinuation) == 2);
  CHECK(m.unrecognized_count() == 1);
}

}  // namespace escviz
