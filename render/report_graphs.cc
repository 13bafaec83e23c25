#include "render/report_graphs.h"

#include <sstream>

#include "render/escape.h"
#include "render/graph_draw.h"
#include "render/graph_render.h"
#include "src/escape_graph.h"
#include "src/graph_select.h"

namespace escviz {
namespace {

/// Every chain of the verdicts of function `f` (each explanation block's).
std::vector<uint32_t> FunctionChains(const ReportContext& c, uint32_t f) {
  std::vector<uint32_t> chains;
  for (uint32_t v : c.r.verdicts_of_function[f]) {
    const auto [first, last] = ChainsOf(c.a, v);
    for (uint32_t ci = first; ci < last; ++ci) {
      if (!c.a.chains[ci].hops.empty()) chains.push_back(ci);
    }
  }
  return chains;
}

std::string Draw(const ReportContext& c, const std::vector<uint32_t>& chains,
                 const std::string& title, size_t max_nodes) {
  DrawOptions opt;
  opt.title = title;
  opt.max_nodes = max_nodes;
  DrawGraph picture = ToDrawGraph(EscapeGraph(c.m, c.a, chains), opt);
  std::ostringstream svg;
  std::string err;
  if (RenderSvg(picture, &svg, &err)) return std::move(svg).str();
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"420\" height=\"30\"><text x=\"4\" "
         "y=\"20\">graph could not be drawn: " +
         HtmlEscape(GraphvizText(err)) + "</text></svg>\n";
}

}  // namespace

std::vector<uint32_t> ChooseGraphs(const ReportContext& c, const GraphBudget& b) {
  std::vector<uint32_t> out;
  for (uint32_t f : c.r.ranked_functions) {
    if (out.size() >= b.max_graphs) break;
    size_t n = FunctionChains(c, f).size();
    if (n > 0 && (b.max_chains == 0 || n <= b.max_chains)) out.push_back(f);
  }
  return out;
}

std::string FunctionSvg(const ReportContext& c, uint32_t f, const GraphBudget& b) {
  std::string title = "escape chains in " + c.m.PackageName(c.m.functions[f].package) + "." +
                      std::string(c.m.FunctionName(f));
  return Draw(c, FunctionChains(c, f), title, b.max_nodes);
}

std::string TopCausesSvg(const ReportContext& c, const GraphBudget& b) {
  GraphSelection sel;
  sel.top = 5;
  std::string title;
  std::vector<uint32_t> chains = SelectChains(c.m, c.a, sel, &title);
  if (chains.empty()) return "";
  return Draw(c, chains, title, 60);
}

}  // namespace escviz
