// Tests for render/graph_render.h and render/graph_draw.h: DOT read back by cgraph, SVG by
// expat, stable output, styles, cycles and node limits. Over 400 lines: one picture, many views.
#include "render/graph_render.h"

#include <graphviz/cgraph.h>

#include <catch2/catch.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace escviz {
namespace {

using test::ParsedDot;
using test::ParseDot;
using test::ParseSvg;
using test::Svg;
using test::SvgGroup;

// ---------------------------------------------------------------------------------------------
// Helpers, on top of the DOT and SVG parsers of test_support.h.

/// RenderDot's text.
std::string DotText(const DrawGraph& g) {
  std::ostringstream out;
  RenderDot(g, &out);
  return std::move(out).str();
}

/// RenderSvg's text in `*svg` (empty on a failure, when RenderSvg writes nothing).
bool SvgText(const DrawGraph& g, std::string* svg, std::string* err) {
  std::ostringstream out;
  const bool ok = RenderSvg(g, &out, err);
  *svg = std::move(out).str();
  return ok;
}

/// An attribute of a node of a parsed graph, "<no node>" when there is no such node.
std::string NodeAttr(Agraph_t* g, const std::string& node, const char* attr) {
  Agnode_t* n = agnode(g, const_cast<char*>(node.c_str()), 0);
  if (n == nullptr) return "<no node>";
  const char* v = agget(n, const_cast<char*>(attr));
  return v == nullptr ? "" : v;
}

/// RenderSvg, which must succeed, parsed.
Svg RenderParsedSvg(const DrawGraph& g, std::string* text = nullptr) {
  std::string svg, err;
  const bool ok = SvgText(g, &svg, &err);
  INFO(err);
  REQUIRE(ok);
  REQUIRE(err.empty());
  Svg parsed = ParseSvg(svg);
  INFO(parsed.error);
  REQUIRE(parsed.well_formed);
  if (text != nullptr) *text = svg;
  return parsed;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == '\n') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

size_t CountOf(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// A label with everything that must stay text: quotes, a backslash before a quote, a literal
// `\n` and `\l` from the log, Graphviz's `\N`, HTML and entities, record syntax, a real newline
// and a trailing backslash.
const std::string kTrickyLabel = R"(say "hi" \n \l \N <b>&amp;</b> {a|b} & x\")"
                                 "\n"
                                 R"(next line\)";
// The same as a Graphviz label value (what agget returns after parsing the DOT).
const std::string kTrickyValue =
    R"(say "hi" \\n \\l \\N <b>&amp;amp;</b> {a|b} &amp; x\\"\nnext line\\)";

DrawGraph Sample() {
  DrawGraph g;
  g.title = "escapes to heap: x (./main.go:12:2)";
  g.footnote = "41 nodes left out (--max-nodes 60)";
  g.clusters = {{"f2", "example.com/escdemo.callee"}, {"f1", "example.com/escdemo.oneLevel"}};
  using K = DrawNode::Kind;
  g.nodes = {
      {"n0", "{heap}", "", "", K::kHeap},
      {"n1", "x", "./main.go:12:2", "f1", K::kLocal},
      {"n2", kTrickyLabel,
       R"(C:\go\main.go:3:4 & <more>)"
       "\n"
       "second",
       "f1", K::kParam},
      {"n3", "~r0", "./main.go:20:1", "f2", K::kResult},
      {"n4", "{storage for &T{...}}", "./main.go:21:9", "f2", K::kStorage},
      {"n5", "… 3 more", "", "f2", K::kOmitted},
  };
  g.edges = {
      {"n1", "n2", "assign\n./main.go:13:4", false, false},
      {"n2", "n3", "call parameter\n./main.go:45:7", true, false},
      {"n3", "n1", "assign", false, true},
      {"n4", "n0", "too large for stack", false, false},
      {"n1", "n0", "", false, false},
  };
  return g;
}

// ---------------------------------------------------------------------------------------------
// DOT.

TEST_CASE("RenderDot is parsed back by Graphviz with the same nodes, edges and labels",
          "[graph_render]") {
  const DrawGraph g = Sample();
  const std::string dot = DotText(g);
  ParsedDot parsed = ParseDot(dot);
  INFO(dot);
  REQUIRE(parsed);
  CHECK(agnnodes(parsed.get()) == static_cast<int>(g.nodes.size()) + 1);  // + the footnote
  CHECK(agnedges(parsed.get()) == static_cast<int>(g.edges.size()));
  CHECK(NodeAttr(parsed.get(), "n2", "label") == kTrickyValue);
  CHECK(NodeAttr(parsed.get(), "n0", "label") == "{heap}");
  CHECK(NodeAttr(parsed.get(), "n4", "label") == "{storage for &amp;T{...}}");
  CHECK(NodeAttr(parsed.get(), "footnote", "label") == g.footnote);
}

TEST_CASE("RenderDot gives byte-identical DOT for the same graph", "[graph_render]") {
  const std::string first = DotText(Sample());
  CHECK(DotText(Sample()) == first);
  std::string svg, err;
  REQUIRE(SvgText(Sample(), &svg, &err));  // creating a gvc context changes Graphviz globals
  CHECK(DotText(Sample()) == first);
}

TEST_CASE("RenderDot draws one cluster subgraph per function, in the order given",
          "[graph_render]") {
  const std::string dot = DotText(Sample());
  const size_t f2 = dot.find("subgraph cluster_f2 {");
  const size_t f1 = dot.find("subgraph cluster_f1 {");
  REQUIRE(f2 != std::string::npos);
  REQUIRE(f1 != std::string::npos);
  CHECK(f2 < f1);
  CHECK(dot.find("label=\"example.com/escdemo.oneLevel\"") != std::string::npos);

  ParsedDot parsed = ParseDot(dot);
  REQUIRE(parsed);
  Agraph_t* sub = agsubg(parsed.get(), const_cast<char*>("cluster_f1"), 0);
  REQUIRE(sub != nullptr);
  CHECK(agnnodes(sub) == 2);
  CHECK(agnode(sub, const_cast<char*>("n2"), 0) != nullptr);
  // The heap node belongs to no cluster.
  Agraph_t* other = agsubg(parsed.get(), const_cast<char*>("cluster_f2"), 0);
  REQUIRE(other != nullptr);
  CHECK(agnode(other, const_cast<char*>("n0"), 0) == nullptr);
  CHECK(agnode(sub, const_cast<char*>("n0"), 0) == nullptr);
}

TEST_CASE("RenderDot sets the look of each kind of node and edge", "[graph_render]") {
  const std::string dot = DotText(Sample());
  ParsedDot parsed = ParseDot(dot);
  REQUIRE(parsed);
  Agraph_t* g = parsed.get();
  CHECK(std::string(agget(g, const_cast<char*>("rankdir"))) == "LR");
  CHECK(std::string(agget(g, const_cast<char*>("charset"))) == "UTF-8");
  CHECK(std::string(agget(g, const_cast<char*>("label"))) == Sample().title);

  CHECK(NodeAttr(g, "n0", "style").find("filled") != std::string::npos);
  CHECK(NodeAttr(g, "n0", "style").find("bold") != std::string::npos);
  CHECK(NodeAttr(g, "n0", "fontsize") != NodeAttr(g, "n1", "fontsize"));
  CHECK(NodeAttr(g, "n2", "shape") == "cds");
  CHECK(NodeAttr(g, "n3", "shape") == "house");
  CHECK(NodeAttr(g, "n4", "shape") == "box");
  CHECK(NodeAttr(g, "n4", "fillcolor") != NodeAttr(g, "n1", "fillcolor"));
  CHECK(NodeAttr(g, "n5", "shape") == "note");
  CHECK(NodeAttr(g, "n5", "style") == "dashed");
  CHECK(NodeAttr(g, "footnote", "shape") == "note");
  CHECK(NodeAttr(g, "n1", "tooltip") == "./main.go:12:2");
  // A backslash is four in a tooltip (see TooltipValue in graph_render.cc).
  CHECK(NodeAttr(g, "n2", "tooltip") == R"(C:\\\\go\\\\main.go:3:4 &amp; <more>&#10;second)");

  // Edges: the crossing edge is dashed, crossing and cycle edges have their own colours.
  Agnode_t* n2 = agnode(g, const_cast<char*>("n2"), 0);
  Agnode_t* n1 = agnode(g, const_cast<char*>("n1"), 0);
  Agnode_t* n3 = agnode(g, const_cast<char*>("n3"), 0);
  Agedge_t* crossing = agedge(g, n2, n3, nullptr, 0);
  Agedge_t* cycle = agedge(g, n3, n1, nullptr, 0);
  Agedge_t* plain = agedge(g, n1, n2, nullptr, 0);
  REQUIRE(crossing != nullptr);
  REQUIRE(cycle != nullptr);
  REQUIRE(plain != nullptr);
  auto attr = [](Agedge_t* e, const char* name) {
    return std::string(agget(e, const_cast<char*>(name)));
  };
  CHECK(attr(crossing, "style") == "dashed");
  CHECK(attr(plain, "style").empty());
  CHECK(attr(crossing, "color") != attr(plain, "color"));
  CHECK(attr(cycle, "color") != attr(plain, "color"));
  CHECK(attr(cycle, "color") != attr(crossing, "color"));
  CHECK(attr(plain, "label") == R"(assign\n./main.go:13:4)");
  CHECK(std::stod(attr(plain, "fontsize")) < std::stod(NodeAttr(g, "n1", "fontsize")));

  // Never record shapes or HTML labels.
  CHECK(dot.find("record") == std::string::npos);
  CHECK(dot.find("=<") == std::string::npos);
}

TEST_CASE("RenderDot keeps odd ids usable as DOT names and drops dangling edges",
          "[graph_render]") {
  DrawGraph g;
  g.nodes = {{"node", "a keyword as id", "", "", DrawNode::Kind::kLocal},
             {"a b\"c", "spaces and a quote", "", "", DrawNode::Kind::kLocal},
             {"bad\x01\xff%", "control, invalid and percent", "", "", DrawNode::Kind::kLocal},
             {"node", "duplicate id: dropped", "", "", DrawNode::Kind::kLocal},
             {"in_unknown", "unlisted cluster", "", "cx", DrawNode::Kind::kLocal}};
  g.edges = {{"node", "a b\"c", "", false, false},
             {"node", "missing", "dangling", false, false},
             {"bad\x01\xff%", "node", "", false, false}};
  const std::string dot = DotText(g);
  ParsedDot parsed = ParseDot(dot);
  INFO(dot);
  REQUIRE(parsed);
  CHECK(agnnodes(parsed.get()) == 4);
  CHECK(agnedges(parsed.get()) == 2);
  CHECK(NodeAttr(parsed.get(), "node", "label") == "a keyword as id");
  CHECK(NodeAttr(parsed.get(), "a b\"c", "label") == "spaces and a quote");
  CHECK(NodeAttr(parsed.get(), "bad%01%FF%25", "label") == "control, invalid and percent");
  Agraph_t* cx = agsubg(parsed.get(), const_cast<char*>("cluster_cx"), 0);
  REQUIRE(cx != nullptr);
  CHECK(agnnodes(cx) == 1);
  RenderParsedSvg(g);
}

TEST_CASE("RenderDot of an empty graph", "[graph_render]") {
  const std::string dot = DotText(DrawGraph{});
  ParsedDot parsed = ParseDot(dot);
  INFO(dot);
  REQUIRE(parsed);
  CHECK(agnnodes(parsed.get()) == 0);
  CHECK(agnedges(parsed.get()) == 0);
}

// ---------------------------------------------------------------------------------------------
// SVG.

TEST_CASE("RenderSvg gives well-formed SVG with every label as text", "[graph_render]") {
  const DrawGraph g = Sample();
  std::string text;
  const Svg svg = RenderParsedSvg(g, &text);
  CHECK(text.find("<svg") != std::string::npos);
  CHECK(svg.Count("cluster") == g.clusters.size());

  for (const DrawNode& n : g.nodes) {
    const SvgGroup* group = svg.Find("node", n.id);
    INFO(n.id);
    REQUIRE(group != nullptr);
    CHECK(group->texts == Lines(n.label));
    if (!n.tooltip.empty()) CHECK(group->tooltip == n.tooltip);
  }
  const SvgGroup* f1 = svg.Find("cluster", "cluster_f1");
  REQUIRE(f1 != nullptr);
  CHECK(f1->texts == std::vector<std::string>{"example.com/escdemo.oneLevel"});
  const SvgGroup* graph = svg.Find("graph", "escviz");
  REQUIRE(graph != nullptr);
  CHECK(graph->texts == std::vector<std::string>{g.title});
  const SvgGroup* footnote = svg.Find("node", "footnote");
  REQUIRE(footnote != nullptr);
  CHECK(footnote->texts == std::vector<std::string>{g.footnote});
  // Edge labels: on the edge within a cluster, on a label node between clusters.
  const SvgGroup* assign = svg.Find("edge", "n1->n2");
  REQUIRE(assign != nullptr);
  CHECK(assign->texts == Lines("assign\n./main.go:13:4"));
  for (const DrawEdge& e : g.edges) {
    INFO(e.label);
    if (!e.label.empty()) CHECK(svg.HasTextGroup(Lines(e.label)));
  }

  // The tricky label, XML-escaped, as Graphviz writes it (with `-` as `&#45;`).
  CHECK(
      text.find("&quot;hi&quot; \\n \\l \\N &lt;b&gt;&amp;amp;&lt;/b&gt; {a|b} &amp; x\\&quot;") !=
      std::string::npos);
  CHECK(text.find(">{storage for &amp;T{...}}</text>") != std::string::npos);
}

TEST_CASE("RenderSvg shows escapes, entities and markup from the log as text", "[graph_render]") {
  const std::vector<std::string> labels = {
      R"("quoted")",
      R"(back\slash)",
      R"(literal \n and \l and \r)",
      R"(\N \G \E \T \H \L)",
      R"(<b>bold</b> <TABLE>)",
      R"(&amp; &lt; &#45; &#x41; & alone)",
      R"({record|syntax} <port>)",
      "real\nnewline",
      "crlf\r\nline",
      R"(trailing\)",
      R"(\\double)",
      "tab\there",
  };
  const std::vector<std::vector<std::string>> expected = {
      {R"("quoted")"},
      {R"(back\slash)"},
      {R"(literal \n and \l and \r)"},
      {R"(\N \G \E \T \H \L)"},
      {R"(<b>bold</b> <TABLE>)"},
      {R"(&amp; &lt; &#45; &#x41; & alone)"},
      {R"({record|syntax} <port>)"},
      {"real", "newline"},
      {"crlf", "line"},
      {R"(trailing\)"},
      {R"(\\double)"},
      {"tab here"},
  };
  DrawGraph g;
  for (size_t i = 0; i < labels.size(); ++i) {
    g.nodes.push_back({"n" + std::to_string(i), labels[i], labels[i], "", DrawNode::Kind::kLocal});
  }
  g.edges.push_back({"n0", "n1", labels[5], false, false});

  const std::string dot = DotText(g);
  REQUIRE(ParseDot(dot));
  const Svg svg = RenderParsedSvg(g);
  for (size_t i = 0; i < labels.size(); ++i) {
    const SvgGroup* group = svg.Find("node", "n" + std::to_string(i));
    INFO(labels[i]);
    REQUIRE(group != nullptr);
    CHECK(group->texts == expected[i]);
    // Tooltips too (newlines kept as newlines, tabs as spaces).
    std::string tooltip;
    for (const std::string& line : expected[i]) tooltip += (tooltip.empty() ? "" : "\n") + line;
    CHECK(group->tooltip == tooltip);
  }
  CHECK(svg.HasTextGroup(expected[5]));  // the edge's label
}

TEST_CASE("RenderSvg replaces invalid UTF-8 and control characters", "[graph_render]") {
  DrawGraph g;
  g.title = "title \xC3";
  g.clusters = {{"c", "cluster \xFF"}};
  g.nodes = {
      {"n0", "bad \xFF\xFE byte \xC3(", "tip \xE2\x82", "c", DrawNode::Kind::kLocal},
      {"n1", "nul \x00 esc \x1B del \x7F", "", "", DrawNode::Kind::kLocal},
      {"n2", "ok \xE2\x86\x90 \xF0\x9F\x90\xB9 \xEF\xBF\xBF", "", "", DrawNode::Kind::kLocal},
      {"n3", "c1 \xC2\x9B rlo \xE2\x80\xAE lri \xE2\x81\xA6 \\u202e", "tip \xE2\x80\xAE", "",
       DrawNode::Kind::kLocal}};
  g.nodes[1].label = std::string("nul \0 esc \x1B del \x7F", 17);
  g.edges = {{"n0", "n1", "edge \xC0\x80 overlong", false, false}};
  REQUIRE(ParseDot(DotText(g)));
  const Svg svg = RenderParsedSvg(g);
  const std::string fffd = "\xEF\xBF\xBD";
  REQUIRE(svg.Find("node", "n0") != nullptr);
  REQUIRE(svg.Find("node", "n1") != nullptr);
  REQUIRE(svg.Find("node", "n2") != nullptr);
  REQUIRE(svg.Find("graph", "escviz") != nullptr);
  REQUIRE(svg.Find("cluster", "cluster_c") != nullptr);
  CHECK(svg.Find("node", "n0")->texts ==
        std::vector<std::string>{"bad " + fffd + fffd + " byte " + fffd + "("});
  CHECK(svg.Find("node", "n0")->tooltip == "tip " + fffd + fffd);
  // U+2400 SYMBOL FOR NULL, U+241B SYMBOL FOR ESCAPE, U+2421 SYMBOL FOR DELETE.
  CHECK(svg.Find("node", "n1")->texts ==
        std::vector<std::string>{"nul \xE2\x90\x80 esc \xE2\x90\x9B del \xE2\x90\xA1"});
  CHECK(svg.Find("node", "n2")->texts ==
        std::vector<std::string>{"ok \xE2\x86\x90 \xF0\x9F\x90\xB9 " + fffd});
  // C1 and bidirectional controls (which would reorder the text shown) as visible escapes; a
  // `\u202e` typed in the log looks the same, as in the terminal outputs.
  REQUIRE(svg.Find("node", "n3") != nullptr);
  CHECK(svg.Find("node", "n3")->texts ==
        std::vector<std::string>{"c1 \\u009b rlo \\u202e lri \\u2066 \\u202e"});
  CHECK(svg.Find("node", "n3")->tooltip == "tip \\u202e");
  CHECK(svg.HasTextGroup({"edge " + fffd + fffd + " overlong"}));
  CHECK(svg.Find("graph", "escviz")->texts == std::vector<std::string>{"title " + fffd});
  CHECK(svg.Find("cluster", "cluster_c")->texts == std::vector<std::string>{"cluster " + fffd});
}

TEST_CASE("RenderSvg keeps node ids out of the drawing's text", "[graph_render]") {
  DrawGraph g;
  g.nodes = {{"n12", "", "", "", DrawNode::Kind::kLocal},
             {"n13", "shown", "", "", DrawNode::Kind::kHeap}};
  const Svg svg = RenderParsedSvg(g);
  REQUIRE(svg.Find("node", "n12") != nullptr);
  CHECK(svg.Find("node", "n12")->texts.empty());
  CHECK(svg.Find("node", "n13")->texts == std::vector<std::string>{"shown"});
}

TEST_CASE("RenderSvg of an empty graph", "[graph_render]") {
  std::string text;
  const Svg svg = RenderParsedSvg(DrawGraph{}, &text);
  CHECK(text.find("<svg") != std::string::npos);
  CHECK(svg.Count("node") == 0);
}

TEST_CASE("RenderSvg is deterministic", "[graph_render]") {
  std::string a, b, err;
  REQUIRE(SvgText(Sample(), &a, &err));
  REQUIRE(SvgText(Sample(), &b, &err));
  CHECK(a == b);
}

TEST_CASE("RenderSvg survives labelled edges between clusters", "[graph_render]") {
  // Random graphs like these made Graphviz 2.42's dot corrupt its heap (flat labelled edges
  // between clusters) before such labels went through label nodes.
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    DrawGraph g;
    for (int c = 0; c < 5; ++c)
      g.clusters.push_back({"f" + std::to_string(c), "F" + std::to_string(c)});
    for (int i = 0; i < 30; ++i) {
      const unsigned r = random() % 6;  // 5: top level
      g.nodes.push_back({"n" + std::to_string(i), "v" + std::to_string(i), "",
                         r == 5 ? "" : "f" + std::to_string(r), DrawNode::Kind::kLocal});
    }
    for (int k = 0; k < 40; ++k) {
      g.edges.push_back({"n" + std::to_string(random() % 30), "n" + std::to_string(random() % 30),
                         "reason " + std::to_string(k) + "\n./x.go:" + std::to_string(k) + ":1",
                         k % 3 == 0, k % 7 == 0});
    }
    INFO("round " << round);
    const Svg svg = RenderParsedSvg(g);
    for (const DrawEdge& e : g.edges) CHECK(svg.HasTextGroup(Lines(e.label)));
  }
}

