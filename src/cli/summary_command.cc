/// `escviz summary`: counts, top packages, files and functions, top causes.

#include <cstdlib>
#include <string_view>

#include "render/summary_render.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/summary.h"

namespace escviz {
namespace {

/// ESCVIZ_NO_RUNS=1 keeps every verdict line a verdict of its own, for the tests that check a
/// summary is the same either way (tests/runs_test.sh).
bool DisableRuns() {
  const char* e = std::getenv("ESCVIZ_NO_RUNS");
  return e != nullptr && *e != '\0' && std::string_view(e) != "0";
}

}  // namespace

int RunSummary(const SummaryArgs& args, Context& ctx) {
  Model model;
  // Every figure of a summary reads Model::Repeats: a run of identical verdict lines can be one
  // verdict (issue 21). The profile join counts verdicts one by one: not with a profile.
  LoadOptions input = args.input;
  input.collapse_runs = input.profiles.empty() && !DisableRuns();
  if (!Load(input, &model, &ctx.diag)) return kExitUsage;
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
