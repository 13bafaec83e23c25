#include "render/report_causes_page.h"

#include <fmt/format.h>

#include "render/escape.h"
#include "render/explain_render.h"
#include "render/report_html.h"

namespace escviz {
namespace {

/// Sites listed under each cause or choke point, and in all on one page: past the total, the
/// remaining entries are one row each, so the page stays a few megabytes at standard-library
/// scale.
constexpr size_t kSitesEach = 40;
constexpr size_t kSitesTotal = 6000;
constexpr size_t kMaxChokePoints = 2000;

void SiteList(const ReportContext& c, const std::vector<uint32_t>& chains, std::ostream* out) {
  *out << "<ul>\n";
  for (size_t i = 0; i < chains.size() && i < kSitesEach; ++i) {
    uint32_t v = c.a.chains[chains[i]].verdict;
    const Verdict& vd = c.m.verdicts[v];
    std::string line = HtmlEscape(VerdictLine(c.m, vd));
    std::string href = VerdictHref(c, v, 0);
    *out << "<li>"
         << (href.empty() ? "<code>" + line + "</code>"
                          : fmt::format("<a href=\"{}\"><code>{}</code></a>", href, line))
         << " in " << FunctionLink(c, vd.function, 0) << "</li>\n";
  }
  if (chains.size() > kSitesEach) {
    *out << "<li class=\"muted\">and " << chains.size() - kSitesEach << " more</li>\n";
  }
  *out << "</ul>\n";
}

}  // namespace

void RenderCausesPage(const ReportContext& c, std::ostream* out) {
  PageStart(out, "causes", 0);
  *out << "<h1>Causes</h1>\n<p class=\"sub\">A cause is the step that finally reaches the heap "
          "(a callee, an interface conversion, a size unknown at compile time...). Calls into "
          "code whose explanation is not in the log are grouped by callee. "
       << c.a.causes.size() << " causes, most heap allocations first.</p>\n";
  size_t listed = 0;
  for (size_t i = 0; i < c.a.causes.size(); ++i) {
    const Cause& cause = c.a.causes[i];
    const std::vector<uint32_t>& chains = cause.chains;
    const std::string label = HtmlEscape(CauseLabel(c.m, cause));
    if (listed < kSitesTotal) {
      *out << "<section id=\"c" << i << "\"><h3>" << i + 1 << ". " << label
           << "</h3>\n<p class=\"sub\"><b>" << cause.heap << "</b> heap allocation"
           << (cause.heap == 1 ? "" : "s");
      if (cause.site != kNone) {
        *out << "; final step at <code>" << HtmlEscape(c.m.FormatPos(c.m.notes[cause.site].pos))
             << "</code>";
      }
      *out << "</p>\n";
      SiteList(c, chains, out);
      *out << "</section>\n";
      listed += std::min(chains.size(), kSitesEach);
      continue;
    }
    if (listed++ == kSitesTotal) *out << "<h2>More causes</h2>\n";
    *out << "<p id=\"c" << i << "\">" << i + 1 << ". " << label << " (" << cause.heap
         << "), e.g. <code>" << HtmlEscape(c.m.FormatPos(c.m.verdicts[cause.example].pos))
         << "</code></p>\n";
  }
  PageEnd(out, c, 0);
}

void RenderChokePointsPage(const ReportContext& c, std::ostream* out) {
  PageStart(out, "choke points", 0);
  *out << "<h1>Choke points</h1>\n<p class=\"sub\">Locations (qualified by package and function) "
          "on the most heap chains: keeping one of them off the heap removes every chain "
          "through it. "
       << c.a.choke_points.size() << " locations";
  if (c.a.choke_points.size() > kMaxChokePoints)
    *out << ", the first " << kMaxChokePoints << " shown";
  *out << ".</p>\n";
  size_t listed = 0;
  for (size_t i = 0; i < c.a.choke_points.size() && i < kMaxChokePoints; ++i) {
    const ChokePoint& p = c.a.choke_points[i];
    const std::vector<uint32_t>& chains = p.heap_chains;
    const std::string label = HtmlEscape(ChokePointLabel(c.m, p));
    if (listed < kSitesTotal) {
      *out << "<section id=\"k" << i << "\"><h3>" << i + 1 << ". <code>" << label
           << "</code></h3>\n<p class=\"sub\">on <b>" << p.chains << "</b> heap chain"
           << (p.chains == 1 ? "" : "s") << "</p>\n";
      SiteList(c, chains, out);
      *out << "</section>\n";
      listed += std::min(chains.size(), kSitesEach);
      continue;
    }
    if (listed++ == kSitesTotal) *out << "<h2>More choke points</h2>\n";
    *out << "<p id=\"k" << i << "\">" << i + 1 << ". <code>" << label << "</code> (" << p.chains
         << "), e.g. <code>" << HtmlEscape(c.m.FormatPos(c.m.verdicts[p.example].pos))
         << "</code></p>\n";
  }
  PageEnd(out, c, 0);
}

}  // namespace escviz
