#pragma once
/// Draws an abstract escape graph as DOT and SVG in-process with Graphviz (cgraph + gvc).

#include <ostream>
#include <string>
#include <vector>

namespace escviz {

/// A node of a graph to draw, independent of how escviz computes it.
struct DrawNode {
  /// What the node stands for; decides its shape and colours.
  enum class Kind { kHeap, kParam, kResult, kLocal, kStorage, kOmitted };
  std::string id;  ///< stable, unique, e.g. "n12"; used as the DOT node name
  /// May contain any bytes from the log: quotes, backslashes, <, &, newlines, braces.
  std::string label;
  std::string tooltip;  ///< e.g. the position; may be empty
  std::string cluster;  ///< cluster id (one per function), empty for none (the heap node has none)
  Kind kind = Kind::kLocal;
};

/// A directed edge between two DrawNode ids.
struct DrawEdge {
  std::string from, to;  ///< node ids
  std::string label;     ///< reason(s), e.g. "call parameter\n./main.go:45:7"
  /// Crosses from a caller into a callee (drawn dashed/bold, distinct colour).
  bool crosses = false;
  bool cycle = false;  ///< part of an assignment cycle (drawn in another colour)
};

/// A box around the nodes of one function.
struct DrawCluster {
  std::string id;     ///< referred to by DrawNode::cluster; the DOT subgraph is "cluster_<id>"
  std::string label;  ///< e.g. "example.com/escdemo.oneLevel"
};

/// A graph to draw, independent of how escviz computes it.
struct DrawGraph {
  std::string title;  ///< graph label at the top
  /// E.g. "41 nodes left out (--max-nodes 60)"; drawn as a note when not empty.
  std::string footnote;
  std::vector<DrawCluster> clusters;
  std::vector<DrawNode> nodes;
  std::vector<DrawEdge> edges;
};

/// Writes DOT text built with cgraph, in the order given (so the same DrawGraph gives
/// byte-identical DOT).
///
/// Labels and tooltips are text: Graphviz escapes (`\n`, `\N`, ...), entities (`&amp;`) and
/// record or HTML syntax in them are shown literally; real newlines become line breaks; invalid
/// UTF-8 becomes U+FFFD, C0 control characters their Unicode control pictures, C1 and
/// bidirectional controls the text `\u009b`, `\u202e` (GraphvizText in render/escape.h). A node
/// whose id repeats an earlier one is dropped, and so is an edge with an endpoint that is not a
/// node. A node naming a cluster that is not listed gets a cluster labelled with the id. Ids are
/// used as DOT names; bytes that are invalid UTF-8 or control characters (and `%`) are %-encoded in
/// them. Serialised with the other functions here (Graphviz keeps global state).
void RenderDot(const DrawGraph& g, std::ostream* out);

/// Writes SVG laid out with the dot engine; false with *err (if given) on a Graphviz failure,
/// having written nothing.
///
/// Uses only the dot layout and core (SVG) plugins, linked in, whatever the machine's Graphviz
/// plugin configuration; text widths are estimated from built-in font metrics (no pango), so the
/// output is deterministic. Laid out from the graph RenderDot writes, except that a labelled edge
/// between two clusters (or a cluster and the top level) is drawn through a small node holding
/// its label: Graphviz 2.42's dot corrupts its heap on such labels in many graphs. In the SVG,
/// each node's and cluster's `<title>` is its DOT name.
bool RenderSvg(const DrawGraph& g, std::ostream* out, std::string* err);

}  // namespace escviz
