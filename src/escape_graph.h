#pragma once
/// The escape graph (SPEC 3): vertices are escape-analysis locations qualified by package and
/// function (`escdemo.store: p`, the single `{heap}`), edges are flow steps. Built from chains,
/// so that a chain that continues into a callee is a path through the callee's parameter.
/// Boost.Graph stays inside escape_graph.cc; callers see plain records.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "src/chains.h"
#include "src/model.h"

namespace escviz {

struct GraphVertex {
  enum class Kind : uint8_t { kHeap, kParam, kResult, kLocal, kStorage };
  Kind kind = Kind::kLocal;
  std::string package, function, location;
  std::string pos;      ///< first position seen for the location
  uint64_t chains = 0;  ///< chains (of those the graph was built from) that pass here
  bool in_cycle = false;
};

struct GraphEdge {
  uint32_t from = 0, to = 0;
  std::string reason;  ///< reason of the note that makes the step (`call parameter`)
  std::string pos;     ///< that note's position
  int32_t derefs = 0;
  bool crosses = false;  ///< into a callee's parameter
  uint64_t chains = 0;
  bool in_cycle = false;
};

class EscapeGraph {
 public:
  /// The union of `chains` (indices into a.chains). Vertices and edges are sorted (package,
  /// function, location; then endpoints and reason), so the same input gives the same graph.
  EscapeGraph(const Model& m, const Analysis& a, const std::vector<uint32_t>& chains);
  ~EscapeGraph();
  EscapeGraph(EscapeGraph&&) noexcept;

  const std::vector<GraphVertex>& vertices() const { return vertices_; }
  const std::vector<GraphEdge>& edges() const { return edges_; }
  /// Assignment cycles: strongly connected sets of more than one vertex, or a vertex with an
  /// edge to itself. Their vertices and edges are marked in_cycle.
  size_t cycle_count() const { return cycles_; }

 private:
  std::vector<GraphVertex> vertices_;
  std::vector<GraphEdge> edges_;
  size_t cycles_ = 0;
};

}  // namespace escviz
