// Tests of the source attribution pass (parsers/source_attribution.h): closures nested, methods
// with generic receivers, package-level code, names shared with the log, files refused outside
// the root (`..`, a symbolic link), absolute paths, stale sources, and the escdemo sample.
#include "parsers/source_attribution.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "parsers/text_log_parser.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

namespace stdfs = std::filesystem;

/// Keeps every message, for checks.
class RecordingDiagnostics : public Diagnostics {
 public:
  std::vector<std::string> warnings, notes, errors;

 protected:
  void Emit(Severity severity, std::string_view msg) override {
    (severity == Severity::kWarning ? warnings
     : severity == Severity::kNote  ? notes
                                    : errors)
        .emplace_back(msg);
  }
};

/// How many of `messages` contain `needle`.
int Count(const std::vector<std::string>& messages, std::string_view needle) {
  int n = 0;
  for (const std::string& m : messages) n += m.find(needle) != std::string::npos;
  return n;
}

/// `LINE:COL` of the `nth` (0-based) `needle` on 1-based line `line` of `src`.
std::string At(std::string_view src, int line, std::string_view needle, int nth = 0) {
  size_t start = 0;
  for (int l = 1; l < line; ++l) start = src.find('\n', start) + 1;
  const std::string_view text = src.substr(start, src.find('\n', start) - start);
  size_t col = text.find(needle);
  for (int i = 0; i < nth && col != std::string_view::npos; ++i) col = text.find(needle, col + 1);
  REQUIRE(col != std::string_view::npos);
  return std::to_string(line) + ":" + std::to_string(col + 1);
}

/// Parses `log` and runs the pass with `tree`.
SourceAttributionStats Attribute(const std::string& log, SourceTree* tree, Model* m,
                                 RecordingDiagnostics* diag) {
  REQUIRE(ParseTextMemory(log, "t.log", m, diag));
  return AttributeFromSources(m, tree, diag);
}

/// The verdict whose subject is `subject`.
const Verdict& BySubject(const Model& m, std::string_view subject) {
  for (const Verdict& v : m.verdicts) {
    if (m.str(v.subject) == subject) return v;
  }
  FAIL("no verdict " << subject);
  return m.verdicts.front();
}

const std::string kSource =
    "package p\n"                                            // 1
    "\n"                                                     // 2
    "import \"errors\"\n"                                    // 3
    "\n"                                                     // 4
    "var ErrX = errors.New(\"x\")\n"                         // 5
    "\n"                                                     // 6
    "func Outer(n int) func() int {\n"                       // 7
    "\tf := func() int {\n"                                  // 8
    "\t\tg := func() int { return n }\n"                     // 9
    "\t\treturn g() + func() int { a := 1; return a }()\n"   // 10
    "\t}\n"                                                  // 11
    "\ty := &n\n"                                            // 12
    "\treturn func() int { return *y + f() }\n"              // 13
    "}\n"                                                    // 14
    "\n"                                                     // 15
    "type List[T any] struct{ items []T }\n"                 // 16
    "\n"                                                     // 17
    "func (l *List[T]) Push(v T) {\n"                        // 18
    "\tl.items = append(l.items, v)\n"                       // 19
    "\teach := func() { sink = l }\n"                        // 20
    "\teach()\n"                                             // 21
    "}\n"                                                    // 22
    "\n"                                                     // 23
    "func (l *List[T]) Len() int { sink = &l; return 0 }\n"  // 24
    "\n"                                                     // 25
    "func init() { sink = new(int) }\n";                     // 26

/// A -m=2 log of kSource in the file `file`: some functions declared, as the compiler does.
std::string Log(const std::string& file) {
  const std::string& s = kSource;
  auto pos = [&](int line, std::string_view needle, int nth = 0) {
    return file + ":" + At(s, line, needle, nth) + ": ";
  };
  return "# example.com/p\n" +
         // Declarations: Outer, its first closure, a generic method instance.
         pos(7, "Outer") +
         "cannot inline Outer: function too complex: cost 200 exceeds budget 80\n" +
         pos(8, "func") + "can inline Outer.func1 with cost 30 as: func() int { return 0 }\n" +
         pos(18, "(") + "cannot inline (*List[go.shape.int]).Push: function too complex\n" +
         // Verdicts.
         pos(5, "errors.New") + "&errors.errorString{...} escapes to heap\n" + pos(9, "n }") +
         "n escapes to heap\n" +                                       // in Outer.func1.1
         pos(10, "a :=") + "a escapes to heap\n" +                     // in Outer.func1.2
         pos(9, "func") + "func literal does not escape\n" +           // g made in Outer.func1
         pos(12, "&n") + "&n escapes to heap\n" +                      // Outer, after a closure
         pos(13, "*y") + "*y escapes to heap\n" +                      // in Outer.func2
         pos(13, "func") + "func literal escapes to heap\n" +          // made in Outer
         pos(19, "append") + "append(l.items, v) escapes to heap\n" +  // the log's instance
         pos(20, "l }") + "l escapes to heap\n" +                      // its closure
         pos(24, "&l") + "&l escapes to heap\n" +                      // never declared
         pos(26, "new(int)") + "new(int) escapes to heap\n";           // `init`: init.0
}

