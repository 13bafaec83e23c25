#pragma once
/// search.js: the data of the front page's search box, as `window.ESCVIZ_SEARCH = [...]`, one
/// `[kind, text, link]` per heap allocation site (`s`), function (`f`), package (`p`), file
/// (`l`) and cause (`c`). Loaded by a <script src> so that it works from file://. Text is
/// TerminalSafe and the JSON goes through JsonTextSafe(text, true).

#include <string>

#include "render/report_context.h"

namespace escviz {

std::string RenderSearchData(const ReportContext& c);

}  // namespace escviz
