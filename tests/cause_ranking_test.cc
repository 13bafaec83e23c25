// Tests for src/cause_ranking.h, through Analyze (src/chains.h): which heap verdicts share a
// cause, the ranking (most heap verdicts first, then by label), causes grouped by reason alone
// (too large for stack), and choke points counted once per chain. Tested through Label() and
// the counts, the stable surface of Cause and ChokePoint. Expected values are worked out by hand
// from the constructed log below (forms of go-diagnostics.md sections 3-5).

#include "src/cause_ranking.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "src/chains.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

using test::LoadLog;
using test::ParseLog;

/// Eight heap verdicts: x and y (in a) reach the heap in store; u and v (in e) through the local
/// buf; big (b) and huge (c) are too large for the stack; n (d) is converted to an interface;
/// lone has no explanation.
constexpr const char* kLog =
    "# example.com/r\n"
    "./r.go:3:6: cannot inline store: marked go:noinline\n"
    "./r.go:3:12: parameter q leaks to {heap} with derefs=0:\n"
    "./r.go:3:12:   flow: {heap} = q:\n"
    "./r.go:3:12:     from sink = q (assign) at ./r.go:3:29\n"
    "./r.go:3:12: leaking param: q\n"
    "./r.go:6:6: cannot inline a: marked go:noinline\n"
    "./r.go:7:2: x escapes to heap:\n"
    "./r.go:7:2:   flow: {heap} = &x:\n"
    "./r.go:7:2:     from &x (address-of) at ./r.go:8:8\n"
    "./r.go:7:2:     from store(&x) (call parameter) at ./r.go:8:7\n"
    "./r.go:7:2: moved to heap: x\n"
    "./r.go:9:2: y escapes to heap:\n"
    "./r.go:9:2:   flow: {heap} = &y:\n"
    "./r.go:9:2:     from &y (address-of) at ./r.go:10:8\n"
    "./r.go:9:2:     from store(&y) (call parameter) at ./r.go:10:7\n"
    "./r.go:9:2: moved to heap: y\n"
    "./r.go:12:6: cannot inline b: marked go:noinline\n"
    "./r.go:13:2: big escapes to heap:\n"
    "./r.go:13:2:   flow: {heap} = &big:\n"
    "./r.go:13:2:     from big (too large for stack) at ./r.go:13:2\n"
    "./r.go:13:2: moved to heap: big\n"
    "./r.go:16:6: cannot inline c: marked go:noinline\n"
    "./r.go:17:2: huge escapes to heap:\n"
    "./r.go:17:2:   flow: {heap} = &huge:\n"
    "./r.go:17:2:     from huge (too large for stack) at ./r.go:17:2\n"
    "./r.go:17:2: moved to heap: huge\n"
    "./r.go:18:2: moved to heap: lone\n"
    "./r.go:20:6: cannot inline d: marked go:noinline\n"
    "./r.go:21:9: n escapes to heap:\n"
    "./r.go:21:9:   flow: {heap} = n:\n"
    "./r.go:21:9:     from n (interface-converted) at ./r.go:21:9\n"
    "./r.go:21:9: n escapes to heap\n"
    "./r.go:24:6: cannot inline e: marked go:noinline\n"
    "./r.go:25:2: u escapes to heap:\n"
    "./r.go:25:2:   flow: buf = &u:\n"
    "./r.go:25:2:     from &u (address-of) at ./r.go:26:8\n"
    "./r.go:25:2:     from buf = &u (assign) at ./r.go:26:6\n"
    "./r.go:25:2:   flow: {heap} = buf:\n"
    "./r.go:25:2:     from sink = buf (assign) at ./r.go:27:7\n"
    "./r.go:25:2: moved to heap: u\n"
    "./r.go:28:2: v escapes to heap:\n"
    "./r.go:28:2:   flow: buf = &v:\n"
    "./r.go:28:2:     from &v (address-of) at ./r.go:29:8\n"
    "./r.go:28:2:     from buf = &v (assign) at ./r.go:29:6\n"
    "./r.go:28:2:   flow: {heap} = buf:\n"
    "./r.go:28:2:     from sink = buf (assign) at ./r.go:30:7\n"
    "./r.go:28:2: moved to heap: v\n";

/// `LABEL HEAP` of each cause, in rank order.
std::vector<std::string> Ranked(const Model& m, const Analysis& a) {
  std::vector<std::string> out;
  for (const Cause& c : a.causes) out.push_back(CauseLabel(m, c) + " " + std::to_string(c.heap));
  return out;
}

}  // namespace

TEST_CASE("causes: grouped by final step, ranked by heap verdicts then label", "[causes]") {
  Model m;
  ParseLog(kLog, &m);
  const Analysis a = Analyze(m);
  // Ties at 2 and at 1 fall in label order ("assign: sink = buf" < "assign: sink = q" < "too").
  CHECK(Ranked(m, a) ==
        std::vector<std::string>{
            "assign: sink = buf in example.com/r.e 2",
            "assign: sink = q in example.com/r.store 2",
            "too large for stack 2",  // grouped by reason alone, whatever the function
            "interface-converted: n in example.com/r.d 1",
            "no explanation in the log (-m=1) 1",
        });
}

TEST_CASE("causes: every chain of a heap verdict points at the cause that counts it", "[causes]") {
  Model m;
  ParseLog(kLog, &m);
  const Analysis a = Analyze(m);
  std::vector<uint64_t> counted(a.causes.size(), 0);
  for (const Chain& c : a.chains) {
    if (!IsHeap(m.verdicts[c.verdict].kind)) {
      CHECK(c.cause == kNone);
      continue;
    }
    REQUIRE(c.cause < a.causes.size());
    ++counted[c.cause];
  }
  for (size_t i = 0; i < a.causes.size(); ++i) CHECK(counted[i] == a.causes[i].heap);
}

TEST_CASE("choke points: locations on chains, once per chain, {heap} left out", "[causes]") {
  Model m;
  ParseLog(kLog, &m);
  const Analysis a = Analyze(m);
  // Only u's and v's chains pass a location other than {heap}: buf in e.
  REQUIRE(a.choke_points.size() == 1);
  CHECK(ChokePointLabel(m, a.choke_points[0]) == "example.com/r.e: buf");
  CHECK(a.choke_points[0].chains == 2);
}

TEST_CASE("causes account for every heap verdict of escdemo, ranked", "[causes][escdemo]") {
  Model m;
  LoadLog("samples/escdemo.m2.log", &m);
  const Analysis a = Analyze(m);
  uint64_t heap = 0, total = 0;
  for (const Verdict& v : m.verdicts) heap += m.Allocates(v) ? 1 : 0;
  for (size_t i = 0; i < a.causes.size(); ++i) {
    total += a.causes[i].heap;
    if (i > 0) CHECK(a.causes[i - 1].heap >= a.causes[i].heap);
  }
  CHECK(total == heap);
  REQUIRE_FALSE(a.choke_points.empty());
  for (size_t i = 1; i < a.choke_points.size(); ++i) {
    CHECK(a.choke_points[i - 1].chains >= a.choke_points[i].chains);
  }
}

}  // namespace escviz
