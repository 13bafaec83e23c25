#include "render/report_index_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "render/escape.h"
#include "render/report_function_page.h"
#include "render/report_html.h"
#include "render/report_tables.h"

namespace escviz {
namespace {

constexpr size_t kBars = 15;

std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? "0" : fmt::format("{:.1f}", 100.0 * static_cast<double>(part) / whole);
}

void Card(std::ostream* out, uint64_t n, std::string_view label, bool heap = false) {
  *out << "<div class=\"card" << (heap ? " heap" : "") << "\"><div class=\"n\">" << n
       << "</div><div class=\"l\">" << label << "</div></div>\n";
}

void RenderAbout(const ReportContext& c, std::ostream* out) {
  const Summary& s = c.s;
  *out << "<h2>Made from</h2>\n<table class=\"data\"><tbody>\n<tr><th>input"
       << (s.inputs.size() == 1 ? "" : "s") << "</th><td>";
  for (size_t i = 0; i < s.inputs.size(); ++i) {
    *out << (i ? "<br>" : "") << "<code>" << HtmlEscape(s.inputs[i]) << "</code>";
  }
  std::string go = GoVersionHint(c.m);
  *out << "</td></tr>\n<tr><th>Go version</th><td>"
       << (go.empty() ? "not shown in the log" : HtmlEscape(go)) << "</td></tr>\n"
       << "<tr><th>lines</th><td>" << s.total_lines << " (" << s.explanations
       << " explanation blocks, " << s.packages_seen << " package headers)</td></tr>\n"
       << "<tr><th>unrecognized lines</th><td>" << s.unrecognized;
  for (const Unrecognized& u : c.m.unrecognized_samples) {
    *out << "<br><span class=\"mono\">" << HtmlEscape(c.m.inputs[u.src.input]) << ":" << u.src.line
         << ": " << HtmlEscape(u.text) << "</span>";
  }
  *out << "</td></tr>\n<tr><th>source view</th><td>"
       << (c.meta.source_root.empty()
               ? std::string("none: give <code>--source-root DIR</code> (the folder the log's "
                             "paths are relative to) to see each verdict beside its line")
               : fmt::format("<code>{}</code> ({} files)", HtmlEscape(c.meta.source_root),
                             c.source_page.size()))
       << "</td></tr>\n<tr><th>made by</th><td>escviz " << HtmlEscape(c.meta.version) << ", "
       << HtmlEscape(c.meta.date) << "</td></tr>\n</tbody></table>\n";
}

void RenderTotals(const ReportContext& c, std::ostream* out) {
  const Summary& s = c.s;
  uint64_t leaks = 0;
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (IsLeak(static_cast<VerdictKind>(k))) leaks += s.verdicts[k];
  }
  *out << "<div class=\"cards\">\n";
  Card(out, s.heap, "heap allocations", true);
  Card(out, s.heap_moved, "moved to heap");
  Card(out, s.heap_escapes, "escapes to heap");
  if (s.no_alloc_total > 0) Card(out, s.no_alloc_total, "escapes, no allocation");
  Card(out, leaks, "leaking parameters");
  Card(out, s.count(VerdictKind::kDoesNotEscape), "does not escape");
  Card(out, s.count(LineKind::kCanInline), "can inline");
  Card(out, s.count(LineKind::kCannotInline), "cannot inline");
  Card(out, s.count(LineKind::kInliningCall), "inlined calls");
  *out << "</div>\n<p class=\"sub\">" << Percent(s.heap_explained, s.heap)
       << "% of heap allocations have an explanation (-m=2); " << s.crossing_chains
       << " chains continue into a callee; " << s.unknown_function_heap
       << " heap allocations are in no known function.";
  if (s.count_no_alloc) {
    *out << " Escapes that allocate nothing are counted as heap allocations (--count-no-alloc).";
  } else if (s.no_alloc_total > 0) {
    *out << " " << s.no_alloc_total << " escapes allocate nothing ("
         << s.no_alloc[static_cast<int>(NoAlloc::kConstant)] << " constants, "
         << s.no_alloc[static_cast<int>(NoAlloc::kZeroSize)]
         << " zero-size values): they are not counted as heap allocations, causes or choke "
            "points.";
  }
  *out << "</p>\n";
}

void BarRow(std::ostream* out, const std::string& name_html, uint64_t n, uint64_t max) {
  *out << "<tr><td class=\"name\">" << name_html << "</td><td class=\"num\">" << n
       << "</td><td class=\"bar\"><div class=\"b\" style=\"width:" << Percent(n, max)
       << "%\"></div></td></tr>\n";
}

