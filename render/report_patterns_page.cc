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

/// Sites listed on a pattern's page: past them, a count (the page stays a few megabytes for the
/// standard library; `escviz sites --pattern ID` lists all).
constexpr size_t kPatternSitesEach = 3000;

/// The table's words without the backticks it quotes code with (`go`, `make`).
std::string Unquoted(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch != '`') out += ch;
  }
  return out;
}

}  // namespace report_patterns

std::string PatternPage(Pattern p) { return "t/" + std::string(PatternId(p)) + ".html"; }

std::vector<uint32_t> PatternSites(const ReportContext& c, Pattern p) {
  std::vector<uint32_t> sites;
  for (uint32_t v = 0; v < c.m.verdicts.size() && v < c.patterns.size(); ++v) {
    if (IsHeap(c.m.verdicts[v].kind) && c.m.SiteFirst(v) && c.patterns[v].pattern == p) {
      sites.push_back(v);
    }
  }
  return sites;
}

void RenderPatternsPage(const ReportContext& c, std::ostream* out) {
  using report_patterns::Unquoted;
  PageStart(out, "patterns", 0);
  *out << "<h1>Allocation patterns</h1>\n<p class=\"sub\">Each heap allocation is given the "
          "pattern its chain shows (where the value finally reaches the heap, and how), with "
          "what to do about it; a second tag names the next pattern that applies. Each pattern "
          "has a page of its sites; <code>escviz sites --pattern ID</code> lists them too.</p>\n";
  *out << "<table class=\"data\"><thead><tr><th>pattern</th><th class=\"num\">heap</th>"
          "<th class=\"num\">share</th><th>what happened</th><th>what to do</th></tr></thead>"
          "<tbody>\n";
  for (const PatternRow& row : c.s.patterns) {
    Pattern p;
    if (!PatternOfId(row.id, &p)) continue;
    const bool apart = p == Pattern::kNoAllocation;
    *out << fmt::format(
        "<tr id=\"{}\"><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td>{}</td><td class=\"remedy\">{}</td></tr>\n",
        row.id, PatternPage(p), row.id, row.heap,
        apart || c.s.heap == 0 ? std::string("not counted")
                               : fmt::format("{:.1f}%", 100.0 * static_cast<double>(row.heap) /
                                                            static_cast<double>(c.s.heap)),
        HtmlEscape(Unquoted(InfoOf(p).what)), HtmlEscape(InfoOf(p).remedy));
  }
  *out << "</tbody></table>\n";
  PageEnd(out, c, 0);
}

void RenderPatternPage(const ReportContext& c, Pattern p, const std::vector<uint32_t>& sites,
                       std::ostream* out) {
  using report_patterns::Unquoted;
  const PatternInfo& info = InfoOf(p);
  PageStart(out, std::string(info.id), 1);
  *out << "<h1>" << info.id << " <span class=\"muted\">(" << sites.size() << " site"
       << (sites.size() == 1 ? "" : "s") << ")</span></h1>\n<p class=\"sub\">"
       << HtmlEscape(Unquoted(info.what))
       << ". <a href=\"../patterns.html\">All patterns</a>.</p>\n"
       << "<p class=\"remedy\"><b>What to do:</b> " << HtmlEscape(info.remedy)
       << "</p>\n<ul class=\"sites\">\n";
  size_t shown = 0;
  for (uint32_t v : sites) {
    if (shown++ >= report_patterns::kPatternSitesEach) break;
    const Verdict& vd = c.m.verdicts[v];
    const AllocationPattern& ap = c.patterns[v];
    const std::string line = HtmlEscape(VerdictLine(c.m, vd));
    const std::string href = VerdictHref(c, v, 1);
    *out << "<li>"
         << (href.empty() ? "<code>" + line + "</code>"
                          : fmt::format("<a href=\"{}\"><code>{}</code></a>", href, line))
         << " in " << FunctionLink(c, vd.function, 1);
    const std::string label = PatternLabel(c.m, vd, ap);
    if (label != info.id) *out << " <span class=\"badge\">" << HtmlEscape(label) << "</span>";
    *out << "<br><span class=\"muted\">" << HtmlEscape(ap.final_step) << "</span>";
    if (!ap.inline_hint.empty()) {
      *out << "<br><span class=\"hint\">" << HtmlEscape(ap.inline_hint)
           << ": were it inlined, the value could stay in its caller's frame</span>";
    }
    *out << "</li>\n";
  }
  if (sites.size() > report_patterns::kPatternSitesEach) {
    *out << "<li class=\"muted\">and " << sites.size() - report_patterns::kPatternSitesEach
         << " more (<code>escviz sites --pattern " << info.id << "</code>)</li>\n";
  }
  *out << "</ul>\n";
  PageEnd(out, c, 1);
}

}  // namespace escviz
