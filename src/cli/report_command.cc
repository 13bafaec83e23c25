/// `escviz report -o DIR INPUT...`: the HTML report (SPEC section 5) written into DIR.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <iostream>
#include <memory>

#include "parsers/source_tree.h"
#include "render/report_writer.h"
#include "src/cli/command.h"
#include "src/cli/progress.h"
#include "src/cli/report_dir.h"

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
    if (!ReportDir::Check(dir_, &ctx.diag)) return kExitUsage;  // before the long read
    bool tty = &ctx.diag.stream() == &std::cerr && isatty(STDERR_FILENO);
    Progress progress(&ctx.diag.stream(), tty && !quiet_);

    progress.Phase("read", 0);
    // One tree for the whole run: attribution, the JSON form's names and the source view.
    std::unique_ptr<SourceTree> sources = inputs_.NewSourceTree();
    Model model;
    if (!inputs_.Load(&model, &ctx.diag, sources.get())) return kExitUsage;
    progress.Phase("analyse", 0);
    Analysis analysis = Analyze(model);
    ReportDir dir;  // an earlier report is removed only once the input has been read
    if (!dir.Open(dir_, &ctx.diag)) return kExitUsage;
    ReportOptions options;
    options.meta.version = ESCVIZ_VERSION;
    options.meta.date = UtcNow();
    options.meta.source_root = inputs_.no_sources ? std::string() : inputs_.source_root;
    options.budget = budget_;
    bool ok = WriteReport(model, analysis, options, sources.get(), &dir, &progress, &ctx.diag);
    progress.Finish();
    if (sources) sources->WarnRefused(&ctx.diag);  // those the source view found
    if (!ok) return kExitUsage;
    ctx.out << dir.path() << "/index.html\n";
    return kExitOk;
  }

 private:
  InputOptions inputs_;
  std::string dir_;
  GraphBudget budget_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> NewReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace escviz
