/// `escviz summary`: counts, top packages, files and functions, top causes.

#include <CLI/CLI.hpp>

#include "render/summary_render.h"
#include "src/cli/command.h"
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
    RenderSummary(Summarize(model, Analyze(model)), opt_, &ctx.out);
    return kExitOk;
  }

 private:
  InputOptions inputs_;
  SummaryOptions opt_;
};

}  // namespace

std::unique_ptr<Command> NewSummaryCommand() { return std::make_unique<SummaryCommand>(); }

}  // namespace escviz
