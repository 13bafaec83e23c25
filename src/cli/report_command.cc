/// `escviz report -o DIR INPUT...`: the HTML report (SPEC section 5) written into DIR.

#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
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

class ReportCommand : public Command {
 public:
  void AddOptions(CLI::App* cmd) override {
    inputs_.AddTo(cmd);
    cmd->add_option("-o,--output", dir_, "folder to write the report into (created if missing)")
        ->required();
    cmd->add_option("--max-graphs", budget_.max_graphs,
                    "functions whose chains are drawn as SVG, most heap allocations first")
        ->capture_default_str();
    cmd->add_option("--graph-chains", budget_.max_chains,
                    "draw a function only if it has at most this many chains (0: any)")
        ->capture_default_str();
    cmd->add_option("--graph-nodes", budget_.max_nodes,
                    "nodes per function's picture: keeps the locations on the most chains")
        ->capture_default_str();
    cmd->add_flag("-q,--quiet", quiet_, "no progress bar on standard error");
  }

  int Run(Context& ctx) override {
    // The source view reads the same --source-root as the inputs' source pass (InputOptions).
    std::string source_root = inputs_.no_sources ? std::string() : inputs_.source_root;
    ReportSources sources(source_root);
    if (!sources.Check(&ctx.diag)) return kExitUsage;
    if (!ReportDir::Check(dir_, &ctx.diag)) return kExitUsage;  // before the long read
    bool tty = &ctx.diag.stream() == &std::cerr && isatty(STDERR_FILENO);
    Progress progress(&ctx.diag.stream(), tty && !quiet_);

    progress.Phase("read", 0);
    Model model;
    if (!inputs_.Load(&model, &ctx.diag)) return kExitUsage;
    progress.Phase("analyse", 0);
    Analysis analysis = Analyze(model);
    Summary summary = Summarize(model, analysis);
    ReportIndex index = BuildReportIndex(model, analysis);
    ReportDir dir;  // an earlier report is removed only once the input has been read
    if (!dir.Open(dir_, &ctx.diag)) return kExitUsage;
    ReportContext c{model, analysis, summary, index, {}, {}, {}, false};
    c.meta = {ESCVIZ_VERSION, UtcNow(), source_root, budget_.max_graphs, budget_.max_chains};
    std::vector<std::string> real_paths(index.files.size());
    for (uint32_t slot = 0; slot < index.files.size(); ++slot) {
      if (sources.Resolve(model.str(index.files[slot].first), &real_paths[slot], &ctx.diag)) {
        c.source_page.emplace(index.files[slot].first, slot);
      }
    }
    sources.ReportHidden(&ctx.diag);
    std::vector<uint32_t> graphs = ChooseGraphs(c, budget_);
    c.graph_drawn.assign(model.functions.size(), false);
    for (uint32_t f : graphs) c.graph_drawn[f] = true;
    c.top_causes_drawn = !analysis.causes.empty() && budget_.max_graphs > 0;

    // Graphviz keeps global state, so threads cannot share the drawing. A child process forked
    // here (the reading thread has ended) draws two graphs in three while this one writes the
    // pages and then draws the rest, so both cores work.
    std::vector<uint32_t> mine, theirs;
    for (size_t i = 0; i < graphs.size(); ++i) (i % 3 ? theirs : mine).push_back(graphs[i]);
    std::cout.flush();
    std::cerr.flush();
    pid_t child = theirs.empty() ? -1 : fork();
    if (child == 0) _exit(DrawGraphs(c, theirs, &dir, nullptr, &ctx.diag) ? 0 : 1);
    if (child < 0) mine = graphs;  // no second process: draw them all here
    bool ok = WritePages(c, real_paths, &dir, &progress, &ctx.diag);
    progress.Phase("graphs", mine.size() + (c.top_causes_drawn ? 1 : 0));
    if (ok && c.top_causes_drawn) {
      ok = dir.Write("g/top-causes.svg", TopCausesSvg(c, budget_), &ctx.diag);
      progress.Advance();
    }
    ok = ok && DrawGraphs(c, mine, &dir, &progress, &ctx.diag);
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

 private:
  template <typename F>
  static bool Page(ReportDir* dir, const std::string& name, Diagnostics* diag, F render) {
    std::ostringstream out;
    render(&out);
    return dir->Write(name, out.str(), diag);
  }

  bool WritePages(const ReportContext& c, const std::vector<std::string>& real_paths,
                  ReportDir* dir, Progress* progress, Diagnostics* diag) const {
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
  bool DrawGraphs(const ReportContext& c, const std::vector<uint32_t>& graphs, ReportDir* dir,
                  Progress* progress, Diagnostics* diag) const {
    for (uint32_t f : graphs) {
      if (!dir->Write(FunctionGraph(f), FunctionSvg(c, f, budget_), diag)) return false;
      if (progress) progress->Advance();
    }
    return true;
  }

  InputOptions inputs_;
  std::string dir_;
  GraphBudget budget_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> NewReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace escviz
