#pragma once
/// causes.html (each cause, anchor `c<i>`, with the sites it sends to the heap) and
/// chokepoints.html (each choke point, anchor `k<i>`, with the chains through it).

#include <ostream>

#include "render/report_context.h"

namespace escviz {

void RenderCausesPage(const ReportContext& c, std::ostream* out);
void RenderChokePointsPage(const ReportContext& c, std::ostream* out);

}  // namespace escviz
