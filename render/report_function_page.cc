#include "render/report_function_page.h"

#include <fmt/format.h>

#include "render/escape.h"
#include "render/explain_render.h"
#include "render/report_html.h"

namespace escviz {
namespace {

/// Verdicts shown with their whole chain on one page; the rest are listed one line each, so a
/// generated function with thousands of allocations still gives a page of a few megabytes.
constexpr size_t kMaxBlocks = 300;
constexpr size_t kMaxCallers = 300;

void VerdictLineRow(const ReportContext& c, uint32_t v, int depth, std::ostream* out) {
  *out << "<div class=\"verdict\" id=\"v" << v << "\">" << VerdictBadges(c, v, depth) << "<code>"
       << HtmlEscape(VerdictLine(c.m, c.m.verdicts[v])) << "</code></div>\n";
}

void RenderVerdicts(const ReportContext& c, const std::vector<uint32_t>& verdicts, bool heap,
                    int depth, std::ostream* out) {
  size_t shown = 0;
  for (uint32_t v : verdicts) {
    if (IsHeap(c.m.verdicts[v].kind) != heap) continue;
    if (shown++ < kMaxBlocks) {
      RenderVerdictBlock(c, v, depth, out);
    } else {
      if (shown == kMaxBlocks + 1) {
        *out << "<p class=\"note\">The chains of the first " << kMaxBlocks
             << " are shown above; the rest are listed. <code>escviz explain --at FILE:LINE</code>"
                " explains any of them.</p>\n";
      }
      VerdictLineRow(c, v, depth, out);
    }
  }
  if (shown == 0) *out << "<p class=\"muted\">none</p>\n";
}

void RenderGraph(const ReportContext& c, uint32_t f, std::ostream* out) {
  if (c.graph_drawn[f]) {
    *out << "<figure class=\"graph\"><img src=\"../" << FunctionGraph(f)
         << "\" alt=\"escape chains of " << HtmlEscape(c.m.FunctionName(f))
         << "\" loading=\"lazy\"><figcaption>the chains of this function's verdicts, through "
            "the callees they continue into; {heap} in red; <a href=\"../"
         << FunctionGraph(f) << "\">full size</a></figcaption></figure>\n";
    return;
  }
  *out << "<p class=\"note\">Graph not drawn: the report draws the " << c.meta.max_graphs
       << " functions with the most heap allocations";
  if (c.meta.max_graph_chains > 0) {
    *out << " whose chains number at most " << c.meta.max_graph_chains;
  }
  *out << " (<code>--max-graphs</code>). To draw it: <code>escviz graph"
       << " --func '" << HtmlEscape(c.m.FunctionName(f)) << "' --package '"
       << HtmlEscape(c.m.PackageName(c.m.functions[f].package))
       << "' LOG -o graph.svg</code></p>\n";
}

void RenderCallers(const ReportContext& c, uint32_t f, std::ostream* out) {
  const std::vector<uint32_t>& callers = c.r.callers_of_function[f];
  *out << "<h2 id=\"callers\">Chains from callers that continue here (" << callers.size()
       << ")</h2>\n";
  if (callers.empty()) {
    *out << "<p class=\"muted\">none in the log</p>\n";
    return;
  }
  *out << "<ul>\n";
  for (size_t i = 0; i < callers.size() && i < kMaxCallers; ++i) {
    uint32_t v = c.a.chains[callers[i]].verdict;
    const Verdict& vd = c.m.verdicts[v];
    std::string href = VerdictHref(c, v, 1);
    std::string line = HtmlEscape(VerdictLine(c.m, vd));
    *out << "<li>"
         << (href.empty()
                 ? "<code>" + line + "</code>"
                 : fmt::format("<a class=\"caller\" href=\"{}\"><code>{}</code></a>", href, line))
         << " in " << FunctionLink(c, vd.function, 1) << "</li>\n";
  }
  if (callers.size() > kMaxCallers) {
    *out << "<li class=\"muted\">and " << callers.size() - kMaxCallers << " more</li>\n";
  }
  *out << "</ul>\n";
}

}  // namespace

bool HasPackagePage(const ReportContext& c, uint32_t p) {
  return c.r.heap_of_package[p] > 0 || !c.r.functions_of_package[p].empty() ||
         !c.r.unknown_of_package[p].empty();
}

void RenderFunctionPage(const ReportContext& c, uint32_t f, std::ostream* out) {
  const Function& fn = c.m.functions[f];
  std::string name(c.m.FunctionName(f));
  PageStart(out, name, 1);
  const std::vector<uint32_t>& vs = c.r.verdicts_of_function[f];
  const size_t heap = c.r.heap_of_function[f];
  size_t leaks = 0, uncounted = 0;  // heap verdicts not counted: no allocation, or a site's copy
  for (uint32_t v : vs) {
    const Verdict& vd = c.m.verdicts[v];
    leaks += IsLeak(vd.kind) ? 1 : 0;
    uncounted += IsHeap(vd.kind) && !c.m.Counted(v) ? 1 : 0;
  }
  *out << "<h1><code>" << HtmlEscape(name) << "</code></h1>\n<p class=\"sub\">package "
       << PackageLink(c, fn.package, 1);
  if (fn.decl.line != 0) *out << " &middot; declared at " << PositionLink(c, fn.decl, 1);
  *out << " &middot; <b>" << heap << "</b> heap allocation" << (heap == 1 ? "" : "s")
       << " &middot; " << leaks << " leaking parameter verdict" << (leaks == 1 ? "" : "s")
       << "</p>\n"
       << "<p class=\"links\">jump to <a href=\"#heap\">heap allocations</a> "
          "<a href=\"#leaks\">leaking parameters</a> <a href=\"#callers\">callers</a></p>\n";
  if (c.meta.source_root.empty()) {
    *out << "<p class=\"note\">No source view: run <code>escviz report --source-root DIR</code> "
            "with the folder the log's paths are relative to (the module root, or $GOROOT "
            "for the standard library) to see the source with each line's verdicts.</p>\n";
  }
  *out << "<h2>Graph</h2>\n";
  RenderGraph(c, f, out);
  *out << "<h2 id=\"heap\">Heap allocations (" << heap << ")";
  if (uncounted > 0) {
    *out << " and " << uncounted << " more heap verdict" << (uncounted == 1 ? "" : "s")
         << " not counted (no allocation, or another instance of a site)";
  }
  *out << "</h2>\n";
  RenderVerdicts(c, vs, true, 1, out);
  *out << "<h2 id=\"leaks\">Leaking parameters (" << leaks << ")</h2>\n";
  RenderVerdicts(c, vs, false, 1, out);
  RenderCallers(c, f, out);
  PageEnd(out, c, 1);
}

void RenderPackagePage(const ReportContext& c, uint32_t p, std::ostream* out) {
  std::string name = c.m.PackageName(p);
  PageStart(out, "package " + name, 1);
  *out << "<h1>package <code>" << HtmlEscape(name) << "</code></h1>\n<p class=\"sub\"><b>"
       << c.r.heap_of_package[p] << "</b> heap allocations</p>\n";
  const std::vector<uint32_t>& fs = c.r.functions_of_package[p];
  *out << "<h2>Functions (" << fs.size() << ")</h2>\n"
       << "<p><input class=\"filter\" data-table=\"pfuncs\" placeholder=\"filter functions\"> "
          "<span class=\"muted\" id=\"pfuncs-count\"></span></p>\n"
       << "<table class=\"data sortable\" id=\"pfuncs\"><thead><tr><th>function</th>"
          "<th class=\"num\">heap</th><th class=\"num\">leaking params</th><th>declared at</th>"
          "</tr></thead><tbody>\n";
  for (uint32_t f : fs) {
    size_t heap = c.r.heap_of_function[f], leaks = c.r.verdicts_of_function[f].size() - heap;
    *out << "<tr><td>" << FunctionLink(c, f, 1) << "</td><td class=\"num\" data-v=\"" << heap
         << "\">" << heap << "</td><td class=\"num\" data-v=\"" << leaks << "\">" << leaks
         << "</td><td>" << PositionLink(c, c.m.functions[f].decl, 1) << "</td></tr>\n";
  }
  *out << "</tbody></table>\n";
  const std::vector<uint32_t>& unknown = c.r.unknown_of_package[p];
  if (!unknown.empty()) {
    *out << "<h2>Verdicts in no known function (" << unknown.size() << ")</h2>\n"
         << "<p class=\"sub\">The log did not say which function these are in (no "
            "<code>can inline</code>/<code>cannot inline</code> line before them).</p>\n";
    size_t shown = 0;
    for (uint32_t v : unknown) {
      if (shown++ < kMaxBlocks)
        RenderVerdictBlock(c, v, 1, out);
      else
        VerdictLineRow(c, v, 1, out);
    }
  }
  PageEnd(out, c, 1);
}

}  // namespace escviz
