/// `escviz graph`: escape chains drawn as DOT or SVG through Graphviz's libraries.

#include <CLI/CLI.hpp>
#include <sstream>

#include "render/graph_draw.h"
#include "render/graph_render.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/escape_graph.h"
#include "src/graph_select.h"

namespace escviz {
namespace {

class GraphCommand : public Command {
 public:
  void AddOptions(CLI::App* cmd) override {
    inputs_.AddTo(cmd);
    cmd->add_option("--at", at_, "chains of the verdicts at FILE:LINE[:COL]");
    cmd->add_option("--func", func_, "chains of the verdicts in function F");
    cmd->add_option("--package", package_, "heap chains of package P");
    cmd->add_option("--top", top_, "heap chains of the top N causes (default 5)");
    cmd->add_option("--format", format_, "dot or svg (default: from -o, else dot)")
        ->check(CLI::IsMember({"dot", "svg"}));
    cmd->add_option("-o,--output", output_, "output file (default: standard output)");
    cmd->add_option("--max-nodes", max_nodes_, "keep the locations on the most chains; 0: no limit")
        ->capture_default_str();
  }

  int Run(Context& ctx) override {
    GraphSelection sel;
    if (!at_.empty() && !ParseAtOption(at_, &sel.at, &ctx.diag)) return kExitUsage;
    sel.func = func_;
    sel.package = package_;
    sel.top = top_;
    if (!sel.at && sel.func.empty() && sel.package.empty() && sel.top == 0) sel.top = 5;
    std::string format = format_;
    if (format.empty()) {
      bool svg = output_.size() > 4 && output_.substr(output_.size() - 4) == ".svg";
      format = svg ? "svg" : "dot";
    }
    Model model;
    if (!inputs_.Load(&model, &ctx.diag)) return kExitUsage;
    Timings::Get().Phase("analyze");
    Analysis analysis = Analyze(model);
    Timings::Get().Phase("select");
    DrawOptions opt;
    std::vector<uint32_t> chains = SelectChains(model, analysis, sel, &opt.title);
    if (chains.empty()) {
      ctx.diag.Error("nothing to draw: no explained verdict matches (" + opt.title + ")");
      return kExitUsage;
    }
    opt.max_nodes = max_nodes_;
    DrawGraph picture = ToDrawGraph(EscapeGraph(model, analysis, chains), opt);
    Timings::Get().Phase("render");
    std::ostringstream text;
    if (format == "svg") {
      std::string err;
      if (!RenderSvg(picture, &text, &err)) {
        ctx.diag.Error("graphviz: " + err);
        return kExitUsage;
      }
    } else {
      RenderDot(picture, &text);
    }
    const bool written = WriteOutput(output_, text.str(), ctx.out, &ctx.diag);
    Timings::Get().Phase("free");
    return written ? kExitOk : kExitUsage;
  }

 private:
  InputOptions inputs_;
  std::string at_, func_, package_, format_, output_;
  size_t top_ = 0;
  size_t max_nodes_ = 60;
};

}  // namespace

std::unique_ptr<Command> NewGraphCommand() { return std::make_unique<GraphCommand>(); }

}  // namespace escviz
