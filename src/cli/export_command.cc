/// `escviz export`: the whole model as a snapshot (`--format json`, which every command reads
/// back) or as SARIF 2.1.0 (`--format sarif`). An output name ending in `.gz` is written
/// gzip-compressed.

#include "render/sarif_render.h"
#include "render/snapshot_writer.h"
#include "src/chains.h"
#include "src/cli/command.h"
#include "src/cli/output_file.h"

namespace escviz {

int RunExport(const ExportArgs& args, Context& ctx) {
  Model model;
  if (!Load(args.input, &model, &ctx.diag)) return kExitUsage;
  OutputFile output(ctx.out);
  if (!output.Open(args.output, args.input.paths, &ctx.diag)) return kExitUsage;
  if (args.format == ExportFormat::kJson) {
    output.stream() << WriteSnapshot(model, ESCVIZ_VERSION);
  } else {
    SarifOptions opt;
    opt.source_root = args.input.source_root;
    opt.version = ESCVIZ_VERSION;
    output.stream() << RenderSarif(model, Analyze(model), opt);
  }
  return output.Commit(&ctx.diag) ? kExitOk : kExitUsage;
}

}  // namespace escviz
