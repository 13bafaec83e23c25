// Tests of the Go source scanner (function extents); SourceTree is in source_tree_test.cc.
#include "parsers/go_source.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace escviz {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Line `line` (1-based) of `src`, without its newline.
std::string Line(std::string_view src, uint32_t line) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) start = src.find('\n', start) + 1;
  size_t end = src.find('\n', start);
  return std::string(src.substr(start, end == std::string_view::npos ? end : end - start));
}

/// 1-based byte column of the `nth` (0-based) occurrence of `needle` on line `line` of `src`.
uint32_t Col(std::string_view src, uint32_t line, std::string_view needle, int nth = 0) {
  const std::string l = Line(src, line);
  size_t at = l.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = l.find(needle, at + 1);
  REQUIRE(at != std::string::npos);
  return static_cast<uint32_t>(at + 1);
}

/// Index of the extent named `name`, or -1.
int Named(const std::vector<GoFuncExtent>& fs, std::string_view name) {
  for (size_t i = 0; i < fs.size(); ++i) {
    if (fs[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

TEST_CASE("top-level functions, methods and generics", "[go_source]") {
  const std::string src =
      "package p\n"                                      // 1
      "\n"                                               // 2
      "type T struct{ x int }\n"                         // 3
      "\n"                                               // 4
      "func A() {}\n"                                    // 5
      "\n"                                               // 6
      "func (t *T) M(x int) int {\n"                     // 7
      "\treturn x\n"                                     // 8
      "}\n"                                              // 9
      "\n"                                               // 10
      "func (T) V() string { return \"\" }\n"            // 11
      "func (l *List[K, V]) Push(k K) {}\n"              // 12
      "func (l List[T]) Len() int { return 0 }\n"        // 13
      "func Map[T, U any](xs []T, f func(T) U) []U {\n"  // 14
      "\treturn nil\n"                                   // 15
      "}\n";                                             // 16
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 6);
  CHECK(fs[0].name == "A");
  CHECK(fs[0].func_line == 5);
  CHECK(fs[0].func_col == 1);
  CHECK(fs[0].name_line == 5);
  CHECK(fs[0].name_col == 6);
  CHECK(fs[0].end_line == 5);
  CHECK(fs[0].end_col == 11);
  CHECK(fs[1].name == "(*T).M");
  CHECK(fs[1].name_line == 7);
  CHECK(fs[1].name_col == 13);
  CHECK(fs[1].end_line == 9);
  CHECK(fs[1].end_col == 1);
  CHECK(fs[2].name == "T.V");
  CHECK(fs[2].end_col == Col(src, 11, "}"));
  CHECK(fs[3].name == "(*List).Push");
  CHECK(fs[3].name_col == Col(src, 12, "Push"));
  CHECK(fs[4].name == "List.Len");
  CHECK(fs[5].name == "Map");
  CHECK(fs[5].name_col == 6);
  CHECK(fs[5].end_line == 16);
  for (const auto& f : fs) {
    CHECK_FALSE(f.literal);
    CHECK(f.parent == -1);
  }
  CHECK(InnermostExtent(fs, 8, 2) == 1);
  CHECK(InnermostExtent(fs, 7, 1) == 1);
  CHECK(InnermostExtent(fs, 10, 1) == -1);
  CHECK(InnermostExtent(fs, 3, 1) == -1);
}

TEST_CASE("closures nested two deep", "[go_source]") {
  const std::string src =
      "package p\n"                                 // 1
      "\n"                                          // 2
      "func outer() int {\n"                        // 3
      "\ta := func() int {\n"                       // 4
      "\t\tb := func() int { return 1 }; x := 2\n"  // 5
      "\t\treturn b() + x\n"                        // 6
      "\t}\n"                                       // 7
      "\treturn a()\n"                              // 8
      "}\n"                                         // 9
      "\n"                                          // 10
      "var top = func() {}\n";                      // 11
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 4);
  CHECK(fs[0].name == "outer");
  CHECK(fs[0].parent == -1);
  CHECK(fs[1].literal);
  CHECK(fs[1].name.empty());
  CHECK(fs[1].name_line == 0);
  CHECK(fs[1].parent == 0);
  CHECK(fs[1].func_line == 4);
  CHECK(fs[1].func_col == Col(src, 4, "func"));
  CHECK(fs[1].end_line == 7);
  CHECK(fs[1].end_col == 2);
  CHECK(fs[2].literal);
  CHECK(fs[2].parent == 1);
  CHECK(fs[2].func_line == 5);
  CHECK(fs[2].func_col == Col(src, 5, "func"));
  CHECK(fs[2].end_line == 5);
  CHECK(fs[2].end_col == Col(src, 5, "}"));
  CHECK(fs[3].literal);
  CHECK(fs[3].parent == -1);

  CHECK(InnermostExtent(fs, 5, Col(src, 5, "return")) == 2);
  CHECK(InnermostExtent(fs, 5, Col(src, 5, "func")) == 2);
  CHECK(InnermostExtent(fs, 5, Col(src, 5, "}")) == 2);
  CHECK(InnermostExtent(fs, 5, Col(src, 5, "}") + 1) == 1);
  CHECK(InnermostExtent(fs, 5, Col(src, 5, "x :=")) == 1);
  CHECK(InnermostExtent(fs, 5, 2) == 1);
  CHECK(InnermostExtent(fs, 6, 3) == 1);
  CHECK(InnermostExtent(fs, 7, 2) == 1);
  CHECK(InnermostExtent(fs, 7, 3) == 0);
  CHECK(InnermostExtent(fs, 8, 2) == 0);
  CHECK(InnermostExtent(fs, 11, Col(src, 11, "{")) == 3);
}

TEST_CASE("one-line closure followed by more code", "[go_source]") {
  const std::string src =
      "package p\n"                               // 1
      "func g(x string) int {\n"                  // 2
      "\tf := func(i int) string { return x }\n"  // 3
      "\ty := f(1)\n"                             // 4
      "\treturn len(y)\n"                         // 5
      "}\n";                                      // 6
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 2);
  CHECK(fs[1].literal);
  CHECK(fs[1].parent == 0);
  CHECK(fs[1].func_col == 7);
  CHECK(fs[1].end_line == 3);
  CHECK(fs[1].end_col == Col(src, 3, "}"));
  CHECK(InnermostExtent(fs, 3, Col(src, 3, "return")) == 1);
  CHECK(InnermostExtent(fs, 4, 2) == 0);
  CHECK(InnermostExtent(fs, 4, Col(src, 4, "f(1)")) == 0);
  CHECK(fs[0].end_line == 6);
}

TEST_CASE("braces and func in strings, runes and comments", "[go_source]") {
  const std::string src =
      "package p\n"                            // 1
      "func s() {\n"                           // 2
      "\ta := \"func() { {\"\n"                // 3
      "\tb := `raw { func x() {\n"             // 4
      "  } \" } func y() {`\n"                 // 5
      "\tc := '{'\n"                           // 6
      "\td := '\\''\n"                         // 7
      "\te := '\\\\'\n"                        // 8
      "\tf := \"\\\"} func z() {\"\n"          // 9
      "\t// func c() { {\n"                    // 10
      "\t/* } func d() {\n"                    // 11
      "\t} */ g := myfunc(funcName, func_)\n"  // 12
      "\th := '}'\n"                           // 13
      "}\n"                                    // 14
      "func after() {}\n";                     // 15
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].name == "s");
  CHECK(fs[0].end_line == 14);
  CHECK(fs[0].end_col == 1);
  CHECK(fs[1].name == "after");
  CHECK(fs[1].func_line == 15);
  CHECK(fs[1].parent == -1);
}

