// Heap verdicts that allocate nothing (src/allocation.h, parsers/go_names.h,
// parsers/allocation_facts.h). How the truth is known: each case is a Go rule cited in
// src/allocation.h (constants get a read-only static copy; size 0 is the runtime's zerobase),
// applied to an expression or a declaration written here; the log lines are the compiler's forms
// (tests/truth/noalloc, Go 1.19 and 1.27).

#include "src/allocation.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "parsers/allocation_facts.h"
#include "parsers/go_names.h"
#include "parsers/load_model.h"
#include "render/terminal_diagnostics.h"
#include "src/chains.h"
#include "src/summary.h"
#include "test_support.h"

namespace escviz {
namespace {

NoAlloc Escapes(std::string_view subject) {
  return ClassifyByExpression(VerdictKind::kEscapesToHeap, subject);
}

TEST_CASE("constants converted to an interface allocate nothing", "[allocation]") {
  for (const char* s :
       {"\"sum\"", "`raw`", "42", "-1", "1.5e-3", "0x_1F", "'x'", "true",
        "(interface {})(string(\"http: nil handler\"))", "string(\"x\")", "int64(3)",
        "any(uint8(1))", "(\"a\")",
        "\"reflect.TypeAssert: cannot return value obtained from unexported fie..."}) {
    INFO(s);
    CHECK(Escapes(s) == NoAlloc::kConstant);
  }
  // Not constants: variables, calls, concatenations, composite literals, byte slices.
  for (const char* s :
       {"n", "f(3)", "\"a\" + b", "string(b)", "[]byte(\"x\")", "T{...}", "\"a\" + \"b\" + x", "&x",
        "... argument", "func literal", "~r0", "\"unterminated", "x.y(\"z\")"}) {
    INFO(s);
    CHECK(Escapes(s) == NoAlloc::kAllocates);
  }
  // A moved variable is never a constant.
  CHECK(ClassifyByExpression(VerdictKind::kMovedToHeap, "x") == NoAlloc::kAllocates);
}

TEST_CASE("zero-size types by their spelling allocate nothing", "[allocation]") {
  for (const char* s :
       {"struct {}{}", "&struct {}{}", "[0]int{}", "new(struct {})", "[3][0]byte{}"}) {
    INFO(s);
    CHECK(Escapes(s) == NoAlloc::kZeroSize);
  }
  CHECK(Escapes("[3]int{}") == NoAlloc::kAllocates);
  CHECK(Escapes("new(int)") == NoAlloc::kAllocates);
}

TEST_CASE("what the expression leaves to the source", "[allocation]") {
  SourceQuestion q;
  Escapes("x");
  ClassifyByExpression(VerdictKind::kEscapesToHeap, "syscall.Errno(22)", &q);
  CHECK(q.kind == SourceQuestion::Kind::kConversion);
  CHECK(q.qualifier == "syscall");
  CHECK(q.name == "Errno");
  ClassifyByExpression(VerdictKind::kEscapesToHeap, "context.backgroundCtx{}", &q);
  CHECK(q.kind == SourceQuestion::Kind::kEmptyLiteral);
  CHECK(q.name == "backgroundCtx");
  ClassifyByExpression(VerdictKind::kMovedToHeap, "e", &q);
  CHECK(q.kind == SourceQuestion::Kind::kName);
  ClassifyByExpression(VerdictKind::kEscapesToHeap, "T{...}", &q);
  CHECK(q.kind == SourceQuestion::Kind::kNone);
}

TEST_CASE("ScanGoNames finds types, constants, variables and := bindings", "[allocation]") {
  const auto decls =
      ScanGoNames(
          "package p\n"
          "type empty struct{}\n"
          "type (\n  wrap struct {\n    empty\n    _ [0]func()\n  }\n  big [4]int\n)\n"
          "const c, d = 1, 2\n"
          "const (\n  A = iota\n  B\n)\n"
          "var LittleEndian littleEndian\n"
          "func f(x int) { var e [0]int; y := 2; switch v := x.(type) {} }\n")
          .decls;
  std::vector<std::string> seen;
  for (const GoNameDecl& d : decls) {
    seen.push_back(std::to_string(static_cast<int>(d.what)) + ":" + d.name + ":" + d.type);
  }
  CHECK(seen == std::vector<std::string>{
                    "0:empty:struct { }", "0:wrap:struct { ; empty ; _ [ 0 ] func ( ) ; }",
                    "0:big:[ 4 ] int", "1:c:", "1:d:", "1:A:", "1:B:",
                    "2:LittleEndian:littleEndian", "2:e:[ 0 ] int", "3:y:", "3:v:"});
}

TEST_CASE("ScanGoNames: package level, literals in declarations, and what it skips",
          "[allocation]") {
  const GoFileNames f = ScanGoNames(
      "//go:build linux\n"
      "package p\n"
      "// var notInComment int\n"
      "/* const notInBlock = 1\n   var alsoNot int */\n"
      "var s = \"var notInString int; x := 1\"\n"
      "var r = `\ntype notInRaw int\n`\n"
      "var pool = sync.Pool{New: func() any { buf := new(int); var n int; return buf }}\n"
      "var started, startc, vars = 1, 2, 3\n"
      "func g(x any) { switch t := x.(type) { case int: _ = t }; if a, b := 1, 2; a < b {} }\n"
      "type T[P any] struct{ f func() }\n");
  std::vector<std::string> seen;
  for (const GoNameDecl& d : f.decls) {
    seen.push_back(std::to_string(static_cast<int>(d.what)) + ":" + d.name + ":" +
                   std::to_string(d.line) + ":" + std::to_string(d.col) +
                   (d.package_level ? ":pkg" : ""));
  }
  // `buf`, `n`: inside the function literal of a declaration, so not package level; `t` of
  // the type switch is a `:=` and `.(type)` declares nothing.
  CHECK(seen == std::vector<std::string>{"2:s:6:5:pkg", "2:r:7:5:pkg", "2:pool:10:5:pkg",
                                         "3:buf:10:40", "2:n:10:61", "2:started:11:5:pkg",
                                         "2:startc:11:14:pkg", "2:vars:11:22:pkg", "3:t:12:24",
                                         "3:a:12:62", "3:b:12:65", "0:T:13:6:pkg"});
  CHECK(f.build_constraint);
  // Only a line before the package clause constrains the build.
  CHECK_FALSE(ScanGoNames("package p\n//go:build linux\nvar x int\n").build_constraint);
  CHECK_FALSE(ScanGoNames("// Package p.\npackage p\n// +build x\n").build_constraint);
}

TEST_CASE("ScanGoNames: the package-level scan finds what the whole scan says is package level",
          "[allocation]") {
  // Truth: the whole scan's package_level flags, over every Go file committed here.
  int files = 0, decls = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(ESCVIZ_SOURCE_DIR)) {
    const std::string path = e.path().string();
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".go") != 0 ||
        path.find("/build") != std::string::npos) {
      continue;
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> whole, package_level;
    for (const GoNameDecl& d : ScanGoNames(text.str()).decls) {
      if (d.package_level) whole.push_back(d.name + ":" + std::to_string(d.line) + ":" + d.type);
    }
    for (const GoNameDecl& d : ScanGoNames(text.str(), true).decls) {
      package_level.push_back(d.name + ":" + std::to_string(d.line) + ":" + d.type +
                              (d.package_level ? "" : " (not package level)"));
    }
    INFO(path);
    CHECK(package_level == whole);
    ++files;
    decls += static_cast<int>(whole.size());
  }
  CHECK(files > 20);
  CHECK(decls > 50);
}

