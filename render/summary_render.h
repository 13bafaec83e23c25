#pragma once
/// `escviz summary` in text, JSON (schema escviz.summary.v1) and Markdown.

#include <ostream>

#include "src/summary.h"

namespace escviz {

enum class OutputFormat { kText, kJson, kMarkdown };

struct SummaryOptions {
  OutputFormat format = OutputFormat::kText;
  size_t top = 10;  ///< rows per ranking
};

void RenderSummary(const Summary& s, const SummaryOptions& opt, std::ostream* out);

}  // namespace escviz