TEST_CASE("func types without bodies give no extent", "[go_source]") {
  const std::string src =
      "package p\n"                                   // 1
      "type I interface {\n"                          // 2
      "\tM(f func(int) int) func()\n"                 // 3
      "\tN() func() struct{}\n"                       // 4
      "\tO() interface{ P() func() }\n"               // 5
      "}\n"                                           // 6
      "type S struct {\n"                             // 7
      "\tF func()\n"                                  // 8
      "\tG func(int) (int, error)\n"                  // 9
      "\tH func() int `json:\"h\"`\n"                 // 10
      "}\n"                                           // 11
      "type F func(int) int\n"                        // 12
      "var v func(int) int\n"                         // 13
      "var w func(int) int = nil\n"                   // 14
      "var fs = []func(){nil, nil}\n"                 // 15
      "var m = map[string]func() int{\"a\": nil}\n"   // 16
      "var c chan func() = nil\n"                     // 17
      "var (\n"                                       // 18
      "\tx, y func(\n"                                // 19
      "\t\ta int,\n"                                  // 20
      "\t) bool\n"                                    // 21
      ")\n"                                           // 22
      "func takes(f func(), g func(x int) int) {\n"   // 23
      "\tvar h func(...int)\n"                        // 24
      "\t_ = h\n"                                     // 25
      "\tfor _, k := range []func() int{} { k() }\n"  // 26
      "\tswitch f.(type) {\n"                         // 27
      "\tcase func():\n"                              // 28
      "\t}\n"                                         // 29
      "}\n";                                          // 30
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].name == "takes");
  CHECK(fs[0].func_line == 23);
  CHECK(fs[0].end_line == 30);
  CHECK(fs[0].end_col == 1);
}