TEST_CASE("ZeroSizeType resolves the package's names", "[allocation]") {
  auto named = [](std::string_view n) { return n == "empty"; };
  CHECK(ZeroSizeType("struct { }", named));
  CHECK(ZeroSizeType("struct { ; empty ; _ [ 0 ] func ( ) ; }", named));
  CHECK(ZeroSizeType("struct { a , b empty ; }", named));
  CHECK(ZeroSizeType("[ 2 ] empty", named));
  CHECK_FALSE(ZeroSizeType("struct { empty ; n int }", named));
  CHECK_FALSE(ZeroSizeType("struct { * empty }", named));
  CHECK_FALSE(ZeroSizeType("int", named));
  CHECK_FALSE(ZeroSizeType("sync . Mutex", named));
  CHECK_FALSE(ZeroSizeType("[ n ] empty", named));  // a named length is not read
}

/// A package of our own in a folder, and its log: every verdict's truth is in the comment.
TEST_CASE("ClassifyAllocations decides with the package's sources", "[allocation]") {
  test::TempDir dir;
  dir.Write("types.go",
            "package p\n"
            "type emptyCtx struct{}\n"
            "type backgroundCtx struct{ emptyCtx }\n"
            "type Errno uintptr\n"
            "type littleEndian struct{}\n"
            "var LittleEndian littleEndian\n"
            "const errLine = \"bad line\"\n"
            "type full struct{ n int }\n");
  const std::string main = dir.Write("main.go",
                                     "package p\n"
                                     "func f(e error) {\n"   // 2: e is a parameter: allocates
                                     "\tvar z [0]int\n"      // 3
                                     "\tsink = z\n"          // 4: zero-size variable
                                     "\tsink = e\n"          // 5
                                     "\tsink = Errno(22)\n"  // 6: constant converted to a type
                                     "\tsink = errLine\n"    // 7: named constant
                                     "\tsink = backgroundCtx{}\n"  // 8: zero-size by its fields
                                     "\tsink = full{}\n"           // 9: size 8: allocates
                                     "\tsink = LittleEndian\n"     // 10: zero-size package variable
                                     "\tsink = g(22)\n"  // 11: a call, not a conversion: allocates
                                     "}\n");
  const std::string log = dir.Write(
      "build.log",
      "# p\n" + main + ":4:7: z escapes to heap\n" + main + ":5:7: e escapes to heap\n" + main +
          ":6:13: Errno(22) escapes to heap\n" + main + ":7:7: errLine escapes to heap\n" + main +
          ":8:20: backgroundCtx{} escapes to heap\n" + main + ":9:11: full{} escapes to heap\n" +
          main + ":10:7: LittleEndian escapes to heap\n" + main + ":11:8: g(22) escapes to heap\n" +
          main + ":12:2: \"x\" escapes to heap\n");
  Model m;
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  LoadOptions opt;
  opt.paths = {log};
  SourceTree tree("", /*absolute_paths=*/true);
  REQUIRE(LoadModel(opt, &tree, &m, &diag));
  std::vector<std::string> got;
  for (const Verdict& v : m.verdicts) {
    got.push_back(std::string(m.str(v.subject)) + "=" + std::string(NoAllocName(v.no_alloc)));
  }
  CHECK(got == std::vector<std::string>{"z=zero-size", "e=", "Errno(22)=constant",
                                        "errLine=constant", "backgroundCtx{}=zero-size", "full{}=",
                                        "LittleEndian=zero-size", "g(22)=", "\"x\"=constant"});

  // Not counted as heap allocations, nor as causes; --count-no-alloc counts them again.
  const Summary s = Summarize(m, Analyze(m));
  CHECK(s.heap == 3);
  CHECK(s.no_alloc_total == 6);
  CHECK(s.no_alloc[static_cast<int>(NoAlloc::kConstant)] == 3);
  uint64_t caused = 0;
  for (const CauseRow& c : s.causes) caused += c.heap;
  CHECK(caused == 3);
  m.count_no_alloc = true;
  const Summary all = Summarize(m, Analyze(m));
  CHECK(all.heap == 9);
  CHECK(all.no_alloc_total == 0);

  // Without sources, only the spelling decides.
  Model plain;
  opt.no_sources = true;
  REQUIRE(LoadModel(opt, nullptr, &plain, &diag));
  uint64_t none = 0;
  for (const Verdict& v : plain.verdicts) none += v.no_alloc != NoAlloc::kAllocates ? 1 : 0;
  CHECK(none == 1);  // "x"
}

