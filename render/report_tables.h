#pragma once
/// The sortable, filterable tables of the report (packages, files, functions) and the pages
/// that hold them whole (functions.html, files.html). Rows start ranked by heap allocations.

#include <ostream>

#include "render/report_context.h"

namespace escviz {

/// Packages with heap allocations; `limit` 0 means all. Tables are written for root pages.
void RenderPackageTable(const ReportContext& c, size_t limit, std::ostream* out);
/// Files with heap allocations, linked to their source view when there is one.
void RenderFileTable(const ReportContext& c, size_t limit, std::ostream* out);
/// Functions with a page.
void RenderFunctionTable(const ReportContext& c, size_t limit, std::ostream* out);

/// functions.html and files.html: the whole tables.
void RenderFunctionsPage(const ReportContext& c, std::ostream* out);
void RenderFilesPage(const ReportContext& c, std::ostream* out);

}  // namespace escviz
