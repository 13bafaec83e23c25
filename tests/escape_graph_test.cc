// Chains across functions, causes, choke points, the Boost escape graph, and the picture built
// from it (node limit, cycles, stable DOT that Graphviz parses).
#include "src/escape_graph.h"

#include <graphviz/cgraph.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "parsers/text_log_parser.h"
#include "render/graph_draw.h"
#include "render/graph_render.h"
#include "render/terminal_diagnostics.h"
#include "src/graph_select.h"
#include "src/query.h"

namespace escviz {
namespace {

void Load(const std::string& rel, Model* m) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextLogs({std::string(ESCVIZ_SOURCE_DIR) + "/" + rel}, m, &diag));
}

const Chain& ChainAt(const Model& m, const Analysis& a, const char* place, VerdictKind kind) {
  for (uint32_t v : FindAt(m, *ParsePlace(place))) {
    if (m.verdicts[v].kind == kind && a.chain_of_verdict[v] != kNone) {
      return a.chains[a.chain_of_verdict[v]];
    }
  }
  FAIL("no chain at " << place);
  return a.chains.front();
}

std::string FunctionOfHop(const Model& m, const ChainHop& h) {
  const Explanation& x = m.explanations[h.explanation];
  return std::string(m.FunctionName(m.verdicts[x.verdict].function));
}

}  // namespace

TEST_CASE("CalleeOf reads the called function of a call expression", "[chains]") {
  CHECK(CalleeOf("store(&local)") == "store");
  CHECK(CalleeOf("fmt.Fprintln(io.Writer(os.Stdout), fmt.a...)") == "fmt.Fprintln");
  CHECK(CalleeOf("(*pp).doPrintf(fmt.p, fmt.format, fmt.a)") == "(*pp).doPrintf");
  CHECK(CalleeOf("defer f(x)") == "f");
  CHECK(CalleeOf("x.f") == "");
  CHECK(CalleeOf("Map[go.shape.int_0](xs)") == "Map[go.shape.int_0]");
}

TEST_CASE("a chain crosses into callees whose parameters leak", "[chains]") {
  Model m;
  Load("samples/escdemo.m2.log", &m);
  Analysis a = Analyze(m);
  // twoLevel: deep -> middle.p -> store.p -> {heap} (main.go:51, 40, 35 in the log).
  const Chain& c = ChainAt(m, a, "main.go:51:2", VerdictKind::kMovedToHeap);
  REQUIRE(c.hops.size() == 3);
  CHECK_FALSE(c.hops[0].crosses);
  CHECK(c.hops[1].crosses);
  CHECK(c.hops[2].crosses);
  CHECK(FunctionOfHop(m, c.hops[0]) == "twoLevel");
  CHECK(FunctionOfHop(m, c.hops[1]) == "middle");
  CHECK(FunctionOfHop(m, c.hops[2]) == "store");
  CHECK(c.end == Chain::End::kHeap);
  REQUIRE(c.cause != kNone);
  const CauseText cause = SpellCause(m, a.causes[c.cause]);
  CHECK(cause.kind == "assign");
  CHECK(cause.function == "store");
  CHECK(cause.what == "sink = p");
  // The same cause accounts for oneLevel's `local` (store called directly).
  const Chain& one = ChainAt(m, a, "main.go:44:2", VerdictKind::kMovedToHeap);
  CHECK(one.cause == c.cause);
  CHECK(a.causes[c.cause].heap == 2);
  // Across packages: crossPackage's n goes into util.Keep.
  const Chain& x = ChainAt(m, a, "main.go:58:2", VerdictKind::kMovedToHeap);
  REQUIRE(x.hops.size() == 2);
  CHECK(FunctionOfHop(m, x.hops[1]) == "Keep");
  CHECK(m.PackageName(m.explanations[x.hops[1].explanation].package) == "example.com/escdemo/util");
}

TEST_CASE("an unresolved callee is named, and groups the cause", "[chains]") {
  Model m;
  Load("samples/escdemo.m2.log", &m);
  Analysis a = Analyze(m);
  const Chain& c = ChainAt(m, a, "main.go:124:14", VerdictKind::kEscapesToHeap);
  CHECK(c.unresolved_callee == "fmt.Fprintln");  // fmt was not built with -m
  REQUIRE(c.cause != kNone);
  CHECK(CauseLabel(m, a.causes[c.cause]) == "call parameter: fmt.Fprintln(...)");
}

