/// `escviz diff BASE HEAD`: what heap allocations (or, with --kinds, other verdicts) HEAD has
/// that BASE lacks, and the reverse. Each side is a log (several with --base/--head repeated) or
/// a snapshot of `escviz export --format json`, told apart by content. `--fail-on new` exits 1
/// when HEAD has a heap allocation BASE lacks.

#include <sstream>
#include <thread>

#include "parsers/source_tree.h"
#include "render/diff_render.h"
#include "src/cli/command.h"
#include "src/cli/output_file.h"
#include "src/cli/timings.h"
#include "src/diff.h"

namespace escviz {

int RunDiff(const DiffArgs& args, Context& ctx) {
  std::vector<std::string> base = args.base, head = args.head;
  if (base.empty() != head.empty() || (!base.empty() && !args.sides.empty()) ||
      (base.empty() && args.sides.size() != 2)) {
    ctx.diag.Error("diff wants BASE HEAD, or --base and --head (repeated for several logs)");
    return kExitUsage;
  }
  if (base.empty()) {
    base = {args.sides[0]};
    head = {args.sides[1]};
  }
  DiffKinds kinds;
  std::string bad;
  if (!args.kinds.empty() && !kinds.Parse(args.kinds, &bad)) {
    ctx.diag.Error("--kinds: unknown verdict kind '" + bad + "'");
    return kExitUsage;
  }
  // Both sides name mostly the same source files, read from disk as they are now: read once.
  SourceTree sources(args.input.source_root, /*absolute_paths=*/true);
  LoadOptions base_in = args.input, head_in = args.input;
  base_in.paths = base;
  head_in.paths = head;
  Model base_model, head_model;
  if (!Load(base_in, &base_model, &ctx.diag, &sources) ||
      !Load(head_in, &head_model, &ctx.diag, &sources)) {
    return kExitUsage;
  }
  // Matching and the two analyses only read the models: the matching runs on a thread of
  // its own meanwhile (it takes about as long as both analyses).
  Timings::Get().Phase("diff and analyze");
  DiffResult d;
  std::thread differ([&] { d = Diff(base_model, head_model, kinds); });
  Analysis base_analysis = Analyze(base_model);
  Analysis head_analysis = Analyze(head_model);
  differ.join();
  Timings::Get().Phase("render");
  std::vector<std::string> inputs = base;
  inputs.insert(inputs.end(), head.begin(), head.end());
  OutputFile output(ctx.out);
  if (!output.Open(args.output, inputs, &ctx.diag)) return kExitUsage;
  RenderDiff(d, {base_model, base_analysis, head_model, head_analysis}, args.render,
             &output.stream());
  Timings::Get().Phase("free");
  if (!output.Commit(&ctx.diag)) return kExitUsage;
  return args.fail_on == "new" && d.added_heap() > 0 ? kExitGate : kExitOk;
}

}  // namespace escviz
