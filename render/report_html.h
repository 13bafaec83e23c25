#pragma once
/// The pieces every report page is made of: the page frame (head, navigation, footer), links
/// to functions, packages and source lines, and a verdict with its chain. All log text goes
/// through HtmlEscape (render/escape.h); link targets are built from ids only.

#include <ostream>
#include <string>
#include <string_view>

#include "render/report_context.h"

namespace escviz {

/// Writes the page start. `depth` is 0 for pages in the root folder, 1 for `f/`, `p/`, `s/`.
void PageStart(std::ostream* out, std::string_view title, int depth);
/// Writes the footer and closes the page.
void PageEnd(std::ostream* out, const ReportContext& c, int depth);

/// `../` repeated `depth` times.
std::string Up(int depth);

/// An escaped link to function `f`'s page (or plain escaped text when it has none).
std::string FunctionLink(const ReportContext& c, uint32_t f, int depth);
/// A link to the package page.
std::string PackageLink(const ReportContext& c, uint32_t p, int depth);
/// The position, linked to its line in the source view when there is one.
std::string PositionLink(const ReportContext& c, const Position& pos, int depth);
/// The link to verdict `v`'s chain (its function's page, anchor `v<id>`), or empty if none.
std::string VerdictHref(const ReportContext& c, uint32_t v, int depth);
/// A badge naming the verdict kind.
std::string KindBadge(VerdictKind k);
/// KindBadge of the verdict, followed for a heap verdict that allocates nothing by a badge
/// saying so and why ("escapes, no allocation: constant").
std::string VerdictBadges(const Model& m, uint32_t verdict);
/// The same, and for a heap verdict its pattern (src/patterns.h), linked to patterns.html
/// (`depth` as PageStart's), with the remedy as its title.
std::string VerdictBadges(const ReportContext& c, uint32_t verdict, int depth);

/// A verdict with its chain: the text of `escviz explain` for it, the functions the chain
/// continues into (linked), and its cause (linked to the causes page).
void RenderVerdictBlock(const ReportContext& c, uint32_t v, int depth, std::ostream* out);

}  // namespace escviz
