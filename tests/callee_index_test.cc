// Tests for src/callee_index.h: the callee a call expression names (CalleeSpan, and CalleeOf of
// src/chains.h), and the lookups from such a name to a function of the log whose parameters
// leak to the heap and to the parameter a chain continues with. Expected values are read off
// the constructed log below (forms of go-diagnostics.md sections 3-6).

#include "src/callee_index.h"

#include <catch2/catch.hpp>
#include <string>

#include "src/chains.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

using test::ParseLog;

/// Package c: store leaks q; pair leaks a and b; (*T).M leaks t; quiet leaks nothing. Package
/// c/sub has a store of its own that leaks p.
constexpr const char* kLog =
    "# example.com/c\n"
    "./c.go:3:6: cannot inline store: marked go:noinline\n"
    "./c.go:3:12: parameter q leaks to {heap} with derefs=0:\n"
    "./c.go:3:12:   flow: {heap} = q:\n"
    "./c.go:3:12:     from sink = q (assign) at ./c.go:3:29\n"
    "./c.go:3:12: leaking param: q\n"
    "./c.go:6:6: cannot inline pair: marked go:noinline\n"
    "./c.go:6:11: parameter a leaks to {heap} with derefs=0:\n"
    "./c.go:6:11:   flow: {heap} = a:\n"
    "./c.go:6:11:     from sink = a (assign) at ./c.go:7:7\n"
    "./c.go:6:11: leaking param: a\n"
    "./c.go:6:14: parameter b leaks to {heap} with derefs=0:\n"
    "./c.go:6:14:   flow: {heap} = b:\n"
    "./c.go:6:14:     from sink = b (assign) at ./c.go:8:7\n"
    "./c.go:6:14: leaking param: b\n"
    "./c.go:10:6: cannot inline (*T).M: marked go:noinline\n"
    "./c.go:10:7: parameter t leaks to {heap} with derefs=0:\n"
    "./c.go:10:7:   flow: {heap} = t:\n"
    "./c.go:10:7:     from sink = t (assign) at ./c.go:11:7\n"
    "./c.go:10:7: leaking param: t\n"
    "./c.go:13:6: cannot inline quiet: marked go:noinline\n"
    "./c.go:13:12: p does not escape\n"
    "# example.com/c/sub\n"
    "sub/s.go:3:6: cannot inline store: marked go:noinline\n"
    "sub/s.go:3:12: parameter p leaks to {heap} with derefs=0:\n"
    "sub/s.go:3:12:   flow: {heap} = p:\n"
    "sub/s.go:3:12:     from sink = p (assign) at sub/s.go:3:29\n"
    "sub/s.go:3:12: leaking param: p\n";

/// The index of function `name` of package `pkg` (by import path); fails if there is none.
uint32_t FunctionNamed(const Model& m, const std::string& pkg, const std::string& name) {
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    if (m.str(m.functions[f].name) == name && m.PackageName(m.functions[f].package) == pkg) {
      return f;
    }
  }
  FAIL("no function " << pkg << "." << name);
  return kNone;
}

uint32_t PackageNamed(const Model& m, const std::string& pkg) {
  for (uint32_t p = 0; p < m.packages.size(); ++p) {
    if (m.PackageName(p) == pkg) return p;
  }
  FAIL("no package " << pkg);
  return kNone;
}

StrId Id(const Model& m, std::string_view s) {
  StrId id = kNone;
  REQUIRE(m.strings.Find(s, &id));
  return id;
}

/// The subject of the explanation `e` (the leaking parameter's name).
std::string SubjectOf(const Model& m, uint32_t e) {
  REQUIRE(e != kNone);
  return std::string(m.str(m.explanations[e].subject));
}

}  // namespace

TEST_CASE("CalleeOf and CalleeSpan read the called function of a call expression",
          "[callee_index]") {
  // Call expressions as go-diagnostics.md section 4.5 shows them in from notes.
  CHECK(CalleeOf("store(&local)") == "store");
  CHECK(CalleeOf("fmt.Fprintln(io.Writer(os.Stdout), fmt.a...)") == "fmt.Fprintln");
  CHECK(CalleeOf("(*pp).doPrintf(fmt.p, fmt.format, fmt.a)") == "(*pp).doPrintf");
  CHECK(CalleeOf("defer f(x)") == "f");
  CHECK(CalleeOf("x.f") == "");
  CHECK(CalleeOf("Map[go.shape.int_0](xs)") == "Map[go.shape.int_0]");
  const std::string expr = "store(&local)";
  const std::string_view span = CalleeSpan(expr);
  CHECK(span == "store");
  CHECK(span.data() == expr.data());  // a view into the expression, not a copy
  CHECK(CalleeSpan("sink = p").empty());
}

