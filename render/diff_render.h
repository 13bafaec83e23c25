#pragma once
/// `escviz diff` in text, JSON (schema escviz.diff.v1, SPEC 4.2) and Markdown (a PR comment).

#include <ostream>

#include "render/summary_render.h"
#include "src/chains.h"
#include "src/diff.h"

namespace escviz {

/// The two sides a diff was computed from, for positions and chains of its entries.
struct DiffSides {
  const Model& base;
  const Analysis& base_analysis;
  const Model& head;
  const Analysis& head_analysis;
};

struct DiffRenderOptions {
  OutputFormat format = OutputFormat::kText;
  size_t chain_steps = 3;  ///< steps of each chain shown in Markdown and JSON
  size_t fold_after = 10;  ///< Markdown lists longer than this fold into `<details>`
};

void RenderDiff(const DiffResult& d, const DiffSides& sides, const DiffRenderOptions& opt,
                std::ostream* out);

}  // namespace escviz