void RenderPictures(const ReportContext& c, std::ostream* out) {
  // Patterns first: what to do about the allocations (issue 22).
  *out << "<h2>Heap allocations by pattern</h2>\n<p class=\"sub\">What each allocation's chain "
          "shows, with what to do about it on the <a href=\"patterns.html\">patterns page</a>."
          "</p>\n<table class=\"bars patterns\"><tbody>\n";
  uint64_t most = 0;
  for (const PatternRow& p : c.s.patterns) most = std::max(most, p.heap);
  for (const PatternRow& p : c.s.patterns) {
    Pattern id;
    const std::string what = PatternOfId(p.id, &id) ? std::string(InfoOf(id).what) : "";
    BarRow(out,
           fmt::format("<a href=\"t/{}.html\" title=\"{}\">{}</a>", p.id, HtmlEscape(what), p.id),
           p.heap, most);
  }
  *out << "</tbody></table>\n";
  *out << "<div class=\"grid\">\n<div><h2>Heap allocations per package</h2>\n"
          "<table class=\"bars\"><tbody>\n";
  std::vector<uint32_t> packages;
  for (uint32_t p = 0; p < c.m.packages.size(); ++p) {
    if (c.r.heap_of_package[p] > 0) packages.push_back(p);
  }
  std::stable_sort(packages.begin(), packages.end(), [&](uint32_t x, uint32_t y) {
    return c.r.heap_of_package[x] > c.r.heap_of_package[y];
  });
  uint64_t max = packages.empty() ? 0 : c.r.heap_of_package[packages[0]];
  for (size_t i = 0; i < packages.size() && i < kBars; ++i) {
    BarRow(out, PackageLink(c, packages[i], 0), c.r.heap_of_package[packages[i]], max);
  }
  *out
      << "</tbody></table></div>\n<div><h2>Top causes</h2>\n<table class=\"bars causes\"><tbody>\n";
  max = c.a.causes.empty() ? 0 : c.a.causes[0].heap;
  for (size_t i = 0; i < c.a.causes.size() && i < kBars; ++i) {
    const std::string label = HtmlEscape(CauseLabel(c.m, c.a.causes[i]));
    BarRow(out, fmt::format("<a href=\"causes.html#c{}\" title=\"{}\">{}</a>", i, label, label),
           c.a.causes[i].heap, max);
  }
  *out << "</tbody></table></div>\n<div><h2>Choke points</h2>\n"
          "<table class=\"bars chokes\"><tbody>\n";
  max = c.a.choke_points.empty() ? 0 : c.a.choke_points[0].chains;
  for (size_t i = 0; i < c.a.choke_points.size() && i < kBars; ++i) {
    const ChokePoint& p = c.a.choke_points[i];
    BarRow(out,
           fmt::format("<a href=\"chokepoints.html#k{}\" title=\"{}\">{}: {}</a>", i,
                       HtmlEscape(ChokePointLabel(c.m, p)),
                       HtmlEscape(c.m.FunctionName(p.function)), HtmlEscape(c.m.str(p.location))),
           p.chains, max);
  }
  *out << "</tbody></table></div>\n</div>\n";
  if (c.top_causes_drawn) {
    *out << "<h2>Chains of the top 5 causes</h2>\n<figure class=\"graph wide\"><img "
            "src=\"g/top-causes.svg\" alt=\"chains of the top 5 causes\" loading=\"lazy\">"
            "<figcaption>up to 3 example chains of each cause; {heap} in red; "
            "<a href=\"g/top-causes.svg\">full size</a></figcaption>"
            "</figure>\n";
  }
}

}  // namespace

std::string GoVersionHint(const Model& m) {
  for (const Verdict& v : m.verdicts) {
    std::string_view file = m.str(v.pos.file);
    for (std::string_view mark : {"/go-1.", "/go1."}) {
      size_t at = file.find(mark);
      if (at == std::string_view::npos) continue;
      size_t end = at + mark.size();
      while (end < file.size() && std::isdigit(static_cast<unsigned char>(file[end]))) ++end;
      if (end == at + mark.size()) continue;
      return fmt::format("Go 1.{} (from the paths in the log)",
                         file.substr(at + mark.size(), end - at - mark.size()));
    }
    break;  // the first verdict's path decides
  }
  for (const Explanation& e : m.explanations) {
    if (e.func != 0) return "Go 1.26 or later (the log names functions in explanations)";
  }
  return "";
}

void RenderIndexPage(const ReportContext& c, std::ostream* out) {
  PageStart(out, "escape analysis", 0);
  *out << "<h1>Escape analysis report</h1>\n<p class=\"sub\">Which values the Go compiler "
          "moves to the heap, and the chain of assignments and calls that sends each one "
          "there.</p>\n";
  RenderTotals(c, out);
  *out << "<h2 id=\"search-box\">Search</h2>\n<p><input id=\"search\" data-base=\"\" "
          "placeholder=\"search sites, functions, files, causes (e.g. print.go:12 or Sprintf)\" "
          "autocomplete=\"off\"></p>\n<ul id=\"search-results\"></ul>\n"
          "<script defer src=\"search.js\"></script>\n";
  RenderPictures(c, out);
  *out << "<h2>Packages</h2>\n";
  RenderPackageTable(c, 0, out);
  *out << "<h2>Files</h2>\n";
  RenderFileTable(c, kIndexTableRows, out);
  *out << "<h2>Functions</h2>\n";
  RenderFunctionTable(c, kIndexTableRows, out);
  RenderAbout(c, out);
  PageEnd(out, c, 0);
}

}  // namespace escviz
