/// `escviz explain`: the chain(s) of the verdicts at a place (--at) or of a name (--name).

#include <CLI/CLI.hpp>

#include "render/escape.h"
#include "render/explain_render.h"
#include "src/chains.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"

namespace escviz {
namespace {

class ExplainCommand : public Command {
 public:
  void AddOptions(CLI::App* cmd) override {
    inputs_.AddTo(cmd);
    cmd->add_option("--at", at_, "FILE:LINE[:COL]; FILE may be a path suffix");
    cmd->add_option("--name", name_, "subject expression, e.g. buf or &T{...}");
    cmd->add_option("--func", func_, "with --name: the enclosing function");
  }

  int Run(Context& ctx) override {
    std::optional<PlaceQuery> place;
    if (!at_.empty() && !ParseAtOption(at_, &place, &ctx.diag)) return kExitUsage;
    if (!place && name_.empty()) {
      ctx.diag.Error("explain needs --at FILE:LINE[:COL] or --name EXPR");
      return kExitUsage;
    }
    Model model;
    if (!inputs_.Load(&model, &ctx.diag)) return kExitUsage;
    Timings::Get().Phase("find");
    std::vector<uint32_t> found =
        place ? Filter(model, FindAt(model, *place)) : FindByName(model, name_, func_);
    if (!found.empty()) {
      Timings::Get().Phase("analyze");
      const Analysis analysis = Analyze(model);
      Timings::Get().Phase("render");
      RenderExplain(model, analysis, found, &ctx.out);
      Timings::Get().Phase("free");
      return kExitOk;
    }
    if (place) {
      ReportNoVerdictAt(model, *place, ctx);
    } else {
      ctx.diag.Error("no verdict for '" + name_ + "'" + (func_.empty() ? "" : " in " + func_));
    }
    return kExitUsage;
  }

 private:
  /// Keeps the verdicts found at a place that also match --name and --func.
  std::vector<uint32_t> Filter(const Model& model, std::vector<uint32_t> found) const {
    if (name_.empty() && func_.empty()) return found;
    std::vector<uint32_t> keep;
    for (uint32_t v : found) {
      if (!name_.empty() && model.str(model.verdicts[v].subject) != name_) continue;
      if (!func_.empty() && !FunctionMatches(model, model.verdicts[v].function, func_)) continue;
      keep.push_back(v);
    }
    return keep;
  }

  /// Says that nothing is at --at, and what is nearest in that file.
  void ReportNoVerdictAt(const Model& model, const PlaceQuery& place, Context& ctx) const {
    ctx.diag.Error("no verdict at " + at_);
    std::vector<uint32_t> near = Nearest(model, place, 5);
    if (near.empty()) {
      ctx.diag.Note("no verdict in any file matching '" + place.file + "'");
      return;
    }
    ctx.diag.Note("nearest verdicts in that file:");
    for (uint32_t v : near)
      ctx.diag.stream() << "  " << TerminalSafe(VerdictLine(model, model.verdicts[v])) << "\n";
  }

  InputOptions inputs_;
  std::string at_, name_, func_;
};

}  // namespace

std::unique_ptr<Command> NewExplainCommand() { return std::make_unique<ExplainCommand>(); }

}  // namespace escviz
