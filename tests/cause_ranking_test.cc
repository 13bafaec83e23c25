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

TEST_CASE("causes: a last step without a note takes its cause from the last step with one",
          "[causes]") {
  // samples/escdemo.m2.log, lines 55 and 376-381 and 390 (methodValue(&Rect{3, 4}) inlined into
  // main): the last two steps have no note. The cause was `flow to {storage for r.Area}: {temp}`.
  constexpr const char* kNoNote =
      "# example.com/escdemo\n"
      "./main.go:211:6: cannot inline main: function too complex: cost 2095 exceeds budget 80\n"
      "./main.go:221:14: &Rect{...} escapes to heap:\n"
      "./main.go:221:14:   flow: r = &{storage for &Rect{...}}:\n"
      "./main.go:221:14:     from &Rect{...} (spill) at ./main.go:221:14\n"
      "./main.go:221:14:     from r := &Rect{...} (assign-pair) at ./main.go:221:13\n"
      "./main.go:221:14:   flow: {temp} = r:\n"
      "./main.go:221:14:   flow: {storage for r.Area} = {temp}:\n"
      "./main.go:221:14: &Rect{...} escapes to heap\n";
  Model m;
  ParseLog(kNoNote, &m);
  const Analysis a = Analyze(m);
  CHECK(Ranked(m, a) ==
        std::vector<std::string>{"assign-pair: r := &Rect{...} in example.com/escdemo.main 1"});
  REQUIRE(a.causes.size() == 1);
  REQUIRE(a.causes[0].site != kNone);
  CHECK(m.FormatPos(m.notes[a.causes[0].site].pos) == "./main.go:221:13");  // that note's
  // `{temp}` (a step without a note) is each time another location: never a choke point.
  for (const ChokePoint& p : a.choke_points) CHECK(m.str(p.location) != "{temp}");
}

TEST_CASE("causes: flow to DST only when no step of the chain has a note", "[causes]") {
  // The shape of tests/truth/handler/go1.27.m2.log lines 106-107 (steps without notes), given to
  // a heap verdict: nothing names the cause but the last step.
  constexpr const char* kNoNotes =
      "# example.com/n\n"
      "./n.go:4:6: cannot inline f: marked go:noinline\n"
      "./n.go:5:2: v escapes to heap:\n"
      "./n.go:5:2:   flow: {temp} = &v:\n"
      "./n.go:5:2:   flow: {heap} = *{temp}:\n"
      "./n.go:5:2: moved to heap: v\n";
  Model m;
  ParseLog(kNoNotes, &m);
  const Analysis a = Analyze(m);
  CHECK(Ranked(m, a) == std::vector<std::string>{"flow to {heap}: {temp} in example.com/n.f 1"});
}

TEST_CASE("causes: a call of a compiler temporary is not the cause when a note names user code",
          "[causes]") {
  // Go 1.19.8, `go build -gcflags='-m -m'` of
  //   var sink *int
  //   //go:noinline
  //   func keep(p *int) { sink = p }
  //   //go:noinline
  //   func pick() func(*int) { return keep }
  //   func main() { x := 1; pick()(&x); y := 2; var f func(*int) = keep; f(&y) }
  // (one statement a line; Go 1.27.3 prints the same notes). `pick()(&x)` calls `.autotmp_1`:
  // the cause was `call parameter: .autotmp_1(...)`. f is the user's own func value: kept.
  constexpr const char* kTempCall =
      "# example.com/tmpcall\n"
      "./main.go:6:6: cannot inline keep: marked go:noinline\n"
      "./main.go:9:6: cannot inline pick: marked go:noinline\n"
      "./main.go:11:6: cannot inline main: function too complex: cost 198 exceeds budget 80\n"
      "./main.go:6:11: parameter p leaks to {heap} with derefs=0:\n"
      "./main.go:6:11:   flow: {heap} = p:\n"
      "./main.go:6:11:     from sink = p (assign) at ./main.go:6:26\n"
      "./main.go:6:11: leaking param: p\n"
      "./main.go:12:2: x escapes to heap:\n"
      "./main.go:12:2:   flow: {heap} = &x:\n"
      "./main.go:12:2:     from &x (address-of) at ./main.go:13:9\n"
      "./main.go:12:2:     from .autotmp_1(&x) (call parameter) at ./main.go:13:8\n"
      "./main.go:14:2: y escapes to heap:\n"
      "./main.go:14:2:   flow: {heap} = &y:\n"
      "./main.go:14:2:     from &y (address-of) at ./main.go:16:4\n"
      "./main.go:14:2:     from f(&y) (call parameter) at ./main.go:16:3\n"
      "./main.go:12:2: moved to heap: x\n"
      "./main.go:14:2: moved to heap: y\n";
  Model m;
  ParseLog(kTempCall, &m);
  const Analysis a = Analyze(m);
  CHECK(Ranked(m, a) == std::vector<std::string>{
                            "address-of: &x in example.com/tmpcall.main 1",
                            "call parameter: f(...) 1",
                        });
  for (const Cause& c : a.causes)
    CHECK_FALSE(CauseLabel(m, c).find(".autotmp") != std::string::npos);
}

