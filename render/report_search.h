#pragma once
/// search.js: the data of the front page's search box, as `window.ESCVIZ_SEARCH = [...]`, one
/// `[kind, text, link]` per heap allocation site (`s`), function (`f`), package (`p`), file
/// (`l`) and cause (`c`). Loaded by a <script src> so that it works from file://. Text is
/// TerminalSafe and the JSON goes through JsonWriter(out, /*for_html_script=*/true).

#include <ostream>

#include "render/report_context.h"

namespace escviz {

/// Writes search.js, one item at a time.
void RenderSearchData(const ReportContext& c, std::ostream* out);

}  // namespace escviz