/// 500 nodes in 10 functions of 50 (each a tree of flows towards its first node), 600 edges.
DrawGraph LargeGraph() {
  DrawGraph g;
  g.title = "large";
  for (int c = 0; c < 10; ++c) {
    g.clusters.push_back({"f" + std::to_string(c), "example.com/big.F" + std::to_string(c)});
  }
  g.nodes.push_back({"n0", "{heap}", "", "", DrawNode::Kind::kHeap});
  for (int i = 1; i < 500; ++i) {
    const int local = (i - 1) % 50;
    const auto kind = local == 0       ? DrawNode::Kind::kParam
                      : local == 1     ? DrawNode::Kind::kResult
                      : local % 7 == 0 ? DrawNode::Kind::kStorage
                                       : DrawNode::Kind::kLocal;
    g.nodes.push_back({"n" + std::to_string(i), "v" + std::to_string(i) + " <&>",
                       "./big.go:" + std::to_string(i) + ":2", "f" + std::to_string((i - 1) / 50),
                       kind});
  }
  auto id = [](int cluster, int local) { return "n" + std::to_string(1 + cluster * 50 + local); };
  for (int c = 0; c < 10; ++c) {
    for (int local = 1; local < 50 && 1 + c * 50 + local < 500; ++local) {
      g.edges.push_back({id(c, local), id(c, (local - 1) / 2),
                         "assign\n./big.go:" + std::to_string(local) + ":1", false,
                         local % 13 == 0});
    }
  }
  for (int k = 0; g.edges.size() < 550; ++k) {  // calls: into the next function's parameter
    g.edges.push_back({id(k % 9, 2 + (k * 7) % 47), id(k % 9 + 1, 0),
                       "call parameter\n./big.go:" + std::to_string(k) + ":7", true, false});
  }
  for (int k = 0; g.edges.size() < 600; ++k) {  // to the heap
    g.edges.push_back({id(k % 10, 7 * (1 + k % 6)), "n0", "too large for stack", false, false});
  }
  return g;
}

TEST_CASE("RenderDot and RenderSvg draw 500 nodes and 600 edges", "[graph_render]") {
  const DrawGraph g = LargeGraph();
  REQUIRE(g.nodes.size() == 500);
  REQUIRE(g.edges.size() == 600);
  const std::string dot = DotText(g);
  ParsedDot parsed = ParseDot(dot);
  REQUIRE(parsed);
  CHECK(agnnodes(parsed.get()) == 500);
  CHECK(agnedges(parsed.get()) == 600);
  CHECK(CountOf(dot, "subgraph cluster_") == 10);

  const Svg svg = RenderParsedSvg(g);
  CHECK(svg.Count("cluster") == 10);
  for (const DrawNode& n : g.nodes) {
    const SvgGroup* group = svg.Find("node", n.id);
    REQUIRE(group != nullptr);
    CHECK(group->texts == Lines(n.label));
  }
}

}  // namespace
}  // namespace escviz
