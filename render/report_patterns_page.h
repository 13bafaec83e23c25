#pragma once
/// The report's page of allocation patterns (issue 22): per pattern what it means, what to do,
/// and its sites, each linked to its chain.

#include <iosfwd>

#include "render/report_context.h"

namespace escviz {

/// patterns.html: the patterns with sites, most heap allocations first (the summary's order),
/// each a section whose id is the pattern's id (`patterns.html#returned-address`).
void RenderPatternsPage(const ReportContext& c, std::ostream* out);

}  // namespace escviz