TEST_CASE("causes are ranked and account for every heap verdict", "[chains]") {
  Model m;
  Load("samples/escdemo.m2.log", &m);
  Analysis a = Analyze(m);
  uint64_t heap = 0, total = 0;
  for (const Verdict& v : m.verdicts) heap += IsHeap(v.kind) ? 1 : 0;
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

TEST_CASE("the escape graph marks assignment cycles", "[graph]") {
  Model m;
  Load("tests/data/cycle.log", &m);
  Analysis a = Analyze(m);
  REQUIRE(a.chains.size() == 1);
  CHECK(a.chains[0].end == Chain::End::kCycle);
  CHECK(a.cycles == 1);
  EscapeGraph g(m, a, {0});
  CHECK(g.cycle_count() == 1);
  // ~r0 -> elem -> {storage for &Chan{...}} -> ~r0 is the cycle; typ only feeds it.
  for (const GraphVertex& v : g.vertices()) {
    INFO(v.location);
    CHECK(v.in_cycle == (v.location != "typ"));
  }
  DrawGraph d = ToDrawGraph(g, DrawOptions{"t", 60});
  CHECK(d.footnote.find("1 assignment cycle") != std::string::npos);
}

TEST_CASE("--max-nodes keeps the locations on most chains and says what it left out", "[graph]") {
  Model m;
  Load("samples/escdemo.m2.log", &m);
  Analysis a = Analyze(m);
  GraphSelection sel;
  sel.top = 5;
  std::string title;
  std::vector<uint32_t> chains = SelectChains(m, a, sel, &title);
  REQUIRE(chains.size() > 3);
  EscapeGraph g(m, a, chains);
  REQUIRE(g.vertices().size() > 8);
  DrawGraph all = ToDrawGraph(g, DrawOptions{title, 0});
  CHECK(all.nodes.size() == g.vertices().size());
  CHECK(all.footnote.empty());
  DrawGraph cut = ToDrawGraph(g, DrawOptions{title, 8});
  CHECK(cut.nodes.size() == 8);
  CHECK(cut.footnote.find(std::to_string(g.vertices().size() - 8) + " of " +
                          std::to_string(g.vertices().size()) + " locations") != std::string::npos);
  // {heap} is always kept; every kept edge joins kept nodes.
  bool heap = false;
  for (const DrawNode& n : cut.nodes) heap |= n.kind == DrawNode::Kind::kHeap;
  CHECK(heap);
  for (const DrawEdge& e : cut.edges) {
    auto has = [&](const std::string& id) {
      for (const DrawNode& n : cut.nodes) {
        if (n.id == id) return true;
      }
      return false;
    };
    CHECK(has(e.from));
    CHECK(has(e.to));
  }
  // A kept node is on at least as many chains as any dropped one.
  uint64_t min_kept = UINT64_MAX, max_dropped = 0;
  for (size_t i = 0; i < g.vertices().size(); ++i) {
    const GraphVertex& v = g.vertices()[i];
    if (v.kind == GraphVertex::Kind::kHeap) continue;
    bool kept = false;
    for (const DrawNode& n : cut.nodes) kept |= n.id == "n" + std::to_string(i);
    if (kept) {
      min_kept = std::min(min_kept, v.chains);
    } else {
      max_dropped = std::max(max_dropped, v.chains);
    }
  }
  CHECK(min_kept >= max_dropped);
}

TEST_CASE("graph DOT is stable and accepted by Graphviz's parser", "[graph]") {
  auto dot = [] {
    Model m;
    Load("samples/escdemo.m2.log", &m);
    Analysis a = Analyze(m);
    GraphSelection sel;
    sel.top = 5;
    std::string title;
    std::vector<uint32_t> chains = SelectChains(m, a, sel, &title);
    std::ostringstream out;
    RenderDot(ToDrawGraph(EscapeGraph(m, a, chains), DrawOptions{title, 60}), &out);
    return out.str();
  };
  std::string first = dot();
  CHECK(first == dot());
  Agraph_t* g = agmemread(first.c_str());
  REQUIRE(g != nullptr);
  CHECK(agnnodes(g) > 5);
  CHECK(agnedges(g) > 5);
  agclose(g);
}

}  // namespace escviz
