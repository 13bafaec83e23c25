/// `escviz summary`: counts, top packages, files and functions, top causes.

#include <CLI/CLI.hpp>

#include "render/summary_render.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/summary.h"

namespace escviz {
namespace {

class SummaryCommand : public Command {
 public:
  void AddOptions(CLI::App* cmd) override {
    inputs_.AddTo(cmd);
    AddOutputFormatOption(cmd, &opt_.format);
    cmd->add_option("--top", opt_.top, "rows per ranking")->capture_default_str();
  }

  int Run(Context& ctx) override {
    Model model;
    if (!inputs_.Load(&model, &ctx.diag)) return kExitUsage;
    Timings::Get().Phase("analyze");
    const Analysis analysis = Analyze(model);
    Timings::Get().Phase("summarize");
    const Summary summary = Summarize(model, analysis);
    Timings::Get().Phase("render");
    RenderSummary(summary, opt_, &ctx.out);
    Timings::Get().Phase("free");
    return kExitOk;
  }

 private:
  InputOptions inputs_;
  SummaryOptions opt_;
};

}  // namespace

std::unique_ptr<Command> NewSummaryCommand() { return std::make_unique<SummaryCommand>(); }

}  // namespace escviz
