/// `escviz sites`: one heap allocation per line, with its pattern and cause.

#include <string>

#include "render/sites_render.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/patterns.h"

namespace escviz {

int RunSites(const SitesArgs& args, Context& ctx) {
  SitesOptions options;
  options.format = args.format == "tsv"     ? SitesOptions::Format::kTsv
                   : args.format == "jsonl" ? SitesOptions::Format::kJsonl
                                            : SitesOptions::Format::kText;
  for (const std::string& id : args.patterns) {
    Pattern p;
    if (!PatternOfId(id, &p)) {
      std::string ids;
      for (const PatternInfo& info : kPatterns)
        ids += (ids.empty() ? "" : ", ") + std::string(info.id);
      ctx.diag.Error("--pattern: no pattern '" + id + "'; the patterns are " + ids);
      return kExitUsage;
    }
    options.patterns.push_back(p);
  }
  Model model;
  if (!Load(args.input, &model, &ctx.diag)) return kExitUsage;
  Timings::Get().Phase("analyze");
  const Analysis analysis = Analyze(model);
  const std::vector<AllocationPattern> patterns = ClassifyPatterns(model, analysis);
  Timings::Get().Phase("render");
  RenderSites(model, analysis, patterns, options, &ctx.out);
  Timings::Get().Phase("free");
  return kExitOk;
}

}  // namespace escviz
