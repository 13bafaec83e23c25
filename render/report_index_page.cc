#include "render/report_index_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "render/escape.h"
#include "render/report_function_page.h"
#include "render/report_html.h"
#include "render/report_tables.h"
#include "src/chain_text.h"
#include "src/profile_join.h"

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

/// With --profile: the hottest heap allocations with their chains, and the sampled lines the
/// escape analysis does not explain (issue 23).
void RenderHottest(const ReportContext& c, std::ostream* out) {
  const ProfileJoin& p = *c.s.profile;
  const std::string names = p.PathList();
  *out << "<h2 id=\"hottest\">Hottest allocations</h2>\n<p class=\"sub\">Heap profile "
       << HtmlEscape(names) << " (" << p.sample_index << "): " << FormatBytes(p.total.bytes)
       << " in " << p.total.objects << " objects. The escape chains explain "
       << FormatBytes(p.explained.bytes) << fmt::format(" ({:.1f}%)", p.Percent(p.explained))
       << " at " << p.hot_sites << " sampled heap sites; " << p.cold_sites
       << " heap sites are not exercised by this profile.";
  if (p.outside_scope.objects > 0) {
    *out << " " << FormatBytes(p.outside_scope.bytes) << " are in packages outside the scope.";
  }
  *out << "</p>\n<table class=\"data hottest\"><thead><tr><th>bytes</th><th>objects</th>"
          "<th>share</th><th>allocation</th><th>pattern</th><th>chain</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < c.s.hot_sites.size() && i < kBars; ++i) {
    const ProfileSiteRow& r = c.s.hot_sites[i];
    const Verdict& v = c.m.verdicts[r.verdict];
    std::string chain;
    for (const std::string& step : ChainStepTexts(c.m, c.a, r.verdict, 6)) {
      chain += "<li>" + HtmlEscape(step) + "</li>";
    }
    const std::string function =
        v.function == kNone ? HtmlEscape(r.function)
                            : fmt::format("<a href=\"{}\">{}</a>", FunctionPage(v.function),
                                          HtmlEscape(r.function));
    *out << "<tr><td class=\"num\">" << FormatBytes(r.figures.bytes) << "</td><td class=\"num\">"
         << r.figures.objects << "</td><td class=\"num\">"
         << fmt::format("{:.1f}%", p.Percent(r.figures)) << "</td><td><code>"
         << HtmlEscape(r.position) << "</code>: " << HtmlEscape(r.sentence) << " in " << function
         << (r.shared > 1 ? fmt::format(" <span class=\"sub\">(the line's figures, shared by {} "
                                        "allocations)</span>",
                                        r.shared)
                          : "")
         << (r.also.empty()
                 ? ""
                 : " <span class=\"sub\">(they include its " + HtmlEscape(r.also) + ")</span>")
         << "</td><td><a href=\"t/" << r.pattern << ".html\">" << r.pattern
         << "</a></td><td><ol class=\"chain\">" << chain << "</ol></td></tr>\n";
  }
  *out << "</tbody></table>\n";
  size_t unexplained = 0;
  for (const ProfileLine& line : p.lines) unexplained += line.counted == 0 ? 1 : 0;
  if (unexplained == 0) return;
  *out << "<h2>Allocations without a heap verdict</h2>\n<p class=\"sub\">Sampled lines where "
          "the log has no heap verdict, with how they allocate and what would explain them "
          "(--exclude-std leaves the standard library's out)."
          "</p>\n<table class=\"data\"><thead><tr><th>bytes</th><th>objects</th><th>line</th>"
          "<th>how it allocates</th><th>what to do</th></tr></thead><tbody>\n";
  size_t shown = 0;
  for (const ProfileLine& line : p.lines) {
    if (line.counted > 0) continue;
    if (shown++ >= kBars) break;
    *out << "<tr><td class=\"num\">" << FormatBytes(line.figures.bytes) << "</td><td class=\"num\">"
         << line.figures.objects << "</td><td><code>"
         << HtmlEscape(fmt::format("{}:{}", line.file, line.line)) << "</code> "
         << HtmlEscape(line.function) << "</td><td>" << HtmlEscape(line.allocator) << "</td><td>"
         << HtmlEscape(line.advice)
         << (line.caller.empty() ? ""
                                 : "; reached from <code>" + HtmlEscape(line.caller) + "</code>")
         << "</td></tr>\n";
  }
  *out << "</tbody></table>\n";
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
  // With a profile, the bars are the patterns' bytes (objects for an _objects sample index).
  const ProfileJoin* profile = c.s.profile.get();
  auto weight = [profile](const PatternRow& p) -> uint64_t {
    return profile == nullptr ? p.heap : static_cast<uint64_t>(profile->Rank(p.figures));
  };
  std::vector<const PatternRow*> rows;
  for (const PatternRow& p : c.s.patterns) rows.push_back(&p);
  std::stable_sort(rows.begin(), rows.end(), [&](const PatternRow* x, const PatternRow* y) {
    return weight(*x) > weight(*y);
  });
  uint64_t most = 0;
  for (const PatternRow* p : rows) most = std::max(most, weight(*p));
  if (profile != nullptr) {
    *out << "<tr><th>pattern</th><th>" << (profile->by_objects ? "objects" : "bytes") << " ("
         << profile->sample_index << ")</th><th></th></tr>\n";
  }
  for (const PatternRow* row : rows) {
    const PatternRow& p = *row;
    Pattern id;
    const std::string what = PatternOfId(p.id, &id) ? std::string(InfoOf(id).what) : "";
    BarRow(out,
           fmt::format("<a href=\"t/{}.html\" title=\"{}\">{}</a>{}", p.id, HtmlEscape(what), p.id,
                       profile == nullptr ? "" : fmt::format(" ({} sites)", p.heap)),
           weight(p), most);
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
  if (!c.s.scope.empty()) {
    *out << "<p class=\"sub\">Scope: " << HtmlEscape(c.s.scope) << ".</p>\n";
  }
  if (c.s.profile) RenderHottest(c, out);
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
