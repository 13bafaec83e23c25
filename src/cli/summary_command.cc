/// `escviz summary`: counts, top packages, files and functions, top causes.

#include "render/summary_render.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/summary.h"

namespace escviz {

int RunSummary(const SummaryArgs& args, Context& ctx) {
  Model model;
  if (!Load(args.input, &model, &ctx.diag)) return kExitUsage;
  Timings::Get().Phase("analyze");
  const Analysis analysis = Analyze(model);
  Timings::Get().Phase("summarize");
  const Summary summary = Summarize(model, analysis);
  Timings::Get().Phase("render");
  RenderSummary(summary, args.render, &ctx.out);
  Timings::Get().Phase("free");
  return kExitOk;
}

}  // namespace escviz