/// The function each verdict of Log() must end up in, by subject.
void CheckAttributed(const Model& m) {
  const std::pair<const char*, const char*> want[] = {
      {"&errors.errorString{...}", "init"},
      {"n", "Outer.func1.1"},
      {"a", "Outer.func1.2"},
      {"func literal", "Outer.func1"},  // the first `func literal` verdict: g, at line 9
      {"&n", "Outer"},
      {"*y", "Outer.func2"},
      {"append(l.items, v)", "(*List[go.shape.int]).Push"},
      {"l", "(*List[go.shape.int]).Push.func1"},
      {"&l", "(*List).Len"},
  };
  for (const auto& [subject, function] : want) {
    INFO(subject);
    const Verdict& v = BySubject(m, subject);
    CHECK(m.FunctionName(v.function) == function);
    CHECK(v.attribution == Attribution::kSource);
  }
  // `func literal escapes to heap` at line 13 is made in Outer.
  CHECK(m.FunctionName(m.verdicts[6].function) == "Outer");
  // An `init` function is `init.0` to the compiler: without its declaration line, unknown.
  const Verdict& in_init = BySubject(m, "new(int)");
  CHECK(in_init.attribution != Attribution::kSource);
}

TEST_CASE("source attribution: closures, generic methods, package level", "[source]") {
  test::TempDir dir;
  dir.Write("a.go", kSource);
  Model m;
  RecordingDiagnostics diag;
  SourceTree tree(dir.path());
  const std::string log = Log("./a.go");
  // Before the pass: the heuristic's answers, wrong after a closure's end.
  {
    Model before;
    RecordingDiagnostics d;
    REQUIRE(ParseTextMemory(log, "t.log", &before, &d));
    CHECK(before.FunctionName(BySubject(before, "&n").function) == "Outer.func1");
    CHECK(BySubject(before, "&n").attribution == Attribution::kHeuristic);
    CHECK(BySubject(before, "&errors.errorString{...}").attribution == Attribution::kUnknown);
  }
  const SourceAttributionStats st = Attribute(log, &tree, &m, &diag);
  CheckAttributed(m);
  CHECK(st.files_read == 1);
  CHECK(st.files_refused == 0);
  CHECK(st.verdicts == 10);  // all but the one in `init`
  CHECK(diag.warnings.empty());
  // Functions the log names are reused, not duplicated.
  int outer_func1 = 0;
  for (const Function& f : m.functions) outer_func1 += m.str(f.name) == "Outer.func1";
  CHECK(outer_func1 == 1);
}

TEST_CASE("source attribution: absolute paths need no root", "[source]") {
  test::TempDir dir;
  const std::string file = dir.Write("a.go", kSource);
  Model m;
  RecordingDiagnostics diag;
  SourceTree tree("", /*absolute_paths=*/true);
  const SourceAttributionStats st = Attribute(Log(file), &tree, &m, &diag);
  CheckAttributed(m);
  CHECK(st.files_read == 1);
  CHECK(diag.warnings.empty());

  // Not as given: `..` in the path, or the file a symbolic link.
  stdfs::create_directories(dir.Path("sub"));
  stdfs::create_symlink(file, dir.Path("link.go"));
  for (const std::string& path : {dir.path() + "/sub/../a.go", dir.Path("link.go")}) {
    INFO(path);
    Model m2;
    RecordingDiagnostics diag2;
    SourceTree tree2("", true);
    const SourceAttributionStats st2 = Attribute(Log(path), &tree2, &m2, &diag2);
    CHECK(st2.verdicts == 0);
    CHECK(st2.files_refused == 1);
    REQUIRE(diag2.warnings.size() == 1);
    CHECK(Count(diag2.warnings, path) == 1);
  }
  // Without absolute_paths, an absolute path outside the (empty) root is not read.
  Model m3;
  RecordingDiagnostics diag3;
  SourceTree no_absolute("");
  CHECK(Attribute(Log(file), &no_absolute, &m3, &diag3).verdicts == 0);
}

TEST_CASE("source attribution: never out of the root", "[source]") {
  test::TempDir dir;
  const std::string root = dir.Path("root");
  stdfs::create_directories(root);
  dir.Write("outside.go", kSource);
  dir.Write("root/a.go", kSource);
  stdfs::create_symlink(dir.Path("outside.go"), root + "/link.go");
  for (const std::string& path : {std::string("../outside.go"), std::string("link.go"),
                                  std::string("./link.go"), root + "/link.go"}) {
    INFO(path);
    Model m;
    RecordingDiagnostics diag;
    SourceTree tree(root, /*absolute_paths=*/true);
    const SourceAttributionStats st = Attribute(Log(path), &tree, &m, &diag);
    CHECK(st.verdicts == 0);
    CHECK(st.files_refused == 1);
    // One warning naming the file, though 12 verdicts are in it.
    REQUIRE(diag.warnings.size() == 1);
    CHECK(Count(diag.warnings, path + ": source not read") == 1);
    CHECK(BySubject(m, "&n").attribution == Attribution::kHeuristic);
  }
  // The same log with the file inside the root, and `$GOROOT/` standing for the root.
  for (const std::string& path : {std::string("a.go"), std::string("$GOROOT/a.go")}) {
    Model m;
    RecordingDiagnostics diag;
    SourceTree tree(root, true);
    Attribute(Log(path), &tree, &m, &diag);
    CheckAttributed(m);
    CHECK(diag.warnings.empty());
  }
  // A missing file: one note with the count.
  Model m;
  RecordingDiagnostics diag;
  SourceTree tree(root, true);
  const SourceAttributionStats st = Attribute(Log("missing.go"), &tree, &m, &diag);
  CHECK(st.files_missing == 1);
  CHECK(diag.warnings.empty());
  CHECK(Count(diag.notes,
              "1 source file named in the log not found (relative paths are looked up under") == 1);
}

