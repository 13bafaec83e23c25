/// `escviz graph`: escape chains drawn as DOT or SVG through Graphviz's libraries.

#include <filesystem>

#include "render/graph_draw.h"
#include "render/graph_render.h"
#include "src/cli/command.h"
#include "src/cli/output_file.h"
#include "src/cli/timings.h"
#include "src/escape_graph.h"
#include "src/graph_select.h"

namespace escviz {

int RunGraph(const GraphArgs& args, Context& ctx) {
  GraphSelection sel;
  if (!args.at.empty() && !ParseAtOption(args.at, &sel.at, &ctx.diag)) return kExitUsage;
  sel.func = args.func;
  sel.packages = args.input.scope.prefixes;
  sel.top = args.top;
  if (!sel.at && sel.func.empty() && sel.packages.empty() && sel.top == 0) sel.top = 5;
  std::string format = args.format;
  if (format.empty()) {  // from the output's name: .svg, .dot or .gv, or none (DOT)
    const std::string ext = std::filesystem::path(args.output).extension().string();
    if (ext == ".svg") {
      format = "svg";
    } else if (ext.empty() || ext == ".dot" || ext == ".gv") {
      format = "dot";
    } else {
      ctx.diag.Error("-o " + args.output +
                     ": graph writes DOT or SVG; name the file .svg, .dot or " +
                     ".gv, or say --format");
      return kExitUsage;
    }
  }
  Model model;
  if (!Load(args.input, &model, &ctx.diag)) return kExitUsage;
  Timings::Get().Phase("analyze");
  Analysis analysis = Analyze(model);
  Timings::Get().Phase("select");
  DrawOptions opt;
  std::vector<uint32_t> chains = SelectChains(model, analysis, sel, &opt.title);
  if (chains.empty()) {
    ctx.diag.Error("nothing to draw: no explained verdict matches (" + opt.title + ")");
    return kExitUsage;
  }
  opt.max_nodes = args.max_nodes;
  DrawGraph picture = ToDrawGraph(EscapeGraph(model, analysis, chains), opt);
  Timings::Get().Phase("render");
  OutputFile output(ctx.out);
  if (!output.Open(args.output, args.input.paths, &ctx.diag)) return kExitUsage;
  if (format == "svg") {
    std::string err;
    if (!RenderSvg(picture, &output.stream(), &err)) {  // writes nothing then
      ctx.diag.Error("graphviz: " + err);
      return kExitUsage;
    }
  } else {
    RenderDot(picture, &output.stream());
  }
  const bool written = output.Commit(&ctx.diag);
  Timings::Get().Phase("free");
  return written ? kExitOk : kExitUsage;
}

}  // namespace escviz
