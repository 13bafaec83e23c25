/// `escviz report -o DIR INPUT...`: the HTML report (SPEC section 5) written into DIR.

#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <sstream>

#include "render/report_assets.h"
#include "render/report_causes_page.h"
#include "render/report_function_page.h"
#include "render/report_graphs.h"
#include "render/report_index_page.h"
#include "render/report_search.h"
#include "render/report_source_page.h"
#include "render/report_tables.h"
#include "src/cli/command.h"
#include "src/cli/progress.h"
#include "src/cli/report_dir.h"
#include "src/cli/report_sources.h"
#include "src/report_index.h"
#include "src/summary.h"

namespace escviz {
namespace {

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

template <typename F>
bool Page(ReportDir* dir, const std::string& name, Diagnostics* diag, F render) {
  std::ostringstream out;
  render(&out);
  return dir->Write(name, out.str(), diag);
}

bool WritePages(const ReportContext& c, const std::vector<std::string>& real_paths, ReportDir* dir,
                Progress* progress, Diagnostics* diag) {
  const Model& m = c.m;
  uint64_t total = 7 + m.packages.size() + c.r.ranked_functions.size() + c.source_page.size();
  progress->Phase("pages", total);
  bool ok =
      dir->Write("assets/report.css", ReportCss(), diag) &&
      dir->Write("assets/report.js", ReportJs(), diag) &&
      Page(dir, "search.js", diag, [&](std::ostream* o) { RenderSearchData(c, o); }) &&
      Page(dir, "index.html", diag, [&](std::ostream* o) { RenderIndexPage(c, o); }) &&
      Page(dir, "functions.html", diag, [&](std::ostream* o) { RenderFunctionsPage(c, o); }) &&
      Page(dir, "files.html", diag, [&](std::ostream* o) { RenderFilesPage(c, o); }) &&
      Page(dir, "causes.html", diag, [&](std::ostream* o) { RenderCausesPage(c, o); }) &&
      Page(dir, "chokepoints.html", diag, [&](std::ostream* o) { RenderChokePointsPage(c, o); });
  progress->Advance(7);
  for (uint32_t p = 0; ok && p < m.packages.size(); ++p, progress->Advance()) {
    if (!HasPackagePage(c, p)) continue;
    ok = Page(dir, PackagePage(p), diag, [&](std::ostream* o) { RenderPackagePage(c, p, o); });
  }
  for (uint32_t f : c.r.ranked_functions) {
    if (!ok) break;
    ok = Page(dir, FunctionPage(f), diag, [&](std::ostream* o) { RenderFunctionPage(c, f, o); });
    progress->Advance();
  }
  for (const auto& entry : c.source_page) {
    if (!ok) break;
    uint32_t slot = entry.second;  // a copy: lambdas may not capture structured bindings
    std::string text;
    if (!ReportSources::Read(real_paths[slot], &text)) {
      diag->Warning("source view: cannot read " + real_paths[slot]);
      text = "(could not be read)";
    }
    ok = Page(dir, SourcePage(slot), diag,
              [&](std::ostream* o) { RenderSourcePage(c, slot, real_paths[slot], text, o); });
    progress->Advance();
  }
  return ok;
}

/// Draws `graphs` into g/, advancing `progress` if there is one.
bool DrawGraphs(const ReportContext& c, const GraphBudget& budget,
                const std::vector<uint32_t>& graphs, ReportDir* dir, Progress* progress,
                Diagnostics* diag) {
  for (uint32_t f : graphs) {
    if (!dir->Write(FunctionGraph(f), FunctionSvg(c, f, budget), diag)) return false;
    if (progress) progress->Advance();
  }
  return true;
}

}  // namespace

int RunReport(const ReportArgs& args, Context& ctx) {
  // The source view reads the same --source-root as the inputs' source pass (InputOptions).
  std::string source_root = args.input.no_sources ? std::string() : args.input.source_root;
  ReportSources sources(source_root);
  if (!sources.Check(&ctx.diag)) return kExitUsage;
  if (!ReportDir::Check(args.dir, &ctx.diag)) return kExitUsage;  // before the long read
  bool tty = &ctx.diag.stream() == &std::cerr && isatty(STDERR_FILENO);
  Progress progress(&ctx.diag.stream(), tty && !args.quiet);

  progress.Phase("read", 0);
  Model model;
  if (!Load(args.input, &model, &ctx.diag)) return kExitUsage;
  progress.Phase("analyse", 0);
  Analysis analysis = Analyze(model);
  Summary summary = Summarize(model, analysis);
  ReportIndex index = BuildReportIndex(model, analysis);
  ReportDir dir;  // an earlier report is removed only once the input has been read
  if (!dir.Open(args.dir, &ctx.diag)) return kExitUsage;
  ReportContext c{model, analysis, summary, index, {}, {}, {}, false};
  c.meta = {ESCVIZ_VERSION, UtcNow(), source_root, args.budget.max_graphs, args.budget.max_chains};
  std::vector<std::string> real_paths(index.files.size());
  for (uint32_t slot = 0; slot < index.files.size(); ++slot) {
    if (sources.Resolve(model.str(index.files[slot].first), &real_paths[slot], &ctx.diag)) {
      c.source_page.emplace(index.files[slot].first, slot);
    }
  }
  sources.ReportHidden(&ctx.diag);
  std::vector<uint32_t> graphs = ChooseGraphs(c, args.budget);
  c.graph_drawn.assign(model.functions.size(), false);
  for (uint32_t f : graphs) c.graph_drawn[f] = true;
  c.top_causes_drawn = !analysis.causes.empty() && args.budget.max_graphs > 0;

  // Graphviz keeps global state, so threads cannot share the drawing. A child process forked
  // here (the reading thread has ended) draws two graphs in three while this one writes the
  // pages and then draws the rest, so both cores work.
  std::vector<uint32_t> mine, theirs;
  for (size_t i = 0; i < graphs.size(); ++i) (i % 3 ? theirs : mine).push_back(graphs[i]);
  ctx.out.flush();
  std::cerr.flush();
  pid_t child = theirs.empty() ? -1 : fork();
  if (child == 0) _exit(DrawGraphs(c, args.budget, theirs, &dir, nullptr, &ctx.diag) ? 0 : 1);
  if (child < 0) mine = graphs;  // no second process: draw them all here
  bool ok = WritePages(c, real_paths, &dir, &progress, &ctx.diag);
  progress.Phase("graphs", mine.size() + (c.top_causes_drawn ? 1 : 0));
  if (ok && c.top_causes_drawn) {
    ok = dir.Write("g/top-causes.svg", TopCausesSvg(c, args.budget), &ctx.diag);
    progress.Advance();
  }
  ok = ok && DrawGraphs(c, args.budget, mine, &dir, &progress, &ctx.diag);
  if (child > 0) {
    int status = 0;
    bool drawn =
        waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!drawn) ctx.diag.Error("graphs: the second drawing process failed");
    ok = ok && drawn;
  }
  progress.Finish();
  if (!ok) return kExitUsage;
  ctx.out << dir.path() << "/index.html\n";
  return kExitOk;
}

}  // namespace escviz
