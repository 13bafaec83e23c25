#pragma once
/// The report's page of allocation patterns (issue 22): per pattern what it means, what to do,
/// and its sites, each linked to its chain.

#include <iosfwd>
#include <string>
#include <vector>

#include "render/report_context.h"

namespace escviz {

/// patterns.html: the patterns with sites, most heap allocations first (the summary's order),
/// with what they mean and what to do, each linked to its page.
void RenderPatternsPage(const ReportContext& c, std::ostream* out);

/// A pattern's page (PatternPage): what to do, then its sites (`sites`, PatternSites), each
/// linked to its chain, with its final step and inline hint.
void RenderPatternPage(const ReportContext& c, Pattern p, const std::vector<uint32_t>& sites,
                       std::ostream* out);

/// `t/returned-address.html`: the page of pattern p, from the report's root (its id only).
std::string PatternPage(Pattern p);

/// The heap sites (Model::SiteFirst) of pattern p, in input order.
std::vector<uint32_t> PatternSites(const ReportContext& c, Pattern p);

}  // namespace escviz