TEST_CASE("causes: an earlier step's note replaces a last step naming only temporaries",
          "[causes]") {
  // Built from the shapes of samples/zap.m2.log.gz (error.go:76, lines 2354-2367: `.autotmp_3 :=
  // ~R0`, then the call), with a temporary called: every note of the last two steps names a
  // temporary, so the cause is the last note of the first step, in the user's code.
  constexpr const char* kTemps =
      "# example.com/t\n"
      "./t.go:8:6: cannot inline g: marked go:noinline\n"
      "./t.go:9:2: v escapes to heap:\n"
      "./t.go:9:2:   flow: ~R0 = &v:\n"
      "./t.go:9:2:     from &v (address-of) at ./t.go:10:9\n"
      "./t.go:9:2:     from ~R0 = &v (assign-pair) at ./t.go:10:8\n"
      "./t.go:9:2:   flow: .autotmp_3 = ~R0:\n"
      "./t.go:9:2:     from .autotmp_3 := ~R0 (assign) at ./t.go:10:8\n"
      "./t.go:9:2:   flow: {heap} = .autotmp_3:\n"
      "./t.go:9:2:     from .autotmp_3 (dot) at ./t.go:10:8\n"
      "./t.go:9:2:     from .autotmp_4(.autotmp_3) (call parameter) at ./t.go:10:8\n"
      "./t.go:9:2: moved to heap: v\n";
  Model m;
  ParseLog(kTemps, &m);
  const Analysis a = Analyze(m);
  CHECK(Ranked(m, a) == std::vector<std::string>{"assign-pair: ~R0 = &v in example.com/t.g 1"});
}

TEST_CASE("causes: a callee's call with a temporary argument stays grouped by callee", "[causes]") {
  // samples/zap.m2.log.gz, lines 3290-3297: the call passes `.autotmp_4` but calls
  // (*json.Decoder).Decode, not a temporary: the cause is that callee, as before.
  constexpr const char* kDecode =
      "# go.uber.org/zap\n"
      "go.uber.org/zap/http_handler.go:125:27: &json.Decoder{...} escapes to heap:\n"
      "go.uber.org/zap/http_handler.go:125:27:   flow: ~R0 = &{storage for &json.Decoder{...}}:\n"
      "go.uber.org/zap/http_handler.go:125:27:     from &json.Decoder{...} (spill) at "
      "go.uber.org/zap/http_handler.go:125:27\n"
      "go.uber.org/zap/http_handler.go:125:27:     from ~R0 = &json.Decoder{...} (assign-pair) at "
      "go.uber.org/zap/http_handler.go:125:27\n"
      "go.uber.org/zap/http_handler.go:125:27:   flow: .autotmp_4 = ~R0:\n"
      "go.uber.org/zap/http_handler.go:125:27:     from .autotmp_4 := ~R0 (assign) at "
      "go.uber.org/zap/http_handler.go:125:40\n"
      "go.uber.org/zap/http_handler.go:125:27:   flow: {heap} = .autotmp_4:\n"
      "go.uber.org/zap/http_handler.go:125:27:     from (*json.Decoder).Decode(.autotmp_4, &pld) "
      "(call parameter) at go.uber.org/zap/http_handler.go:125:40\n"
      "go.uber.org/zap/http_handler.go:125:27: &json.Decoder{...} escapes to heap\n";
  Model m;
  ParseLog(kDecode, &m);
  const Analysis a = Analyze(m);
  CHECK(Ranked(m, a) == std::vector<std::string>{"call parameter: (*json.Decoder).Decode(...) 1"});
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
