// Tests for src/chains.h (Analyze): which verdicts get a chain, how a chain ends, how it crosses
// into callees whose parameters leak, and the counts of crossings and cycles. Expected values
// come from the constructed log below (forms of go-diagnostics.md sections 3-4, the escdemo
// shapes) or from samples/escdemo.m2.log read by eye (line numbers cited).

#include "src/chains.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "render/explain_render.h"
#include "src/query.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

using test::LoadLog;
using test::ParseLog;

/// One package: `store` leaks q to the heap, `keep` hands &x to store (a crossing), `bare`'s z
/// has no explanation, `identity` leaks s to its result, `loop`'s w is truncated by a cycle,
/// and `keep`'s y does not escape.
constexpr const char* kLog =
    "# example.com/p\n"
    "./p.go:3:6: cannot inline store: marked go:noinline\n"
    "./p.go:3:12: parameter q leaks to {heap} with derefs=0:\n"
    "./p.go:3:12:   flow: {heap} = q:\n"
    "./p.go:3:12:     from sink = q (assign) at ./p.go:3:29\n"
    "./p.go:3:12: leaking param: q\n"
    "./p.go:6:6: cannot inline keep: marked go:noinline\n"
    "./p.go:7:2: x escapes to heap:\n"
    "./p.go:7:2:   flow: {heap} = &x:\n"
    "./p.go:7:2:     from &x (address-of) at ./p.go:8:8\n"
    "./p.go:7:2:     from store(&x) (call parameter) at ./p.go:8:7\n"
    "./p.go:7:2: moved to heap: x\n"
    "./p.go:7:5: y does not escape\n"
    "./p.go:10:6: cannot inline bare: marked go:noinline\n"
    "./p.go:11:2: moved to heap: z\n"
    "./p.go:13:6: cannot inline identity: marked go:noinline\n"
    "./p.go:13:15: parameter s leaks to ~r0 with derefs=0:\n"
    "./p.go:13:15:   flow: ~r0 = s:\n"
    "./p.go:13:15:     from return s (return) at ./p.go:13:34\n"
    "./p.go:13:15: leaking param: s to result ~r0 level=0\n"
    "./p.go:16:6: cannot inline loop: marked go:noinline\n"
    "./p.go:17:2: w escapes to heap:\n"
    "./p.go:17:2:   flow: {heap} = &w:\n"
    "./p.go:17:2:     from &w (address-of) at ./p.go:18:8\n"
    "./p.go:17:2:   warning: truncated explanation due to assignment cycle; see "
    "golang.org/issue/35518\n"
    "./p.go:17:2: moved to heap: w\n";

/// The chain of the verdict of kind `kind` at `place`, or null if it has none.
/// The chain of the verdict of `kind` at `place` (of subject `subject` if given).
const Chain* ChainAt(const Model& m, const Analysis& a, const char* place, VerdictKind kind,
                     std::string_view subject = {}) {
  for (uint32_t v : FindAt(m, *ParsePlace(place))) {
    if (m.verdicts[v].kind == kind &&
        (subject.empty() || m.str(m.verdicts[v].subject) == subject)) {
      return a.chain_of_verdict[v] == kNone ? nullptr : &a.chains[a.chain_of_verdict[v]];
    }
  }
  FAIL("no verdict at " << place);
  return nullptr;
}

std::string FunctionOfHop(const Model& m, const ChainHop& h) {
  const Explanation& x = m.explanations[h.explanation];
  return std::string(m.FunctionName(m.verdicts[x.verdict].function));
}

}  // namespace

TEST_CASE("chains: one per heap verdict and per explained leak, none for does-not-escape",
          "[chains]") {
  Model m;
  ParseLog(kLog, &m);
  const Analysis a = Analyze(m);
  // q, x, z, s, w: four heap or leak verdicts with explanations and one unexplained heap one.
  CHECK(a.chains.size() == 5);
  CHECK(ChainAt(m, a, "p.go:7:5", VerdictKind::kDoesNotEscape) == nullptr);
  CHECK(a.chain_of_verdict.size() == m.verdicts.size());
  for (size_t c = 0; c < a.chains.size(); ++c) {
    CHECK(a.chain_of_verdict[a.chains[c].verdict] == c);
  }
}

