/// `escviz export`: the whole model as a snapshot (`--format json`, which `diff` reads back) or
/// as SARIF 2.1.0 (`--format sarif`). An output name ending in `.gz` is written gzip-compressed.

#include <zlib.h>

#include <CLI/CLI.hpp>
#include <map>

#include "render/sarif_render.h"
#include "render/snapshot_writer.h"
#include "src/chains.h"
#include "src/cli/command.h"

namespace escviz {
namespace {

enum class ExportFormat { kJson, kSarif };

/// Writes `text` gzip-compressed (level 6, no name or time in the header) to `path`.
bool WriteGzip(const std::string& path, const std::string& text, Diagnostics* diag) {
  gzFile f = gzopen(path.c_str(), "wb6");
  bool ok = f != nullptr;
  if (ok && !text.empty()) {
    ok = gzwrite(f, text.data(), static_cast<unsigned>(text.size())) ==
         static_cast<int>(text.size());
  }
  if (f != nullptr && gzclose(f) != Z_OK) ok = false;
  if (!ok) diag->Error(path + ": cannot write");
  return ok;
}

class ExportCommand : public Command {
 public:
  void AddOptions(CLI::App* cmd) override {
    static const std::map<std::string, ExportFormat> kFormats = {{"json", ExportFormat::kJson},
                                                                 {"sarif", ExportFormat::kSarif}};
    inputs_.AddTo(cmd);
    cmd->add_option("--format", format_, "json (snapshot escviz.snapshot.v1) or sarif (2.1.0)")
        ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case));
    cmd->add_option("-o,--output", output_, "output file (default standard output; .gz: gzip)");
  }

  int Run(Context& ctx) override {
    Model model;
    if (!inputs_.Load(&model, &ctx.diag)) return kExitUsage;
    std::string text;
    if (format_ == ExportFormat::kJson) {
      text = WriteSnapshot(model, ESCVIZ_VERSION);
    } else {
      SarifOptions opt;
      opt.source_root = inputs_.source_root;
      opt.version = ESCVIZ_VERSION;
      text = RenderSarif(model, Analyze(model), opt);
    }
    bool gz = output_.size() > 3 && output_.compare(output_.size() - 3, 3, ".gz") == 0;
    bool ok =
        gz ? WriteGzip(output_, text, &ctx.diag) : WriteOutput(output_, text, ctx.out, &ctx.diag);
    return ok ? kExitOk : kExitUsage;
  }

 private:
  InputOptions inputs_;
  ExportFormat format_ = ExportFormat::kJson;
  std::string output_;
};

}  // namespace

std::unique_ptr<Command> NewExportCommand() { return std::make_unique<ExportCommand>(); }

}  // namespace escviz
