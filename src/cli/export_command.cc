/// `escviz export`: the whole model as a snapshot (`--format json`, which every command reads
/// back) or as SARIF 2.1.0 (`--format sarif`), streamed to the output (an output name ending in
/// `.gz` is written gzip-compressed).

#include <string_view>

#include "parsers/source_tree.h"
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
    WriteSnapshot(model, SnapshotOptions{ESCVIZ_VERSION}, &output.stream());
  } else {
    // Where SARIF places each file: under --source-root relative to SRCROOT, else absolute.
    // Lexical, over the root SourceTree makes.
    SourceTree tree(args.input.source_root);
    std::string root = tree.root();
    if (!root.empty() && root.back() != '/') root += '/';
    SarifOptions opt;
    opt.source_root = root;
    opt.artifact = [&root](std::string_view path) {
      if (path.substr(0, 2) == "./") path.remove_prefix(2);
      if (path.empty() || path[0] != '/') return SarifArtifact{std::string(path), true};
      if (!root.empty() && path.substr(0, root.size()) == root) {
        return SarifArtifact{std::string(path.substr(root.size())), true};
      }
      return SarifArtifact{std::string(path), false};
    };
    opt.version = ESCVIZ_VERSION;
    RenderSarif(model, Analyze(model), opt, &output.stream());
  }
  return output.Commit(&ctx.diag) ? kExitOk : kExitUsage;
}

}  // namespace escviz
