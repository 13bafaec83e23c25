#include "render/report_patterns_page.h"

#include <fmt/format.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "render/escape.h"
#include "render/explain_render.h"
#include "render/report_html.h"

namespace escviz {
namespace report_patterns {  // named, not anonymous: a unity build joins this file with others

/// Sites listed per pattern, and in all: the page stays a few megabytes for the standard library.
constexpr size_t kPatternSitesEach = 200;
constexpr size_t kPatternSitesTotal = 6000;

/// The table's words without the backticks it quotes code with (`go`, `make`).
std::string Unquoted(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch != '`') out += ch;
  }
  return out;
}

}  // namespace report_patterns

void RenderPatternsPage(const ReportContext& c, std::ostream* out) {
  using report_patterns::Unquoted;
  // The sites of each pattern, in input order: one per source site, those that allocate
  // nothing under no-allocation.
  std::array<std::vector<uint32_t>, kPatternCount> sites;
  for (uint32_t v = 0; v < c.m.verdicts.size() && v < c.patterns.size(); ++v) {
    if (!IsHeap(c.m.verdicts[v].kind) || !c.m.SiteFirst(v)) continue;
    sites[static_cast<int>(c.patterns[v].pattern)].push_back(v);
  }
  PageStart(out, "patterns", 0);
  *out << "<h1>Allocation patterns</h1>\n<p class=\"sub\">Each heap allocation is given the "
          "pattern its chain shows (where the value finally reaches the heap, and how), with "
          "what to do about it; a second tag names the next pattern that applies. "
          "<code>escviz sites --pattern ID</code> lists them too.</p>\n";
  *out << "<table class=\"data\"><thead><tr><th>pattern</th><th class=\"num\">heap</th>"
          "<th class=\"num\">share</th><th>what happened</th></tr></thead><tbody>\n";
  for (const PatternRow& row : c.s.patterns) {
    Pattern p;
    if (!PatternOfId(row.id, &p)) continue;
    const bool apart = p == Pattern::kNoAllocation;
    *out << fmt::format(
        "<tr><td><a href=\"#{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td>{}</td></tr>\n",
        row.id, row.id, row.heap,
        apart || c.s.heap == 0 ? std::string("not counted")
                               : fmt::format("{:.1f}%", 100.0 * static_cast<double>(row.heap) /
                                                            static_cast<double>(c.s.heap)),
        HtmlEscape(Unquoted(InfoOf(p).what)));
  }
  *out << "</tbody></table>\n";
  size_t listed = 0;
  for (const PatternRow& row : c.s.patterns) {
    Pattern p;
    if (!PatternOfId(row.id, &p)) continue;
    const PatternInfo& info = InfoOf(p);
    const std::vector<uint32_t>& list = sites[static_cast<int>(p)];
    *out << "<section id=\"" << info.id << "\"><h2>" << info.id << " <span class=\"muted\">("
         << list.size() << " site" << (list.size() == 1 ? "" : "s") << ")</span></h2>\n"
         << "<p>" << HtmlEscape(Unquoted(info.what))
         << ".</p>\n<p class=\"remedy\"><b>What to do:</b> " << HtmlEscape(info.remedy)
         << "</p>\n<ul class=\"sites\">\n";
    size_t shown = 0;
    for (uint32_t v : list) {
      if (shown >= report_patterns::kPatternSitesEach ||
          listed >= report_patterns::kPatternSitesTotal)
        break;
      ++shown;
      ++listed;
      const Verdict& vd = c.m.verdicts[v];
      const AllocationPattern& ap = c.patterns[v];
      const std::string line = HtmlEscape(VerdictLine(c.m, vd));
      const std::string href = VerdictHref(c, v, 0);
      *out << "<li>"
           << (href.empty() ? "<code>" + line + "</code>"
                            : fmt::format("<a href=\"{}\"><code>{}</code></a>", href, line))
           << " in " << FunctionLink(c, vd.function, 0);
      const std::string label = PatternLabel(c.m, vd, ap);
      if (label != info.id) *out << " <span class=\"badge\">" << HtmlEscape(label) << "</span>";
      *out << "<br><span class=\"muted\">" << HtmlEscape(ap.final_step) << "</span>";
      if (!ap.inline_hint.empty()) {
        *out << "<br><span class=\"hint\">" << HtmlEscape(ap.inline_hint)
             << ": were it inlined, the value could stay in its caller's frame</span>";
      }
      *out << "</li>\n";
    }
    if (shown < list.size()) {
      *out << "<li class=\"muted\">and " << list.size() - shown
           << " more (<code>escviz sites --pattern " << info.id << "</code>)</li>\n";
    }
    *out << "</ul></section>\n";
  }
  PageEnd(out, c, 0);
}

}  // namespace escviz
