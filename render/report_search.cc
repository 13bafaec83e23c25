#include "render/report_search.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/escape.h"
#include "render/explain_render.h"
#include "render/json_writer.h"
#include "render/report_function_page.h"
#include "render/report_html.h"

namespace escviz {

namespace {
constexpr size_t kMaxSearchText = 1024;
}  // namespace

void RenderSearchData(const ReportContext& c, std::ostream* out) {
  JsonWriter w(out, /*for_html_script=*/true);
  w.Raw("window.ESCVIZ_SEARCH = [");
  bool first = true;
  auto add = [&](const char* kind, std::string_view text, std::string link) {
    if (!first) w.Raw(",");
    first = false;
    // A name to search for: its start is enough (a 15 MB identifier would be 15 MB here).
    w.Value(nlohmann::ordered_json::array(
        {kind, TerminalSafe(CutLongText(text, kMaxSearchText)), std::move(link)}));
  };
  for (uint32_t f : c.r.ranked_functions) {
    add("f", c.m.PackageName(c.m.functions[f].package) + "." + std::string(c.m.FunctionName(f)),
        FunctionPage(f));
  }
  for (uint32_t p = 0; p < c.m.packages.size(); ++p) {
    if (HasPackagePage(c, p)) add("p", c.m.PackageName(p), PackagePage(p));
  }
  for (uint32_t slot = 0; slot < c.r.files.size(); ++slot) {
    StrId file = c.r.files[slot].first;
    auto it = c.source_page.find(file);
    if (it != c.source_page.end()) {
      add("l", c.m.str(file), SourcePage(slot));
      continue;
    }
    for (uint32_t v : c.r.files[slot].second) {
      std::string href = IsHeap(c.m.verdicts[v].kind) ? VerdictHref(c, v, 0) : "";
      if (href.empty()) continue;
      add("l", c.m.str(file), href);
      break;
    }
  }
  for (size_t i = 0; i < c.a.causes.size(); ++i) {
    add("c", CauseLabel(c.m, c.a.causes[i]), fmt::format("causes.html#c{}", i));
  }
  for (uint32_t v = 0; v < c.m.verdicts.size(); ++v) {
    if (!IsHeap(c.m.verdicts[v].kind)) continue;
    std::string href = VerdictHref(c, v, 0);
    if (!href.empty()) add("s", VerdictLine(c.m, c.m.verdicts[v]), href);
  }
  w.Raw("];\n");
}

}  // namespace escviz