TEST_CASE("chains: how each chain ends", "[chains]") {
  Model m;
  ParseLog(kLog, &m);
  const Analysis a = Analyze(m);
  const Chain* q = ChainAt(m, a, "p.go:3:12", VerdictKind::kLeakingParam);
  REQUIRE(q != nullptr);
  CHECK(q->end == Chain::End::kHeap);
  CHECK(q->hops.size() == 1);
  CHECK(q->cause == kNone);  // causes are of heap verdicts only

  const Chain* z = ChainAt(m, a, "p.go:11:2", VerdictKind::kMovedToHeap);
  REQUIRE(z != nullptr);
  CHECK(z->end == Chain::End::kUnexplained);
  CHECK(z->hops.empty());
  CHECK(z->cause != kNone);

  const Chain* s = ChainAt(m, a, "p.go:13:15", VerdictKind::kLeakingParamToResult);
  REQUIRE(s != nullptr);
  CHECK(s->end == Chain::End::kOther);  // ends at ~r0
  CHECK(s->hops.size() == 1);

  const Chain* w = ChainAt(m, a, "p.go:17:2", VerdictKind::kMovedToHeap);
  REQUIRE(w != nullptr);
  CHECK(w->end == Chain::End::kCycle);
  CHECK(a.cycles == 1);  // one truncated explanation in the log
}

TEST_CASE("chains: a call parameter continues into the callee whose parameter leaks", "[chains]") {
  Model m;
  ParseLog(kLog, &m);
  const Analysis a = Analyze(m);
  const Chain* x = ChainAt(m, a, "p.go:7:2", VerdictKind::kMovedToHeap);
  REQUIRE(x != nullptr);
  REQUIRE(x->hops.size() == 2);  // keep's step, then store's
  CHECK_FALSE(x->hops[0].crosses);
  CHECK(x->hops[1].crosses);
  CHECK(FunctionOfHop(m, x->hops[0]) == "keep");
  CHECK(FunctionOfHop(m, x->hops[1]) == "store");
  CHECK(x->end == Chain::End::kHeap);
  CHECK(x->stop == Chain::Stop::kNone);
  REQUIRE(x->crossings.size() == 1);
  CHECK(x->crossings[0].hop == 1);
  CHECK(a.crossing_chains == 1);
  REQUIRE(x->cause != kNone);
  CHECK(CauseLabel(m, a.causes[x->cause]) == "assign: sink = q in example.com/p.store");
}

TEST_CASE("chains: escdemo crosses two callees and a package", "[chains][escdemo]") {
  Model m;
  LoadLog("samples/escdemo.m2.log", &m);
  const Analysis a = Analyze(m);
  // twoLevel: deep -> middle.p -> store.p -> {heap} (main.go:51, 40, 35 in the log).
  const Chain* c = ChainAt(m, a, "main.go:51:2", VerdictKind::kMovedToHeap);
  REQUIRE(c != nullptr);
  REQUIRE(c->hops.size() == 3);
  CHECK_FALSE(c->hops[0].crosses);
  CHECK(c->hops[1].crosses);
  CHECK(c->hops[2].crosses);
  CHECK(FunctionOfHop(m, c->hops[0]) == "twoLevel");
  CHECK(FunctionOfHop(m, c->hops[1]) == "middle");
  CHECK(FunctionOfHop(m, c->hops[2]) == "store");
  CHECK(c->end == Chain::End::kHeap);
  REQUIRE(c->cause != kNone);
  CHECK(CauseLabel(m, a.causes[c->cause]) == "assign: sink = p in example.com/escdemo.store");
  // The same cause accounts for oneLevel's `local` (store called directly, main.go:44).
  const Chain* one = ChainAt(m, a, "main.go:44:2", VerdictKind::kMovedToHeap);
  REQUIRE(one != nullptr);
  CHECK(one->cause == c->cause);
  CHECK(a.causes[c->cause].heap == 2);
  // Across packages: crossPackage's n goes into util.Keep (main.go:58, util/util.go:9).
  const Chain* x = ChainAt(m, a, "main.go:58:2", VerdictKind::kMovedToHeap);
  REQUIRE(x != nullptr);
  REQUIRE(x->hops.size() == 2);
  CHECK(FunctionOfHop(m, x->hops[1]) == "Keep");
  CHECK(m.PackageName(m.explanations[x->hops[1].explanation].package) ==
        "example.com/escdemo/util");
}

