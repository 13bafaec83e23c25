#include "render/report_writer.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>
#include <vector>

#include "render/report_assets.h"
#include "render/report_causes_page.h"
#include "render/report_function_page.h"
#include "render/report_index_page.h"
#include "render/report_patterns_page.h"
#include "render/report_search.h"
#include "render/report_source_page.h"
#include "render/report_tables.h"
#include "src/report_index.h"
#include "src/summary.h"

namespace escviz {
namespace {

/// Progress nobody watches.
class NoProgress : public ReportProgress {
 public:
  void Phase(std::string, uint64_t) override {}
  void Advance(uint64_t) override {}
};

class Writer {
 public:
  Writer(const ReportContext& c, const GraphBudget& budget, SourceFiles* sources, ReportSink* sink,
         ReportProgress* progress, Diagnostics* diag)
      : c_(c), budget_(budget), sources_(sources), sink_(sink), progress_(progress), diag_(diag) {}

  /// Every file but the graphs.
  bool Pages() {
    const Model& m = c_.m;
    progress_->Phase("pages",
                     8 + m.packages.size() + c_.r.ranked_functions.size() + c_.source_page.size());
    bool ok = sink_->Write("assets/report.css", ReportCss()) &&
              sink_->Write("assets/report.js", ReportJs()) &&
              Page("search.js", [&](std::ostream* o) { RenderSearchData(c_, o); }) &&
              Page("index.html", [&](std::ostream* o) { RenderIndexPage(c_, o); }) &&
              Page("functions.html", [&](std::ostream* o) { RenderFunctionsPage(c_, o); }) &&
              Page("files.html", [&](std::ostream* o) { RenderFilesPage(c_, o); }) &&
              Page("causes.html", [&](std::ostream* o) { RenderCausesPage(c_, o); }) &&
              Page("patterns.html", [&](std::ostream* o) { RenderPatternsPage(c_, o); }) &&
              Page("chokepoints.html", [&](std::ostream* o) { RenderChokePointsPage(c_, o); });
    progress_->Advance(8);
    for (const PatternRow& row : c_.s.patterns) {  // a page per pattern with sites
      Pattern p;
      if (!ok || !PatternOfId(row.id, &p)) continue;
      const std::vector<uint32_t> sites = PatternSites(c_, p);
      ok = Page(PatternPage(p), [&](std::ostream* o) { RenderPatternPage(c_, p, sites, o); });
    }
    for (uint32_t p = 0; ok && p < m.packages.size(); ++p, progress_->Advance()) {
      if (!HasPackagePage(c_, p)) continue;
      ok = Page(PackagePage(p), [&](std::ostream* o) { RenderPackagePage(c_, p, o); });
    }
    for (uint32_t f : c_.r.ranked_functions) {
      if (!ok) break;
      ok = Page(FunctionPage(f), [&](std::ostream* o) { RenderFunctionPage(c_, f, o); });
      progress_->Advance();
    }
    for (const auto& entry : c_.source_page) {
      if (!ok) break;
      ok = SourcePageOf(entry.first, entry.second);
      progress_->Advance();
    }
    return ok;
  }

  /// Draws the graphs of `functions` (and, with `top_causes`, that of the top causes).
  bool Graphs(const std::vector<uint32_t>& functions, bool top_causes) {
    if (top_causes && !sink_->Write("g/top-causes.svg", TopCausesSvg(c_, budget_))) return false;
    if (top_causes) progress_->Advance();
    for (uint32_t f : functions) {
      if (!sink_->Write(FunctionGraph(f), FunctionSvg(c_, f, budget_))) return false;
      progress_->Advance();
    }
    return true;
  }

 private:
  template <typename F>
  bool Page(const std::string& name, F render) {
    std::ostringstream out;
    render(&out);
    return sink_->Write(name, out.str());
  }

  /// The source page of `file`, index `slot` into c.r.files; its text read through sources_.
  bool SourcePageOf(StrId file, uint32_t slot) {
    std::string real, text;
    if (!sources_->ReadView(c_.m.str(file), &real, &text)) {
      if (real.empty()) real = std::string(c_.m.str(file));
      diag_->Warning("source view: cannot read " + real);
      text = "(could not be read)";
    }
    return Page(SourcePage(slot),
                [&](std::ostream* o) { RenderSourcePage(c_, slot, real, text, o); });
  }

  const ReportContext& c_;
  const GraphBudget& budget_;
  SourceFiles* sources_;
  ReportSink* sink_;
  ReportProgress* progress_;
  Diagnostics* diag_;
};

}  // namespace

bool WriteReport(const Model& m, const Analysis& a, const ReportOptions& options,
                 SourceFiles* sources, ReportSink* sink, ReportProgress* progress,
                 Diagnostics* diag) {
  NoProgress quiet;
  if (progress == nullptr) progress = &quiet;
  const Summary summary = Summarize(m, a);
  const ReportIndex index = BuildReportIndex(m, a);
  ReportContext c{m, a, summary, index, options.meta, {}, {}, false, ClassifyPatterns(m, a)};
  c.meta.max_graphs = options.budget.max_graphs;
  c.meta.max_graph_chains = options.budget.max_chains;
  for (uint32_t slot = 0; sources != nullptr && slot < index.files.size(); ++slot) {
    if (sources->RelativeToRoot(m.str(index.files[slot].first))) {
      c.source_page.emplace(index.files[slot].first, slot);
    }
  }
  const std::vector<uint32_t> graphs = ChooseGraphs(c, options.budget);
  c.graph_drawn.assign(m.functions.size(), false);
  for (uint32_t f : graphs) c.graph_drawn[f] = true;
  c.top_causes_drawn = !a.causes.empty() && options.budget.max_graphs > 0;
  Writer writer(c, options.budget, sources, sink, progress, diag);

  // Graphviz keeps global state, so threads cannot share the drawing. A child process forked
  // here (the log's reading threads have ended) draws two graphs in three while this one writes
  // the pages and then draws the rest, so both cores work.
  std::vector<uint32_t> mine, theirs;
  for (size_t i = 0; i < graphs.size(); ++i) {
    (i % 3 && sink->SharedWithChild() ? theirs : mine).push_back(graphs[i]);
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t child = theirs.empty() ? -1 : fork();
  if (child == 0) {
    NoProgress none;
    Writer drawer(c, options.budget, sources, sink, &none, diag);
    _exit(drawer.Graphs(theirs, false) ? 0 : 1);
  }
  if (child < 0) mine = graphs;  // no second process: draw them all here
  bool ok = writer.Pages();
  progress->Phase("graphs", mine.size() + (c.top_causes_drawn ? 1 : 0));
  ok = ok && writer.Graphs(mine, c.top_causes_drawn);
  if (child > 0) {
    int status = 0;
    const bool drawn =
        waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!drawn) diag->Error("graphs: the second drawing process failed");
    ok = ok && drawn;
  }
  return ok;
}

}  // namespace escviz
