#include "src/escape_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

namespace escviz {
namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
/// package, function, location, and where the location was introduced when its name does not
/// identify it in its function (ChainHop::dst_intro), else empty.
using VertexKey = std::tuple<std::string, std::string, std::string, std::string>;

GraphVertex::Kind KindOf(std::string_view loc, bool is_param) {
  if (loc == "{heap}") return GraphVertex::Kind::kHeap;
  if (loc.substr(0, 2) == "~r") return GraphVertex::Kind::kResult;
  if (is_param) return GraphVertex::Kind::kParam;
  if (loc.substr(0, 1) == "{") return GraphVertex::Kind::kStorage;
  return GraphVertex::Kind::kLocal;
}

}  // namespace

EscapeGraph::~EscapeGraph() = default;
EscapeGraph::EscapeGraph(EscapeGraph&&) noexcept = default;

EscapeGraph::EscapeGraph(const Model& m, const Analysis& a, const std::vector<uint32_t>& chains) {
  // Parameters are known from leak explanations: (package, function, name).
  std::set<VertexKey> params;
  auto function_of = [&](const Explanation& x) { return std::string(m.FunctionName(x.function)); };
  // Only parameters in packages the chains pass through can be vertices: skip the others before
  // building any string (a report draws hundreds of graphs from one large model).
  std::unordered_set<uint32_t> packages;
  for (uint32_t ci : chains) {
    for (const ChainHop& h : a.chains[ci].hops)
      packages.insert(m.explanations[h.explanation].package);
  }
  for (const Explanation& x : m.explanations) {
    if (x.kind == Explanation::Kind::kLeak && packages.count(x.package) > 0) {
      params.insert({m.PackageName(x.package), function_of(x), std::string(m.str(x.subject)), ""});
    }
  }

  std::map<VertexKey, GraphVertex> vmap;
  struct EdgeAcc {
    GraphEdge e;
    VertexKey from, to;
  };
  std::map<std::tuple<VertexKey, VertexKey, std::string, std::string>, EdgeAcc> emap;
  const VertexKey heap{"", "", "{heap}", ""};

  for (uint32_t ci : chains) {
    const Chain& c = a.chains[ci];
    std::set<VertexKey> seen_v;
    std::set<std::tuple<VertexKey, VertexKey, std::string, std::string>> seen_e;
    for (size_t i = 0; i < c.hops.size(); ++i) {
      const ChainHop& h = c.hops[i];
      const Explanation& x = m.explanations[h.explanation];
      const FlowStep& s = m.steps[x.first_step + h.step];
      std::string pkg = m.PackageName(x.package), fn = function_of(x);
      // Two locations of one name are one only if introduced at the same place; a `{temp}` with
      // no note is its own.
      auto intro = [&](size_t hop) -> std::string {
        const ChainHop& k = c.hops[hop];
        const Explanation& kx = m.explanations[k.explanation];
        const FlowStep& ks = m.steps[kx.first_step + k.step];
        if (k.dst_intro != kNone) return m.FormatPos(m.notes[k.dst_intro].pos);
        if (m.str(ks.dst) == "{temp}") return fmt::format("#{}.{}", k.explanation, k.step);
        return "";
      };
      auto key = [&](std::string_view loc, std::string at) {
        return loc == "{heap}" ? heap : VertexKey{pkg, fn, std::string(loc), std::move(at)};
      };
      // A step's source is the previous step's destination in the same explanation.
      const bool continues = i > 0 && !h.crosses && c.hops[i - 1].explanation == h.explanation;
      VertexKey from = key(m.str(s.src), continues ? intro(i - 1) : "");
      VertexKey to = key(m.str(s.dst), intro(i));
      bool crosses = false;
      std::string to_pos;
      // A step handed on into a callee ends at the callee's parameter, not at the heap.
      if (i + 1 < c.hops.size() && c.hops[i + 1].crosses) {
        const ChainHop& nh = c.hops[i + 1];
        const Explanation& nx = m.explanations[nh.explanation];
        to = VertexKey{m.PackageName(nx.package), function_of(nx), std::string(m.str(nx.subject)),
                       ""};
        to_pos = m.FormatPos(nx.pos);  // the parameter's own position
        crosses = true;
      }
      std::string reason, pos;
      if (s.note_count > 0) {
        const Note& n = m.notes[s.first_note + s.note_count - 1];
        reason = std::string(m.str(n.reason));
        pos = m.FormatPos(n.pos);
      }
      for (const VertexKey* k : {&from, &to}) {
        GraphVertex& v = vmap[*k];
        if (v.location.empty()) {
          v.package = std::get<0>(*k);
          v.function = std::get<1>(*k);
          v.location = std::get<2>(*k);
          v.kind = KindOf(v.location, params.count(*k) > 0);
          // The chain's first location is the verdict's subject: its position is the verdict's.
          if (i == 0 && k == &from) v.pos = m.FormatPos(m.verdicts[c.verdict].pos);
        }
        if (v.pos.empty() && k == &to && v.kind != GraphVertex::Kind::kHeap) {
          v.pos = crosses ? to_pos : pos;
        }
        if (seen_v.insert(*k).second) ++v.chains;
      }
      auto ek = std::make_tuple(from, to, reason, pos);
      EdgeAcc& e = emap[ek];
      if (e.e.chains == 0) {
        e.from = from;
        e.to = to;
        e.e.reason = reason;
        e.e.pos = pos;
        e.e.derefs = s.derefs;
        e.e.crosses = crosses;
      }
      if (seen_e.insert(ek).second) ++e.e.chains;
    }
  }

  std::map<VertexKey, uint32_t> index;
  for (auto& kv : vmap) {
    index[kv.first] = static_cast<uint32_t>(vertices_.size());
    vertices_.push_back(std::move(kv.second));
  }
  for (auto& kv : emap) {
    GraphEdge e = kv.second.e;
    e.from = index.at(kv.second.from);
    e.to = index.at(kv.second.to);
    edges_.push_back(e);
  }

  // Assignment cycles, with Boost's strongly connected components.
  BoostGraph g(vertices_.size());
  for (const GraphEdge& e : edges_) boost::add_edge(e.from, e.to, g);
  std::vector<int> component(vertices_.size());
  int n = vertices_.empty() ? 0 : boost::strong_components(g, component.data());
  std::vector<int> size(static_cast<size_t>(n), 0);
  for (int c : component) ++size[static_cast<size_t>(c)];
  std::set<int> cyclic;
  for (int c = 0; c < n; ++c) {
    if (size[static_cast<size_t>(c)] > 1) cyclic.insert(c);
  }
  for (const GraphEdge& e : edges_) {
    if (e.from == e.to) cyclic.insert(component[e.from]);
  }
  cycles_ = cyclic.size();
  for (size_t v = 0; v < vertices_.size(); ++v) {
    vertices_[v].in_cycle = cyclic.count(component[v]) > 0;
  }
  for (GraphEdge& e : edges_) {
    e.in_cycle = component[e.from] == component[e.to] && cyclic.count(component[e.from]) > 0;
  }
}

}  // namespace escviz