TEST_CASE("source attribution: a source that changed since the build is not used", "[source]") {
  test::TempDir dir;
  dir.Write("a.go", "package p\n\n\n" + kSource.substr(std::string("package p\n").size()));
  Model m;
  RecordingDiagnostics diag;
  SourceTree tree(dir.path());
  const SourceAttributionStats st = Attribute(Log("a.go"), &tree, &m, &diag);
  CHECK(st.verdicts == 0);
  CHECK(st.files_stale == 1);
  REQUIRE(diag.warnings.size() == 1);
  CHECK(Count(diag.warnings, "a.go: source not used") == 1);
}

TEST_CASE("source attribution: -L physical positions without a column", "[source]") {
  test::TempDir dir;
  const std::string file = dir.Write("lined.go",
                                     "package main\n"                                      // 1
                                     "\n"                                                  // 2
                                     "//line generated.y:100\n"                            // 3
                                     "func passThrough(p *Point) *Point { return p }\n"    // 4
                                     "\n"                                                  // 5
                                     "//line generated.y:200\n"                            // 6
                                     "func lineGlobal(p *Point) { sink = func() {} }\n");  // 7
  const std::string log =
      "# main\n"
      "generated.y:100[" +
      file +
      ":4]: can inline passThrough with cost 2 as: func() {}\n"
      "generated.y:200[" +
      file +
      ":7]: can inline lineGlobal with cost 3 as: func() {}\n"
      "generated.y:100[" +
      file +
      ":4]: leaking param: p to result ~r0 level=0\n"
      "generated.y:200[" +
      file + ":7]: leaking param: p\n";
  Model m;
  RecordingDiagnostics diag;
  SourceTree tree("", true);
  const SourceAttributionStats st = Attribute(log, &tree, &m, &diag);
  CHECK(diag.warnings.empty());
  CHECK(st.files_stale == 0);
  CHECK(st.verdicts == 2);
  REQUIRE(m.verdicts.size() == 2);
  CHECK(m.FunctionName(m.verdicts[0].function) == "passThrough");
  CHECK(m.FunctionName(m.verdicts[1].function) == "lineGlobal");
  CHECK(st.functions_added == 0);
}

TEST_CASE("source attribution: the escdemo sample", "[source]") {
  const std::string root = std::string(ESCVIZ_SOURCE_DIR) + "/samples/escdemo";
  Model m;
  RecordingDiagnostics diag;
  SourceTree tree(root, true);
  REQUIRE(ParseTextLogs({std::string(ESCVIZ_SOURCE_DIR) + "/samples/escdemo.m2.log"}, &m, &diag));
  // main.go:239 is in main; the declaration heuristic gives the closure before it.
  auto at = [&](uint32_t line, uint32_t col) -> const Verdict& {
    for (const Verdict& v : m.verdicts) {
      if (m.str(v.pos.file) == "./main.go" && v.pos.line == line && v.pos.col == col) return v;
    }
    FAIL("no verdict at " << line << ":" << col);
    return m.verdicts.front();
  };
  CHECK(m.FunctionName(at(239, 14).function) == "main.func1");
  const SourceAttributionStats st = AttributeFromSources(&m, &tree, &diag);
  CHECK(diag.warnings.empty());
  CHECK(st.files_read >= 2);  // main.go, util/util.go
  CHECK(m.FunctionName(at(239, 14).function) == "main");
  CHECK(at(239, 14).attribution == Attribution::kSource);
  CHECK(m.FunctionName(at(236, 73).function) == "main.func1");
  CHECK(m.FunctionName(at(236, 27).function) == "main");  // func literal does not escape
  CHECK(m.FunctionName(at(204, 13).function) == "Map[go.shape.int_0,go.shape.string_1]");
  // Every verdict with a readable position has its function from the source; what is left
  // unknown is the compiler's wrappers (`<autogenerated>:1`).
  for (const Verdict& v : m.verdicts) {
    INFO(m.FormatPos(v.pos));
    const std::string_view file = m.str(v.pos.file);
    if (file == "./main.go" || file == "util/util.go") {
      CHECK(v.attribution == Attribution::kSource);
    }
    if (v.function == kNone) CHECK(file == "<autogenerated>");
  }
}

}  // namespace
}  // namespace escviz