TEST_CASE("result types with braces or func", "[go_source]") {
  const std::string src =
      "package p\n"                                                                  // 1
      "func r1() struct{ x int } { return struct{ x int }{} }\n"                     // 2
      "func r2() interface{ M() } { return nil }\n"                                  // 3
      "func r3() func() int { return nil }\n"                                        // 4
      "func r4() func(int) func() string {\n"                                        // 5
      "\treturn func(int) func() string { return func() string { return \"\" } }\n"  // 6
      "}\n"                                                                          // 7
      "func r5() (a, b int) { return }\n"                                            // 8
      "func r6() *pkg.Type { return nil }\n"                                         // 9
      "func r7() map[string][]<-chan int { return nil }\n"                           // 10
      "func r8() List[int] { return nil }\n"                                         // 11
      "func r9() (\n"                                                                // 12
      "\tn int,\n"                                                                   // 13
      ") {\n"                                                                        // 14
      "}\n";                                                                         // 15
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 11);
  const char* names[] = {"r1", "r2", "r3", "r4", "", "", "r5", "r6", "r7", "r8", "r9"};
  for (size_t i = 0; i < fs.size(); ++i) {
    INFO(i);
    CHECK(fs[i].name == names[i]);
    CHECK(fs[i].literal == (names[i][0] == '\0'));
  }
  CHECK(fs[0].end_col == Col(src, 2, "}", 3));
  CHECK(fs[1].end_col == Col(src, 3, "}", 1));
  CHECK(fs[2].end_col == Col(src, 4, "}"));
  CHECK(fs[3].end_line == 7);
  CHECK(fs[4].parent == 3);
  CHECK(fs[4].end_col == Col(src, 6, "}", 1));
  CHECK(fs[5].parent == 4);
  CHECK(fs[5].end_col == Col(src, 6, "}"));
  CHECK(fs[10].end_line == 15);
}

TEST_CASE("declarations without a body", "[go_source]") {
  const std::string src =
      "package p\n"                                          // 1
      "func add(x, y int) int\n"                             // 2
      "func sub(x int) int // implemented in sub_amd64.s\n"  // 3
      "func noResult(p *byte)\r\n"                           // 4
      "\n"                                                   // 5
      "func next() {}\n"                                     // 6
      "func last()";                                         // 7
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 5);
  CHECK(fs[0].name == "add");
  CHECK(fs[0].end_line == 2);
  CHECK(fs[0].end_col == Line(src, 2).size());
  CHECK(fs[1].name == "sub");
  CHECK(fs[1].end_line == 3);
  CHECK(fs[1].end_col == Line(src, 3).size());
  CHECK(fs[2].name == "noResult");
  CHECK(fs[2].end_col == Line(src, 4).size() - 1);  // not the '\r'
  CHECK(fs[3].name == "next");
  CHECK(fs[3].parent == -1);
  CHECK(fs[3].end_line == 6);
  CHECK(fs[4].name == "last");
  CHECK(fs[4].end_line == 7);
  CHECK(InnermostExtent(fs, 2, 8) == 0);
  CHECK(InnermostExtent(fs, 3, 1) == 1);
  CHECK(InnermostExtent(fs, 5, 1) == -1);
}

TEST_CASE("func as a word within numbers, after comments and operators", "[go_source]") {
  // The scanner skips runs of bytes that cannot begin a bracket, a string, a comment or `func`
  // without lexing them; these are the places where that needs care.
  const std::string src =
      "package p\n"                                                 // 1
      "var a = 1.func() {}\n"                                       // 2: a number `1.func`
      "var b = x + func() int { return 1 }()\n"                     // 3
      "func f() { /* c */ func() {}() }\n"                          // 4
      "var c = []func(){}\n"                                        // 5: a composite literal
      "var d = 1e+func() {}\n"                                      // 6: a number `1e+func`
      "func\tg(h ...func()) {}\n"                                   // 7
      "var e = ffunc + funcs + xfunc() + \"func(){}\" + 0xfunc\n";  // 8
  const auto fs = ScanGoFunctions(src);
  REQUIRE(fs.size() == 4);
  CHECK(fs[0].literal);
  CHECK(fs[0].func_line == 3);
  CHECK(fs[0].func_col == Col(src, 3, "func"));
  CHECK(fs[0].end_col == Col(src, 3, "}"));
  CHECK(fs[1].name == "f");
  CHECK(fs[2].literal);
  CHECK(fs[2].parent == 1);
  CHECK(fs[2].func_col == Col(src, 4, "func", 1));
  CHECK(fs[3].name == "g");
  CHECK(fs[3].end_line == 7);
}