TEST_CASE("escapes that allocate nothing trip no diff gate and are SARIF notes", "[allocation]") {
  test::TempDir dir;
  const std::string base = dir.Write("base.log", "# p\n./m.go:3:7: n escapes to heap\n");
  const std::string constant = dir.Write(
      "const.log", "# p\n./m.go:3:7: n escapes to heap\n./m.go:4:14: \"sum\" escapes to heap\n");
  const std::string real =
      dir.Write("real.log", "# p\n./m.go:3:7: n escapes to heap\n./m.go:4:14: s escapes to heap\n");
  test::RunResult r = test::RunEscviz({"diff", "--fail-on", "new", base, constant});
  CHECK(r.status == 0);
  CHECK(r.out.find("\"sum\" escapes to heap") != std::string::npos);
  CHECK(r.out.find("no allocation: a constant") != std::string::npos);
  r = test::RunEscviz({"diff", "--fail-on", "new", "--count-no-alloc", base, constant});
  CHECK(r.status == 1);
  r = test::RunEscviz({"diff", "--fail-on", "new", base, real});
  CHECK(r.status == 1);

  r = test::RunEscviz({"export", "--format", "sarif", constant});
  REQUIRE(r.status == 0);
  const size_t sum = r.out.find("\\\"sum\\\"");
  REQUIRE(sum != std::string::npos);
  const size_t level = r.out.rfind("\"level\":", sum);
  REQUIRE(level != std::string::npos);
  CHECK(r.out.compare(level, 14, "\"level\":\"note\"") == 0);

  // The report counts the allocation, and says the other heap verdict is not counted.
  const std::string report = dir.Path("report");
  const std::string in_f = dir.Write(
      "f.log",
      "# p\n./m.go:2:6: cannot inline f: marked go:noinline\n./m.go:3:7: n escapes to heap\n"
      "./m.go:4:14: \"sum\" escapes to heap\n");
  REQUIRE(test::RunEscviz({"report", "-q", "-o", report, in_f}).status == 0);
  const std::string index = test::ReadFile(report + "/index.html");
  CHECK(index.find("escapes, no allocation") != std::string::npos);
  bool page = false;
  for (int f = 0; f < 3 && !page; ++f) {
    const std::string path = report + "/f/" + std::to_string(f) + ".html";
    if (::access(path.c_str(), R_OK) != 0) continue;
    const std::string html = test::ReadFile(path);
    page = html.find("Heap allocations (1) and 1 more heap verdict not counted") !=
               std::string::npos &&
           html.find("0 leaking parameter verdicts") != std::string::npos;
  }
  CHECK(page);

  // A snapshot keeps the verdict's reason.
  const std::string snap = dir.Path("s.json");
  REQUIRE(test::RunEscviz({"export", "-o", snap, constant}).status == 0);
  r = test::RunEscviz({"summary", "--format", "json", snap});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("\"constant\": 1") != std::string::npos);
}

}  // namespace
}  // namespace escviz

namespace escviz {
namespace {

TEST_CASE("a snapshot keeps what the source said about call receivers", "[allocation]") {
  // tests/truth/handler: `store.Put(u)` on the package-level `var store Store` is an interface
  // call (TRUTH in its main.go); without the source the log cannot tell, and a snapshot made with
  // the source keeps the answer (receiver_variables).
  const std::string dir = std::string(ESCVIZ_SOURCE_DIR) + "/tests/truth/handler";
  const std::string log = dir + "/go1.27.m2.log";
  test::TempDir tmp;
  const std::string snap = tmp.Path("h.json");
  REQUIRE(test::RunEscviz({"export", "-o", snap, "--source-root", dir, log}).status == 0);
  const std::string interface_call = "store.Put is a call through an interface";
  test::RunResult r = test::RunEscviz({"explain", "--at", "main.go:61", snap});
  REQUIRE(r.status == 0);
  CHECK(r.out.find(interface_call) != std::string::npos);
  r = test::RunEscviz({"explain", "--at", "main.go:61", "--no-sources", log});
  REQUIRE(r.status == 0);
  CHECK(r.out.find(interface_call) == std::string::npos);
}

}  // namespace
}  // namespace escviz
