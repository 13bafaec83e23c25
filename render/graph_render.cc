#include "render/graph_render.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <mutex>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "render/escape.h"
#include "render/graphviz_handles.h"

namespace escviz {
namespace {

using graphviz::ErrorCapture;
using graphviz::GraphPtr;
using graphviz::GvContext;
using graphviz::LayoutGuard;
using graphviz::RenderData;

/// Graphviz's C API takes `char*` for strings it only reads (or copies).
char* C(const std::string& s) { return const_cast<char*>(s.c_str()); }
char* C(const char* s) { return const_cast<char*>(s); }

// ---------------------------------------------------------------------------------------------
// Text: from log bytes to Graphviz attribute values. GraphvizText (render/escape.h) makes the
// display text: valid UTF-8 without control or bidirectional characters; the functions here add
// the escaping of each Graphviz attribute.

/// A label value (Graphviz escString): shows `text` literally. Backslashes are doubled so that
/// `\n`, `\l`, `\N`... typed in the log stay text; `&` becomes `&amp;` because Graphviz decodes
/// entities in plain labels; newlines become the `\n` line break. Quotes are escaped by agwrite.
std::string LabelValue(std::string_view text) {
  std::string out;
  for (char c : GraphvizText(text)) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// A tooltip value. Graphviz 2.42 decodes entities in tooltips, then drops the backslash of every
/// escape (`\\` gives `\`, `\n` a newline), then substitutes `\N` and friends and turns `\\`
/// into `\` once more: a backslash is written as four. `&` becomes `&amp;`, newlines `&#10;`.
std::string TooltipValue(std::string_view text) {
  std::string out;
  for (char c : GraphvizText(text)) {
    switch (c) {
      case '\\':
        out += "\\\\\\\\";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// The DOT name of an id: unchanged unless it holds `%`, control characters or invalid UTF-8,
/// which are %-encoded (so distinct ids keep distinct names).
std::string DotName(std::string_view id) {
  if (id.empty()) return "%empty";  // no encoded id looks like this: `%` is always followed by hex
  std::string out;
  for (size_t i = 0; i < id.size();) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    const size_t n = Utf8SequenceLength(id, i);
    if (c == '%' || c < 0x20 || c == 0x7F || n == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
      continue;
    }
    out.append(id.substr(i, n));
    i += n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building the graph.

/// Attribute values of a node kind that differ from the node defaults.
struct Style {
  const char* shape;
  const char* style;
  const char* fillcolor;
  const char* color;
  const char* fontcolor;
  const char* penwidth;
  const char* fontsize;
};

// Node defaults (declared on the graph): the look of a local.
constexpr Style kLocalStyle = {"box", "rounded,filled", "white", "#555555", "black", "1", "11"};

Style StyleOf(DrawNode::Kind kind) {
  switch (kind) {
    case DrawNode::Kind::kHeap:
      return {"box", "rounded,filled,bold", "#f6b8b8", "#b22222", "#7a0000", "2.5", "16"};
    case DrawNode::Kind::kParam:
      return {"cds", "filled", "#d6e6f7", "#2f5f98", "black", "1", "11"};
    case DrawNode::Kind::kResult:
      return {"house", "filled", "#dcefd6", "#3a7a2e", "black", "1", "11"};
    case DrawNode::Kind::kStorage:
      return {"box", "filled", "#fff4c8", "#9a7b1f", "black", "1", "11"};
    case DrawNode::Kind::kOmitted:
      return {"note", "dashed", "white", "#888888", "#666666", "1", "10"};
    case DrawNode::Kind::kLocal:
      break;
  }
  return kLocalStyle;
}

constexpr const char* kCrossColor = "#1f6fb2";
constexpr const char* kCycleColor = "#8e44ad";
constexpr const char* kEdgeColor = "#555555";

/// Sets an attribute already declared on the root graph, when it differs from the default.
void Set(void* obj, const char* name, const char* value, const char* default_value) {
  if (std::string_view(value) != default_value) agset(obj, C(name), C(value));
}

void SetNodeStyle(Agnode_t* n, const Style& s) {
  Set(n, "shape", s.shape, kLocalStyle.shape);
  Set(n, "style", s.style, kLocalStyle.style);
  Set(n, "fillcolor", s.fillcolor, kLocalStyle.fillcolor);
  Set(n, "color", s.color, kLocalStyle.color);
  Set(n, "fontcolor", s.fontcolor, kLocalStyle.fontcolor);
  Set(n, "penwidth", s.penwidth, kLocalStyle.penwidth);
  Set(n, "fontsize", s.fontsize, kLocalStyle.fontsize);
}

Agraph_t* AddCluster(Agraph_t* root, const std::string& id, const std::string& label) {
  Agraph_t* sub = agsubg(root, C("cluster_" + DotName(id)), 1);
  if (sub == nullptr) return nullptr;
  agsafeset(sub, C("label"), C(LabelValue(label)), C(""));
  agsafeset(sub, C("style"), C("rounded,filled"), C(""));
  agsafeset(sub, C("fillcolor"), C("#f4f6f8"), C(""));
  agsafeset(sub, C("color"), C("#b8c2cc"), C(""));
  agsafeset(sub, C("fontsize"), C("11"), C(""));
  agsafeset(sub, C("labeljust"), C("l"), C(""));
  return sub;
}

void SetEdgeStyle(Agedge_t* e, const DrawEdge& de, const char* color) {
  Set(e, "color", color, kEdgeColor);
  Set(e, "fontcolor", color, kEdgeColor);
  if (de.crosses) {
    agset(e, C("style"), C("dashed"));
    agset(e, C("penwidth"), C("1.8"));
  }
}

/// What a graph is built for: written as DOT, or laid out by dot here (with workarounds).
enum class Purpose { kDot, kLayout };

/// The cgraph graph of `dg`, nodes and edges created in the order given.
GraphPtr BuildGraph(const DrawGraph& dg, Purpose purpose) {
  GraphPtr g(agopen(C("escviz"), Agdirected, graphviz::Discipline()));
  if (!g) return g;
  Agraph_t* root = g.get();

  // Graph attributes; the font size is the title's, clusters set their own.
  agattr(root, AGRAPH, C("charset"), C("UTF-8"));
  agattr(root, AGRAPH, C("rankdir"), C("LR"));
  agattr(root, AGRAPH, C("fontname"), C("Helvetica"));
  agattr(root, AGRAPH, C("fontsize"), C("14"));
  agattr(root, AGRAPH, C("nodesep"), C("0.3"));
  agattr(root, AGRAPH, C("ranksep"), C("0.6"));
  agattr(root, AGRAPH, C("label"), C(""));
  if (!dg.title.empty()) {
    agset(root, C("label"), C(LabelValue(dg.title)));
    agattr(root, AGRAPH, C("labelloc"), C("t"));
  }

  // Node and edge defaults. The node label default `\N` is declared here because creating a gvc
  // context declares it globally: declaring it always keeps RenderDot's output the same.
  agattr(root, AGNODE, C("label"), C("\\N"));
  agattr(root, AGNODE, C("tooltip"), C(""));
  agattr(root, AGNODE, C("fontname"), C("Helvetica"));
  agattr(root, AGNODE, C("shape"), C(kLocalStyle.shape));
  agattr(root, AGNODE, C("style"), C(kLocalStyle.style));
  agattr(root, AGNODE, C("fillcolor"), C(kLocalStyle.fillcolor));
  agattr(root, AGNODE, C("color"), C(kLocalStyle.color));
  agattr(root, AGNODE, C("fontcolor"), C(kLocalStyle.fontcolor));
  agattr(root, AGNODE, C("penwidth"), C(kLocalStyle.penwidth));
  agattr(root, AGNODE, C("fontsize"), C(kLocalStyle.fontsize));
  agattr(root, AGEDGE, C("label"), C(""));
  agattr(root, AGEDGE, C("fontname"), C("Helvetica"));
  agattr(root, AGEDGE, C("fontsize"), C("9"));
  agattr(root, AGEDGE, C("color"), C(kEdgeColor));
  agattr(root, AGEDGE, C("fontcolor"), C(kEdgeColor));
  agattr(root, AGEDGE, C("style"), C(""));
  agattr(root, AGEDGE, C("penwidth"), C("1"));
  agattr(root, AGEDGE, C("arrowsize"), C("0.7"));

  std::unordered_map<std::string, Agraph_t*> clusters;
  for (const DrawCluster& c : dg.clusters) {
    if (clusters.count(c.id) != 0) continue;
    if (Agraph_t* sub = AddCluster(root, c.id, c.label)) clusters.emplace(c.id, sub);
  }

  struct Placed {
    Agnode_t* node;
    std::string cluster;  ///< empty at the top level
  };
  std::unordered_map<std::string, Placed> nodes;
  for (const DrawNode& dn : dg.nodes) {
    if (nodes.count(dn.id) != 0) continue;
    Agnode_t* n = agnode(root, C(DotName(dn.id)), 1);
    if (n == nullptr) continue;
    agset(n, C("label"), C(LabelValue(dn.label)));
    if (!dn.tooltip.empty()) agset(n, C("tooltip"), C(TooltipValue(dn.tooltip)));
    SetNodeStyle(n, StyleOf(dn.kind));
    Placed placed{n, ""};
    if (!dn.cluster.empty()) {
      auto it = clusters.find(dn.cluster);
      if (it == clusters.end()) {
        it = clusters.emplace(dn.cluster, AddCluster(root, dn.cluster, dn.cluster)).first;
      }
      if (it->second != nullptr && agsubnode(it->second, n, 1) != nullptr) {
        placed.cluster = dn.cluster;
      }
    }
    nodes.emplace(dn.id, std::move(placed));
  }

  int label_nodes = 0;
  for (const DrawEdge& de : dg.edges) {
    auto from = nodes.find(de.from);
    auto to = nodes.find(de.to);
    if (from == nodes.end() || to == nodes.end()) continue;
    const char* color = de.cycle ? kCycleColor : de.crosses ? kCrossColor : kEdgeColor;
    if (purpose == Purpose::kDot || de.label.empty() ||
        from->second.cluster == to->second.cluster) {
      Agedge_t* e = agedge(root, from->second.node, to->second.node, nullptr, 1);
      if (e == nullptr) continue;
      if (!de.label.empty()) agset(e, C("label"), C(LabelValue(de.label)));
      SetEdgeStyle(e, de, color);
      continue;
    }
    // Laid out, a labelled edge between two clusters (or a cluster and the top level) goes through
    // a node holding its label. Graphviz 2.42's dot corrupts its heap when such an edge ends up
    // "flat" (both ends on one rank) with a label, which dot's cluster ranking does for many
    // graphs; edges without labels and labels inside one cluster are safe.
    std::string name = "edge_label_" + std::to_string(++label_nodes);
    while (agnode(root, C(name), 0) != nullptr) name += '_';
    Agnode_t* label = agnode(root, C(name), 1);
    if (label == nullptr) continue;
    agset(label, C("label"), C(LabelValue(de.label)));
    SetNodeStyle(label, {"plaintext", "", "white", color, color, "1", "9"});
    agsafeset(label, C("margin"), C("0.04,0.02"), C(""));
    agsafeset(label, C("width"), C("0"), C(""));
    agsafeset(label, C("height"), C("0"), C(""));
    Agedge_t* first = agedge(root, from->second.node, label, nullptr, 1);
    Agedge_t* second = agedge(root, label, to->second.node, nullptr, 1);
    if (first == nullptr || second == nullptr) continue;
    SetEdgeStyle(first, de, color);
    agsafeset(first, C("arrowhead"), C("none"), C(""));
    SetEdgeStyle(second, de, color);
  }

  if (!dg.footnote.empty()) {
    std::string name = "footnote";
    while (agnode(root, C(name), 0) != nullptr) name += '_';
    Agnode_t* n = agnode(root, C(name), 1);
    if (n != nullptr) {
      agset(n, C("label"), C(LabelValue(dg.footnote)));
      SetNodeStyle(n, {"note", "filled", "#fffde7", "#999999", "#444444", "1", "10"});
    }
  }
  return g;
}

}  // namespace

void RenderDot(const DrawGraph& g, std::ostream* out) {
  std::lock_guard<std::mutex> lock(graphviz::Mutex());
  ErrorCapture errors;
  GraphPtr graph = BuildGraph(g, Purpose::kDot);
  if (graph) agwrite(graph.get(), out);
}

bool RenderSvg(const DrawGraph& g, std::ostream* out, std::string* err) {
  std::lock_guard<std::mutex> lock(graphviz::Mutex());
  ErrorCapture errors;
  auto fail = [&](const char* what) {
    if (err != nullptr) {
      *err = what;
      const std::string details = errors.text();
      if (!details.empty()) *err += ": " + details;
    }
    return false;
  };
  GvContext gvc;
  if (gvc.get() == nullptr) return fail("cannot create a Graphviz context");
  GraphPtr graph = BuildGraph(g, Purpose::kLayout);
  if (!graph) return fail("cannot create the Graphviz graph");
  const int laid_out = gvLayout(gvc.get(), graph.get(), "dot");
  LayoutGuard layout(gvc.get(), graph.get());
  if (laid_out != 0) return fail("Graphviz dot layout failed");
  RenderData data;
  if (gvRenderData(gvc.get(), graph.get(), "svg", data.data(), data.length()) != 0) {
    return fail("Graphviz SVG rendering failed");
  }
  data.WriteTo(out);
  return true;
}

}  // namespace escviz