TEST_CASE("truncated and malformed source", "[go_source]") {
  const std::string src = ReadFile(std::string(ESCVIZ_SOURCE_DIR) + "/samples/escdemo/main.go");
  REQUIRE(!src.empty());
  // Every prefix scans without crashing, and every extent is well-formed.
  for (size_t n = 0; n <= src.size(); n += 7) {
    const auto fs = ScanGoFunctions(std::string_view(src).substr(0, n));
    for (size_t i = 0; i < fs.size(); ++i) {
      REQUIRE(fs[i].parent < static_cast<int>(i));
      REQUIRE(fs[i].end_line >= fs[i].func_line);
    }
  }
  const std::string cut =
      "package p\n"
      "func open() {\n"
      "\tf := func() {\n"
      "\t\tx := `unterminated {";
  const auto fs = ScanGoFunctions(cut);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].end_line == 4);
  CHECK(fs[0].end_col == Line(cut, 4).size() + 1);
  CHECK(fs[1].parent == 0);
  CHECK(fs[1].end_line == 4);
  for (const char* bad : {"func", "func (", "func main(", "func main() {", "}}}) func", "/*", "\"",
                          "'", "`", "func f[", "x := func", "func (r T", "func f() (",
                          "func f() struct{", "package p\nfunc f() {\n}\n}\n}\nfunc g() {}"}) {
    INFO(bad);
    CHECK_NOTHROW(ScanGoFunctions(bad));
  }
  const auto stray = ScanGoFunctions("package p\nfunc f() {\n}\n}\n}\nfunc g() {}");
  REQUIRE(stray.size() == 2);
  CHECK(stray[1].parent == -1);
}

TEST_CASE("the escdemo sample", "[go_source]") {
  const std::string dir = std::string(ESCVIZ_SOURCE_DIR) + "/samples/";
  const std::string src = ReadFile(dir + "escdemo/main.go");
  const auto fs = ScanGoFunctions(src);
  const int main_fn = Named(fs, "main");
  REQUIRE(main_fn >= 0);
  CHECK(fs[main_fn].name_line == 211);
  CHECK(fs[main_fn].name_col == 6);
  CHECK(InnermostExtent(fs, 239, 14) == main_fn);
  const int lit = InnermostExtent(fs, 236, 73);
  REQUIRE(lit >= 0);
  CHECK(fs[lit].literal);
  CHECK(fs[lit].parent == main_fn);
  CHECK(fs[lit].func_line == 236);
  CHECK(fs[lit].func_col == 27);
  CHECK(fs[lit].end_col == Col(src, 236, "}", 2));
  CHECK(InnermostExtent(fs, 236, fs[lit].end_col + 1) == main_fn);
  CHECK(InnermostExtent(fs, 237, 2) == main_fn);
  for (const char* name : {"(*Rect).Area", "Point.String", "counter", "Map", "withDefer"}) {
    INFO(name);
    CHECK(Named(fs, name) >= 0);
  }

  // Every function the compiler names in the log is found at the position it prints.
  std::istringstream log(ReadFile(dir + "escdemo.m2.log"));
  std::string line;
  int checked = 0;
  while (std::getline(log, line)) {
    // `./main.go:L:C: can inline NAME ...` or `... cannot inline NAME: ...`.
    unsigned l = 0, c = 0;
    char verdict[8] = {};
    int n = 0;
    if (std::sscanf(line.c_str(), "./main.go:%u:%u: %7s inline %n", &l, &c, verdict, &n) != 3 ||
        n == 0 || (std::string(verdict) != "can" && std::string(verdict) != "cannot")) {
      continue;
    }
    const std::string name = line.substr(n, line.find_first_of(" :[", n) - n);
    INFO(line);
    const size_t dot = name.rfind(".func");
    const int i = InnermostExtent(fs, l, c);
    REQUIRE(i >= 0);
    if (dot != std::string::npos && name.find_first_not_of("0123456789", dot + 5) == name.npos) {
      CHECK(fs[i].literal);
      CHECK(fs[i].func_line == l);
      CHECK(fs[i].func_col == c);
      CHECK(fs[i].decl_line == l);
      CHECK(fs[i].decl_col == c);
      // A closure inlined into another function is renamed after it (`main.func2` is
      // counter's literal inlined into main), so only the original copy names its parent.
      if (line.find(" main.func2 ") == std::string::npos &&
          line.find(" main.func3 ") == std::string::npos) {
        int top = i;
        while (fs[top].parent >= 0) top = fs[top].parent;
        CHECK(fs[top].name == name.substr(0, name.find('.')));
      }
    } else {
      CHECK(fs[i].name == name);
      CHECK(fs[i].name_line == l);
      // The compiler reports a function at its name, but a method at its receiver's `(`.
      const bool method = name.find('.') != std::string::npos;
      CHECK((method ? fs[i].func_col + 5 : fs[i].name_col) == c);
      CHECK(fs[i].decl_line == l);
      CHECK(fs[i].decl_col == c);
    }
    ++checked;
  }
  CHECK(checked > 30);
}