TEST_CASE("CalleeIndex: a name resolves to the function of the caller's package",
          "[callee_index]") {
  Model m;
  ParseLog(kLog, &m);
  const CalleeIndex index(m);
  const uint32_t c = PackageNamed(m, "example.com/c");
  CHECK(index.LeakingCallee(c, index.Describe("store")) ==
        FunctionNamed(m, "example.com/c", "store"));
  // `sub.store` names the other package's store by the last element of its path.
  const CalleeIndex::Callee sub = index.Describe("sub.store");
  CHECK(sub.dotted);
  CHECK(sub.name == "store");
  CHECK(index.LeakingCallee(c, sub) == FunctionNamed(m, "example.com/c/sub", "store"));
  // A method call `x.M` finds the method of that name.
  CHECK(index.LeakingCallee(c, index.Describe("x.M")) ==
        FunctionNamed(m, "example.com/c", "(*T).M"));
  // No leak to the heap, or no such function: nothing to continue into.
  CHECK(index.LeakingCallee(c, index.Describe("quiet")) == kNone);
  CHECK(index.LeakingCallee(c, index.Describe("nosuch")) == kNone);
}

TEST_CASE("CalleeIndex: a parameter's leak, and the leaking parameters in order",
          "[callee_index]") {
  Model m;
  ParseLog(kLog, &m);
  const CalleeIndex index(m);
  const uint32_t store = FunctionNamed(m, "example.com/c", "store");
  const uint32_t pair = FunctionNamed(m, "example.com/c", "pair");
  // A parameter is found by its own name, never by the argument's (defect 1 of issue 20: an
  // argument named like another parameter must not pick that one).
  CHECK(SubjectOf(m, index.LeakOf(store, Id(m, "q"))) == "q");
  CHECK(index.LeakOf(store, Id(m, "t")) == kNone);
  CHECK(SubjectOf(m, index.LeakOf(pair, Id(m, "b"))) == "b");
  CHECK(SubjectOf(m, index.LeakOf(pair, Id(m, "a"))) == "a");
  CHECK(index.LeakOf(FunctionNamed(m, "example.com/c", "quiet"), Id(m, "p")) == kNone);
  // In declaration order (by position), each once.
  std::vector<StrId> params;
  index.LeakingParams(pair, &params);
  REQUIRE(params.size() == 2);
  CHECK(m.str(params[0]) == "a");
  CHECK(m.str(params[1]) == "b");
}

TEST_CASE("CalleeIndex: {heap}'s id; each explanation's function, as the model keeps it",
          "[callee_index]") {
  Model m;
  ParseLog(kLog, &m);
  const CalleeIndex index(m);
  CHECK(index.heap() == Id(m, "{heap}"));
  REQUIRE(m.explanations.size() == 5);
  for (uint32_t e = 0; e < m.explanations.size(); ++e) {
    INFO("explanation " << e);
    // Each block is followed by its verdict (the leaking param line), whose function it is.
    const uint32_t v = m.explanations[e].verdict;
    REQUIRE(v != kNone);
    CHECK(m.explanations[e].function == m.verdicts[v].function);
    CHECK(m.explanations[e].function != kNone);
  }
  CHECK(m.FunctionName(m.explanations[0].function) == "store");
  CHECK(m.FunctionName(m.explanations[3].function) == "(*T).M");
}

TEST_CASE("CalleeIndex: a log that never names {heap}", "[callee_index]") {
  Model m;
  ParseLog("# example.com/c\n./c.go:13:12: p does not escape\n", &m);
  const CalleeIndex index(m);
  CHECK(index.heap() == kNone);
  CHECK(index.LeakingCallee(1, index.Describe("store")) == kNone);
}

}  // namespace escviz
