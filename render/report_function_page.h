#pragma once
/// The report's pages for one function (f/N.html) and one package (p/N.html).

#include <ostream>

#include "render/report_context.h"

namespace escviz {

/// True if package `p` gets a page: it has heap verdicts or functions with pages.
bool HasPackagePage(const ReportContext& c, uint32_t p);

/// Function `f`'s page: its graph (or how to draw it), each heap verdict with its chain, its
/// leaking parameters, and the callers' chains that continue into it (anchor `callers`).
void RenderFunctionPage(const ReportContext& c, uint32_t f, std::ostream* out);

/// Package `p`'s page: its functions by heap allocations, and the verdicts with no known
/// function, each with its chain.
void RenderPackagePage(const ReportContext& c, uint32_t p, std::ostream* out);

}  // namespace escviz