TEST_CASE("parameter names in declaration order, the receiver first", "[go_source]") {
  // Each case is a declaration whose parameters are known by reading it: the scanner must give
  // the names Go binds, in order, `_` where a parameter has no name.
  const std::string src =
      "package p\n"
      "func writeJSON(w http.ResponseWriter, code int, v interface{}) {}\n"
      "func (m *memStore) Put(u *User) {}\n"
      "func (T) V(int, string) {}\n"
      "func Printf(format string, a ...any) {}\n"
      "func pair(a, b []byte, c map[string]int) {}\n"
      "func q(pkg.T, *pkg.U) {}\n"
      "func (l *List[K, V]) Push(k K,\n"
      "\tf func(x, y int) error) {}\n"
      "func none() {}\n"
      "func types(a, b) {}\n"
      "func lit() { _ = func(x int, rest ...string) {} }\n";
  const auto fs = ScanGoFunctions(src);
  auto params = [&](std::string_view name) {
    int i = Named(fs, name);
    REQUIRE(i >= 0);
    return fs[i];
  };
  CHECK(params("writeJSON").params == "w,code,v");
  CHECK_FALSE(params("writeJSON").receiver);
  CHECK_FALSE(params("writeJSON").variadic);
  CHECK(params("(*memStore).Put").params == "m,u");
  CHECK(params("(*memStore).Put").receiver);
  CHECK(params("T.V").params == "_,_,_");
  CHECK(params("Printf").params == "format,a");
  CHECK(params("Printf").variadic);
  CHECK(params("pair").params == "a,b,c");
  CHECK(params("q").params == "_,_");
  CHECK(params("(*List).Push").params == "l,k,f");
  CHECK(params("none").params.empty());
  CHECK(params("types").params == "_,_");
  int lit = -1;
  for (size_t i = 0; i < fs.size(); ++i) {
    if (fs[i].literal) lit = static_cast<int>(i);
  }
  REQUIRE(lit >= 0);
  CHECK(fs[lit].params == "x,rest");
  CHECK(fs[lit].variadic);
}

TEST_CASE("InnermostExtent agrees with its definition at every byte of real files") {
  // The definition: the last extent (in `func` order) whose `func` keyword <= pos <= its end.
  for (const char* f :
       {"samples/escdemo/main.go", "tests/data/clones/main.go", "tests/truth/closures/main.go"}) {
    const std::string src = ReadFile(std::string(ESCVIZ_SOURCE_DIR) + "/" + f);
    const std::vector<GoFuncExtent> fs = ScanGoFunctions(src);
    REQUIRE(fs.size() > 3);
    uint32_t line = 1, col = 1;
    int wrong = 0;
    for (char c : src) {
      int want = -1;
      for (size_t i = 0; i < fs.size(); ++i) {
        const GoFuncExtent& e = fs[i];
        const auto at = std::make_pair(line, col);
        if (std::make_pair(e.func_line, e.func_col) <= at &&
            at <= std::make_pair(e.end_line, e.end_col)) {
          want = static_cast<int>(i);
        }
      }
      wrong += InnermostExtent(fs, line, col) != want;
      ++col;
      if (c == '\n') {
        ++line;
        col = 1;
      }
    }
    INFO(f);
    CHECK(wrong == 0);
  }
}

}  // namespace
}  // namespace escviz
