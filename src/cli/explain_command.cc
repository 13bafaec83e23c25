/// `escviz explain`: the chain(s) of the verdicts at a place (--at) or of a name (--name).

#include <algorithm>

#include "render/chains_json.h"
#include "render/escape.h"
#include "render/explain_render.h"
#include "src/chains.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/profile_join.h"

namespace escviz {
namespace {

/// Keeps the verdicts found at a place that also match --name and --func.
std::vector<uint32_t> Filter(const ExplainArgs& args, const Model& model,
                             std::vector<uint32_t> found) {
  if (args.name.empty() && args.func.empty()) return found;
  std::vector<uint32_t> keep;
  for (uint32_t v : found) {
    if (!args.name.empty() && model.str(model.verdicts[v].subject) != args.name) continue;
    if (!args.func.empty() && !FunctionMatches(model, model.verdicts[v].function, args.func)) {
      continue;
    }
    keep.push_back(v);
  }
  return keep;
}

/// Says that nothing is at --at, and what is nearest in that file.
void ReportNoVerdictAt(const ExplainArgs& args, const Model& model, const PlaceQuery& place,
                       Context& ctx) {
  ctx.diag.Error("no verdict at " + args.at);
  std::vector<uint32_t> near = Nearest(model, place, 5);
  if (near.empty()) {
    ctx.diag.Note("no verdict in any file matching '" + place.file + "'");
    return;
  }
  ctx.diag.Note("nearest verdicts in that file:");
  for (uint32_t v : near)
    ctx.diag.stream() << "  " << TerminalSafe(VerdictLine(model, model.verdicts[v])) << "\n";
}

}  // namespace

int RunExplain(const ExplainArgs& args, Context& ctx) {
  std::optional<PlaceQuery> place;
  if (!args.at.empty() && !ParseAtOption(args.at, &place, &ctx.diag)) return kExitUsage;
  if (!place && args.name.empty() && !args.all) {
    ctx.diag.Error("explain needs --at FILE:LINE[:COL], --name EXPR or --all");
    return kExitUsage;
  }
  Model model;
  if (!Load(args.input, &model, &ctx.diag)) return kExitUsage;
  Timings::Get().Phase("find");
  std::vector<uint32_t> found;
  if (args.all) {
    for (uint32_t v = 0; v < model.verdicts.size(); ++v) {
      if (IsExplainable(model.verdicts[v].kind)) found.push_back(v);
    }
    if (model.profile) {  // the costliest first
      const ProfileJoin& join = *model.profile;
      std::stable_sort(found.begin(), found.end(), [&](uint32_t x, uint32_t y) {
        return join.RankOf(model, x) > join.RankOf(model, y);
      });
    }
  } else {
    found = place ? Filter(args, model, FindAt(model, *place))
                  : FindByName(model, args.name, args.func);
  }
  if (!found.empty() || (args.all && args.format == "json")) {
    Timings::Get().Phase("analyze");
    // Text shows only the chains of what was found: those alone are built. JSON counts the
    // blocks in all chains of the log.
    const bool only = args.format != "json" && !args.all;
    const Analysis analysis = only ? AnalyzeOnly(model, found) : Analyze(model);
    Timings::Get().Phase("render");
    if (args.format == "json") {
      RenderChainsJson(model, analysis, found, args.all, &ctx.out);
    } else {
      RenderExplain(model, analysis, found, &ctx.out);
    }
    Timings::Get().Phase("free");
    return kExitOk;
  }
  if (place) {
    ReportNoVerdictAt(args, model, *place, ctx);
  } else {
    ctx.diag.Error("no verdict for '" + args.name + "'" +
                   (args.func.empty() ? "" : " in " + args.func));
  }
  return kExitUsage;
}

}  // namespace escviz
