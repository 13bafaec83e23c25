#pragma once
/// The annotated source view of one file (s/N.html): the source with line numbers, each line's
/// verdicts beside it, heap allocations marked and linked to their chains. The report writer
/// gets the text through SourceFiles (confined to --source-root); render/ reads no files.

#include <ostream>
#include <string_view>

#include "render/report_context.h"

namespace escviz {

/// `slot` indexes c.r.files; `shown_path` is the path the text was read from, for the header.
void RenderSourcePage(const ReportContext& c, uint32_t slot, std::string_view shown_path,
                      std::string_view text, std::ostream* out);

}  // namespace escviz
