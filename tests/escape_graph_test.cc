// The Boost escape graph and the picture built from it (node limit, cycles, stable DOT that
// Graphviz parses). Chains, causes and callees have files of their own (chains_test.cc,
// cause_ranking_test.cc, callee_index_test.cc).
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

}  // namespace

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
