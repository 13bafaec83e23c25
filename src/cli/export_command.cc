/// `escviz export`: the whole model as a snapshot (`--format json`, which every command reads
/// back) or as SARIF 2.1.0 (`--format sarif`), streamed to the output (an output name ending in
/// `.gz` is written gzip-compressed).

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string_view>

#include "parsers/source_tree.h"
#include "render/sarif_render.h"
#include "render/snapshot_writer.h"
#include "src/chains.h"
#include "src/cli/command.h"
#include "src/cli/output_file.h"

namespace escviz {

int RunExport(const ExportArgs& args, Context& ctx) {
  // One tree for the run: attribution reads through it, and SARIF asks it where files are.
  std::unique_ptr<SourceTree> sources = NewSourceTree(args.input);
  Model model;
  if (!Load(args.input, &model, &ctx.diag, sources.get())) return kExitUsage;
  OutputFile output(ctx.out);
  if (!output.Open(args.output, args.input.paths, &ctx.diag)) return kExitUsage;
  if (args.format == ExportFormat::kJson) {
    WriteSnapshot(model, SnapshotOptions{ESCVIZ_VERSION}, &output.stream());
  } else {
    SarifOptions opt;
    std::string root = sources ? sources->root() : std::string();
    if (!root.empty() && root.back() != '/') root += '/';
    opt.source_root = root;
    // A file the tree finds under --source-root is relative to SRCROOT; any other relative
    // path is taken as relative to it too (the log's own spelling), an absolute one as is.
    opt.artifact = [&](std::string_view path) {
      if (sources) {
        if (std::optional<std::string> rel = sources->RelativeToRoot(path)) {
          return SarifArtifact{*rel, true};
        }
      }
      if (path.substr(0, 2) == "./") path.remove_prefix(2);
      // A Windows drive path is absolute: file:///C:/win/w.go, never the URI scheme `C:`.
      if (path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
          (path[2] == '\\' || path[2] == '/')) {
        std::string p = "/" + std::string(path);
        std::replace(p.begin(), p.end(), '\\', '/');
        return SarifArtifact{p, false};
      }
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
