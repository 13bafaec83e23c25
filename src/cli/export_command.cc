/// `escviz export`: the whole model as a snapshot (`--format json`, which every command reads
/// back) or as SARIF 2.1.0 (`--format sarif`), streamed to the output (an output name ending in
/// `.gz` is written gzip-compressed).

#include <memory>
#include <string_view>

#include "parsers/source_tree.h"
#include "render/sarif_render.h"
#include "render/snapshot_writer.h"
#include "src/chains.h"
#include "src/cli/command.h"
#include "src/cli/output_file.h"
#include "src/patterns.h"

namespace escviz {

int RunExport(const ExportArgs& args, Context& ctx) {
  // One tree for the run: attribution reads through it, and SARIF asks it where files are.
  std::unique_ptr<SourceTree> sources = NewSourceTree(args.input);
  Model model;
  if (!Load(args.input, &model, &ctx.diag, sources.get())) return kExitUsage;
  OutputFile output(ctx.out);
  if (!output.Open(args.output, args.input.paths, &ctx.diag)) return kExitUsage;
  if (args.format == ExportFormat::kJson) {
    const std::vector<AllocationPattern> patterns = ClassifyPatterns(model, Analyze(model));
    SnapshotOptions opt{ESCVIZ_VERSION, &patterns};
    WriteSnapshot(model, opt, &output.stream());
  } else {
    SarifOptions opt;
    std::string root = sources ? sources->root() : std::string();
    if (!root.empty() && root.back() != '/') root += '/';
    opt.source_root = root;
    opt.artifact = [&](std::string_view path) { return PlaceArtifact(path, root, sources.get()); };
    opt.version = ESCVIZ_VERSION;
    RenderSarif(model, Analyze(model), opt, &output.stream());
  }
  return output.Commit(&ctx.diag) ? kExitOk : kExitUsage;
}

}  // namespace escviz