TEST_CASE("chains: a callee not in the log is named and groups the cause", "[chains][escdemo]") {
  Model m;
  LoadLog("samples/escdemo.m2.log", &m);
  const Analysis a = Analyze(m);
  // main.go:124:14: `name` goes to fmt.Fprintln, and fmt was not built with -m. ("point", the
  // first verdict there, is a constant: a chain, but no cause.)
  const Chain* point = ChainAt(m, a, "main.go:124:14", VerdictKind::kEscapesToHeap, "\"point\"");
  REQUIRE(point != nullptr);
  CHECK(point->cause == kNone);
  const Chain* c = ChainAt(m, a, "main.go:124:14", VerdictKind::kEscapesToHeap, "name");
  REQUIRE(c != nullptr);
  CHECK(c->stop == Chain::Stop::kNotInLog);
  REQUIRE(c->stop_note != kNone);
  CHECK(CalleeOf(m.str(m.notes[c->stop_note].expr)) == "fmt.Fprintln");
  REQUIRE(c->cause != kNone);
  CHECK(CauseLabel(m, a.causes[c->cause]) == "call parameter: fmt.Fprintln(...)");
}

}  // namespace escviz

namespace escviz {
namespace {

/// A log of `n` functions f0 ... f{n-1}, each passing its parameter p to the next (the last to
/// `back`, or storing it in a global when `back` is -1), and main's x passed to f0: the compiler's
/// forms of Go 1.19 (cannot inline, leak blocks, call parameter notes). By construction the
/// chain of x goes through every function once, in order.
std::string CallChainLog(int n, int back) {
  std::string log = "# example.com/p\n";
  for (int i = 0; i < n; ++i) {
    log += fmt::format("./m.go:{}:6: cannot inline f{}: marked go:noinline\n", 10 + i, i);
  }
  log += "./m.go:100:6: cannot inline main: marked go:noinline\n";
  for (int i = 0; i < n; ++i) {
    const int line = 10 + i;
    log += fmt::format("./m.go:{}:9: parameter p leaks to {{heap}} with derefs=0:\n", line);
    log += fmt::format("./m.go:{}:9:   flow: {{heap}} = p:\n", line);
    if (i + 1 < n || back >= 0) {
      log += fmt::format("./m.go:{}:9:     from f{}(p) (call parameter) at ./m.go:{}:20\n", line,
                         i + 1 < n ? i + 1 : back, line);
    } else {
      log += fmt::format("./m.go:{}:9:     from sink = p (assign) at ./m.go:{}:20\n", line, line);
    }
    log += fmt::format("./m.go:{}:9: leaking param: p\n", line);
  }
  log +=
      "./m.go:101:2: x escapes to heap:\n"
      "./m.go:101:2:   flow: {heap} = &x:\n"
      "./m.go:101:2:     from &x (address-of) at ./m.go:102:5\n"
      "./m.go:101:2:     from f0(&x) (call parameter) at ./m.go:102:4\n"
      "./m.go:101:2: moved to heap: x\n";
  return log;
}

TEST_CASE("chains: a long chain is followed to its end, a call cycle is called one", "[chains]") {
  {
    Model m;
    ParseLog(CallChainLog(40, -1), &m);
    const Analysis a = Analyze(m);
    const Chain* c = ChainAt(m, a, "m.go:101:2", VerdictKind::kMovedToHeap);
    REQUIRE(c != nullptr);
    CHECK(c->crossings.size() == 40);  // into f0 ... f39, which stores it
    CHECK(c->end == Chain::End::kHeap);
    REQUIRE(c->cause != kNone);
    CHECK(CauseLabel(m, a.causes[c->cause]) == "assign: sink = p in example.com/p.f39");
  }
  {
    Model m;
    ParseLog(CallChainLog(3, 0), &m);  // f0 -> f1 -> f2 -> f0
    const Analysis a = Analyze(m);
    const Chain* c = ChainAt(m, a, "m.go:101:2", VerdictKind::kMovedToHeap);
    REQUIRE(c != nullptr);
    CHECK(c->crossings.size() == 3);
    CHECK(c->end == Chain::End::kCallCycle);
    for (const Crossing& x : c->crossings) CHECK(x.hop < c->hops.size());
    REQUIRE(c->cause != kNone);
    CHECK(CauseLabel(m, a.causes[c->cause]).find("assignment cycle") == std::string::npos);
    std::ostringstream out;
    RenderExplain(m, a, {c->verdict}, &out);
    CHECK(out.str().find("(chain stops: a call cycle") != std::string::npos);
  }
}

TEST_CASE("chains: explain of a few sites (AnalyzeOnly) says what the whole analysis says",
          "[chains]") {
  // The truth is Analyze(m): for each site explained by itself, the text must be the same,
  // on zap (Go 1.19) and on generic instances and closure clones (Go 1.27, whose copies take
  // their site's cause), every heap verdict that has a chain.
  for (const char* log : {"samples/zap.m2.log.gz", "tests/data/clones/go1.27.m2.log"}) {
    Model m;
    LoadLog(log, &m);
    const Analysis all = Analyze(m);
    int compared = 0, by_callee = 0;
    for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
      if (!IsHeap(m.verdicts[v].kind) || all.chain_of_verdict[v] == kNone) continue;
      std::ostringstream whole, alone;
      RenderExplain(m, all, {v}, &whole);
      RenderExplain(m, AnalyzeOnly(m, {v}), {v}, &alone);
      CHECK(alone.str() == whole.str());
      ++compared;
      const Chain& c = all.chains[all.chain_of_verdict[v]];
      by_callee += c.cause != kNone && all.causes[c.cause].kind == Cause::Kind::kCallParameter;
    }
    INFO(log);
    CHECK(compared > 10);
    if (std::string_view(log).find("zap") != std::string_view::npos) CHECK(by_callee > 5);
  }
}

}  // namespace
TEST_CASE("chains: built on two threads, the analysis is the one of one thread", "[chains]") {
  // Analyze builds chains on two threads for large logs, each with caches of its own, the
  // second's callee ids mapped by name. One thread is the truth: every chain, cause and choke
  // point must be the same, on real logs with callees followed, stops and instances.
  // And a log made so that the second builder meets the callees in another order than the
  // first: 320 values each passed to ext.G<i % 7>, not in the log, so that each chain stops
  // there and is counted under its callee: 7 causes (of 46 or 45 chains), by construction.
  std::string made;
  for (int i = 0; i < 320; ++i) {
    const std::string at = fmt::format("p/f.go:{}:2", 10 + 3 * i);
    const std::string call = fmt::format("p/f.go:{}:8", 11 + 3 * i);
    made += fmt::format("{0}: x escapes to heap:\n{0}:   flow: {{heap}} = &x:\n", at);
    made += fmt::format("{0}:     from &x (address-of) at {1}\n", at, call);
    made += fmt::format("{0}:     from ext.G{1}(&x) (call parameter) at {2}\n", at, i % 7, call);
    made += fmt::format("{0}: moved to heap: x\n", at);
  }
  for (const char* log : {"samples/zap.m2.log.gz", "made"}) {
    INFO(log);
    Model m;
    if (std::string_view(log) == "made") {
      ParseLog(made, &m);
    } else {
      test::LoadLog(log, &m);
    }
    const Analysis one = AnalyzeOnThreads(m, 1), two = AnalyzeOnThreads(m, 2);
    REQUIRE(one.chains.size() == two.chains.size());
    REQUIRE(one.chains.size() > 64);  // runs of 64 are dealt to the two builders: both build
    size_t differ = 0;
    for (size_t i = 0; i < one.chains.size(); ++i) {
      const Chain &x = one.chains[i], &y = two.chains[i];
      bool same = x.verdict == y.verdict && x.block == y.block && x.blocks == y.blocks &&
                  x.stop_note == y.stop_note && x.cause == y.cause && x.end == y.end &&
                  x.stop == y.stop && x.hops.size() == y.hops.size() &&
                  x.crossings.size() == y.crossings.size();
      for (size_t h = 0; same && h < x.hops.size(); ++h) {
        same = x.hops[h].explanation == y.hops[h].explanation && x.hops[h].step == y.hops[h].step &&
               x.hops[h].dst_intro == y.hops[h].dst_intro && x.hops[h].crosses == y.hops[h].crosses;
      }
      for (size_t k = 0; same && k < x.crossings.size(); ++k) {
        same = x.crossings[k].note == y.crossings[k].note &&
               x.crossings[k].function == y.crossings[k].function &&
               x.crossings[k].param_index == y.crossings[k].param_index;
      }
      differ += same ? 0 : 1;
    }
    CHECK(differ == 0);
    REQUIRE(one.causes.size() == two.causes.size());
    for (size_t c = 0; c < one.causes.size(); ++c) {
      CHECK(CauseLabel(m, one.causes[c]) == CauseLabel(m, two.causes[c]));
      CHECK(one.causes[c].chains == two.causes[c].chains);
      CHECK(one.causes[c].site == two.causes[c].site);
      CHECK(one.causes[c].example == two.causes[c].example);
    }
    REQUIRE(one.choke_points.size() == two.choke_points.size());
    for (size_t c = 0; c < one.choke_points.size(); ++c) {
      CHECK(ChokePointLabel(m, one.choke_points[c]) == ChokePointLabel(m, two.choke_points[c]));
    }
    CHECK(one.block_chains == two.block_chains);
    CHECK(one.chain_of_verdict == two.chain_of_verdict);
    CHECK(one.crossing_chains == two.crossing_chains);
    if (std::string_view(log) == "made") {
      CHECK(one.causes.size() == 7);
      CHECK(two.causes.size() == 7);
    }
  }
}

}  // namespace escviz
