#include "render/graph_draw.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace escviz {
namespace {

DrawNode::Kind NodeKind(GraphVertex::Kind k) {
  switch (k) {
    case GraphVertex::Kind::kHeap:
      return DrawNode::Kind::kHeap;
    case GraphVertex::Kind::kParam:
      return DrawNode::Kind::kParam;
    case GraphVertex::Kind::kResult:
      return DrawNode::Kind::kResult;
    case GraphVertex::Kind::kStorage:
      return DrawNode::Kind::kStorage;
    case GraphVertex::Kind::kLocal:
      break;
  }
  return DrawNode::Kind::kLocal;
}

/// `/usr/lib/go-1.19/src/go/types/subst.go:197:8` -> `types/subst.go:197:8`: labels stay short,
/// the tooltip has the whole position.
std::string ShortPos(const std::string& pos) {
  size_t last = pos.find_last_of("/\\");
  if (last == std::string::npos || last == 0) return pos;
  size_t before = pos.find_last_of("/\\", last - 1);
  return before == std::string::npos ? pos : pos.substr(before + 1);
}

std::string QualifiedFunction(const GraphVertex& v) {
  return v.package.empty() ? v.function : v.package + "." + v.function;
}

}  // namespace

DrawGraph ToDrawGraph(const EscapeGraph& g, const DrawOptions& opt) {
  const auto& vs = g.vertices();
  DrawGraph d;
  d.title = opt.title;

  // Which vertices to keep: `{heap}`, then the ones on the most chains.
  std::vector<uint32_t> order(vs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    bool ha = vs[a].kind == GraphVertex::Kind::kHeap, hb = vs[b].kind == GraphVertex::Kind::kHeap;
    if (ha != hb) return ha;
    return vs[a].chains > vs[b].chains;
  });
  std::vector<bool> keep(vs.size(), true);
  size_t dropped = 0;
  if (opt.max_nodes > 0 && vs.size() > opt.max_nodes) {
    for (size_t i = opt.max_nodes; i < order.size(); ++i) keep[order[i]] = false;
    dropped = vs.size() - opt.max_nodes;
  }

  std::map<std::string, std::string> clusters;  // qualified function -> cluster id
  for (uint32_t i = 0; i < vs.size(); ++i) {
    if (keep[i] && vs[i].kind != GraphVertex::Kind::kHeap) clusters[QualifiedFunction(vs[i])];
  }
  int next = 0;
  for (auto& kv : clusters) {
    kv.second = fmt::format("f{}", next++);
    d.clusters.push_back(DrawCluster{kv.second, kv.first});
  }
  for (uint32_t i = 0; i < vs.size(); ++i) {
    if (!keep[i]) continue;
    const GraphVertex& v = vs[i];
    DrawNode n;
    n.id = fmt::format("n{}", i);
    n.kind = NodeKind(v.kind);
    n.label = v.location;
    if (!v.pos.empty()) n.label += "\n" + ShortPos(v.pos);
    if (v.kind == GraphVertex::Kind::kHeap) {
      n.tooltip = fmt::format("{} chain{} reach the heap", v.chains, v.chains == 1 ? "" : "s");
    } else {
      n.cluster = clusters.at(QualifiedFunction(v));
      n.tooltip = fmt::format("{}: on {} chain{}; {}", QualifiedFunction(v), v.chains,
                              v.chains == 1 ? "" : "s", v.pos);
    }
    d.nodes.push_back(std::move(n));
  }
  size_t dropped_edges = 0;
  for (const GraphEdge& e : g.edges()) {
    if (!keep[e.from] || !keep[e.to]) {
      ++dropped_edges;
      continue;
    }
    DrawEdge de;
    de.from = fmt::format("n{}", e.from);
    de.to = fmt::format("n{}", e.to);
    std::string ops = DerefOps(e.derefs);
    de.label = e.reason.empty() ? "flow" : e.reason;
    if (!ops.empty()) de.label = ops + " " + de.label;
    if (!e.pos.empty()) de.label += "\n" + ShortPos(e.pos);
    if (e.chains > 1) de.label += fmt::format("\n({} chains)", e.chains);
    de.crosses = e.crosses;
    de.cycle = e.in_cycle;
    d.edges.push_back(std::move(de));
  }
  if (g.cycle_count() > 0) {
    d.footnote = fmt::format("{} assignment cycle{} (the compiler truncates such explanations)",
                             g.cycle_count(), g.cycle_count() == 1 ? "" : "s");
  }
  if (dropped > 0) {
    if (!d.footnote.empty()) d.footnote += "\n";
    d.footnote += fmt::format(
        "{} of {} locations and {} of {} flows left out (--max-nodes {}): the ones on the "
        "fewest chains",
        dropped, vs.size(), dropped_edges, g.edges().size(), opt.max_nodes);
  }
  return d;
}

}  // namespace escviz
