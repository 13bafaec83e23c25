#pragma once
/// The report's front page (index.html): what it was made from, totals, pictures (heap
/// allocations per package, top causes, choke points), sortable and filterable tables of
/// packages, files and functions, and the search box over search.js.

#include <ostream>
#include <string>

#include "render/report_context.h"

namespace escviz {

/// Rows of the files and functions tables on the front page; the rest are on files.html and
/// functions.html.
constexpr size_t kIndexTableRows = 150;

void RenderIndexPage(const ReportContext& c, std::ostream* out);

/// "Go 1.19 (from the paths in the log)" when the file paths name a Go release
/// (`/usr/lib/go-1.19/src/...`), "Go 1.26 or later (...)" when the log uses 1.26 forms, else
/// empty.
std::string GoVersionHint(const Model& m);

}  // namespace escviz
