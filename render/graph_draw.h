#pragma once
/// Turns an EscapeGraph into a picture description (DrawGraph) for graph_render: one cluster per
/// function, labels with positions and reasons, and a node limit that keeps the locations on the
/// most chains and says in the picture what it left out.

#include <string>

#include "render/graph_render.h"
#include "src/escape_graph.h"

namespace escviz {

struct DrawOptions {
  std::string title;
  size_t max_nodes = 60;  ///< `{heap}` counts; 0 means no limit
};

DrawGraph ToDrawGraph(const EscapeGraph& g, const DrawOptions& opt);

}  // namespace escviz
