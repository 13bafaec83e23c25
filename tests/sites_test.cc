// Source sites (src/sites.h): generic instances and closure clones counted once. The logs are
// real (tests/data/clones: its main.go says how the truth is known, and gen.sh made the logs
// with Go 1.19 and Go 1.27).

#include "src/sites.h"

#include <catch2/catch.hpp>
#include <string>

#include "src/chains.h"
#include "src/model.h"
#include "src/summary.h"
#include "test_support.h"

namespace escviz {
namespace {

std::string Clones(const std::string& release) {
  return std::string(ESCVIZ_SOURCE_DIR) + "/tests/data/clones/go" + release + ".m2.log";
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST_CASE("readable names and shapes of a site", "[sites]") {
  CHECK(ReadableFunctionName("userHandler.func1#ToMCtQNBB0I=#") == "userHandler.func1");
  CHECK(ReadableFunctionName("rangeNum[go.shape.int].func1#5+2aqeVFpr0=#") ==
        "rangeNum[go.shape.int].func1");
  CHECK(ReadableFunctionName("F#x") == "F#x");  // not the compiler's form: kept
  CHECK(ReadableFunctionName("(*T).M") == "(*T).M");
  CHECK(WithoutShapes("&Box[go.shape.int]{...}") == "&Box[...]{...}");
  CHECK(WithoutShapes("Map[go.shape.int_0,go.shape.string_1]") == "Map[...]");
  CHECK(WithoutShapes("xs[i]") == "xs[i]");
  CHECK(CopiesText(1).empty());
  CHECK(CopiesText(3) == "in 3 instances/clones, counted once");
}

TEST_CASE("a site is counted once, whatever the release", "[sites]") {
  // By construction (tests/data/clones/main.go): put's 3 instances report &Box[T]{v: v} (and,
  // in Go 1.27, its append) 3 times; Go 1.27 reports userHandler.func1's `s` and its append
  // once more for the clone userHandler.func1#HASH#.
  Model m19, m27;
  test::LoadLog("tests/data/clones/go1.19.m2.log", &m19);
  test::LoadLog("tests/data/clones/go1.27.m2.log", &m27);
  const Summary s19 = Summarize(m19, Analyze(m19));
  const Summary s27 = Summarize(m27, Analyze(m27));
  CHECK(s19.heap == 9);
  CHECK(s19.heap_copies == 2);
  CHECK(s27.heap == 19);
  CHECK(s27.heap_copies == 6);
  uint64_t caused = 0;
  for (const CauseRow& c : s27.causes) caused += c.heap;
  CHECK(caused == s27.heap);
  // The clone's readable name, and its verdicts are one site with the original's.
  bool clone = false;
  for (uint32_t v = 0; v < m27.verdicts.size(); ++v) {
    const Verdict& vd = m27.verdicts[v];
    if (vd.function == kNone) continue;
    const std::string_view raw = m27.str(m27.functions[vd.function].name);
    if (!HasCloneSuffix(raw)) continue;
    clone = true;
    CHECK(m27.FunctionName(vd.function) == "userHandler.func1");
    CHECK(m27.SiteCopies(v) == 2);
  }
  CHECK(clone);
}

TEST_CASE("verdicts alike in one function are sites of their own; shapes join them", "[sites]") {
  // By construction: one function whose inlined call reports the same allocation three times
  // (three allocations, as the compiler prints one verdict per allocation), then two shape
  // instances of a generic function, each reporting its allocation twice: two sites of two
  // copies each (the k-th verdict of one instance joins the k-th of the other).
  Model m;
  test::ParseLog(
      "# example.com/p\n"
      "./a.go:3:6: can inline f\n"
      "./a.go:5:2: moved to heap: x\n"
      "./a.go:5:2: moved to heap: x\n"
      "./a.go:5:2: moved to heap: x\n"
      "./a.go:9:6: can inline g[go.shape.int]\n"
      "./a.go:10:9: &Box[go.shape.int]{...} escapes to heap\n"
      "./a.go:10:9: &Box[go.shape.int]{...} escapes to heap\n"
      "./a.go:9:6: can inline g[go.shape.string]\n"
      "./a.go:10:9: &Box[go.shape.string]{...} escapes to heap\n"
      "./a.go:10:9: &Box[go.shape.string]{...} escapes to heap\n",
      &m);
  REQUIRE(m.verdicts.size() == 7);
  for (uint32_t v = 0; v < 3; ++v) {
    CHECK(m.SiteFirst(v));
    CHECK(m.SiteCopies(v) == 1);
  }
  CHECK(m.site_first[5] == 3);
  CHECK(m.site_first[6] == 4);
  CHECK(m.SiteCopies(3) == 2);
  CHECK(m.SiteCopies(4) == 2);
  CHECK(Summarize(m, Analyze(m)).heap == 5);
}

TEST_CASE("explain, SARIF and diff see one site", "[sites]") {
  test::RunResult r = test::RunEscviz({"explain", "--at", "main.go:43:16", Clones("1.27")});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("in userHandler.func1 (package") != std::string::npos);
  CHECK(r.out.find("#") == std::string::npos);  // no raw clone name
  CHECK(r.out.find("in 2 instances/clones, counted once") != std::string::npos);

  r = test::RunEscviz({"export", "--format", "sarif", Clones("1.27")});
  REQUIRE(r.status == 0);
  CHECK(Count(r.out, "&Box[...]{...} escapes to heap") == 1);
  CHECK(Count(r.out, "in 3 instances/clones") == 2);  // &Box[T]{...} and its append

  // One instance fewer (put(2.5) gone: fewer.go1.27.m2.log, real compiler output) is no change
  // of sites: the other instances still report them.
  const std::string head =
      std::string(ESCVIZ_SOURCE_DIR) + "/tests/data/clones/fewer.go1.27.m2.log";
  r = test::RunEscviz({"diff", "--fail-on", "new", Clones("1.27"), head});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("0 added, 0 removed", 0) == 0);
}

}  // namespace
}  // namespace escviz
