#pragma once
/// Which graphs the report draws eagerly, and drawing them (SVG through graph_render). Graphviz
/// layouts cost milliseconds to seconds each, so the report draws the functions with the most
/// heap allocations first, up to `max_graphs` (and, if `max_chains` is set, only those with at
/// most that many chains), each picture keeping the `max_nodes` locations on the most chains;
/// every other function page shows its chains as text and says how to draw them.

#include <string>
#include <vector>

#include "render/report_context.h"

namespace escviz {

struct GraphBudget {
  size_t max_graphs = 300;
  size_t max_chains = 0;  ///< 0: no limit (max_nodes keeps each picture small)
  size_t max_nodes = 50;  ///< per picture (graph_draw's limit)
};

/// The functions to draw, in rank order.
std::vector<uint32_t> ChooseGraphs(const ReportContext& c, const GraphBudget& b);

/// The SVG of function `f`'s chains; on a Graphviz failure, a small SVG that says so.
std::string FunctionSvg(const ReportContext& c, uint32_t f, const GraphBudget& b);

/// The SVG of up to 3 chains of each of the top 5 causes (as `escviz graph --top 5`), or empty
/// when there is nothing to draw.
std::string TopCausesSvg(const ReportContext& c, const GraphBudget& b);

}  // namespace escviz
