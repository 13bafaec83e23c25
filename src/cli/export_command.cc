/// `escviz export`: the whole model as a snapshot (`--format json`, which `diff` reads back) or
/// as SARIF 2.1.0 (`--format sarif`). An output name ending in `.gz` is written gzip-compressed.

#include <zlib.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include "parsers/source_tree.h"
#include "render/sarif_render.h"
#include "render/snapshot_writer.h"
#include "src/chains.h"
#include "src/cli/command.h"

namespace escviz {
namespace {

enum class ExportFormat { kJson, kSarif };

/// A string stream whose text can be read without the copy std::ostringstream::str() makes.
class TextBuffer : public std::stringbuf {
 public:
  std::string_view text() const { return {pbase(), static_cast<size_t>(pptr() - pbase())}; }
};

/// Writes `text` gzip-compressed (level 6, no name or time in the header) to `path`.
bool WriteGzip(const std::string& path, std::string_view text, Diagnostics* diag) {
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
    auto render = [&](std::ostream* out) {
      if (format_ == ExportFormat::kJson) {
        WriteSnapshot(model, SnapshotOptions{ESCVIZ_VERSION}, out);
        return;
      }
      // Where SARIF places each file: under --source-root relative to SRCROOT, else absolute.
      // Lexical, over the root SourceTree makes (the one path resolver to come will replace it).
      SourceTree tree(inputs_.source_root);
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
      RenderSarif(model, Analyze(model), opt, out);
    };
    // Streamed straight to a file or standard output (the whole text is never held); gzip for
    // now through a string. Until the one streaming output writer replaces this.
    bool gz = output_.size() > 3 && output_.compare(output_.size() - 3, 3, ".gz") == 0;
    if (gz) {
      TextBuffer text;
      std::ostream stream(&text);
      render(&stream);
      return WriteGzip(output_, text.text(), &ctx.diag) ? kExitOk : kExitUsage;
    }
    if (output_.empty() || output_ == "-") {
      render(&ctx.out);
      return kExitOk;
    }
    std::ofstream file(output_, std::ios::binary);
    if (file) render(&file);
    file.close();
    if (!file) {
      ctx.diag.Error(output_ + ": cannot write");
      return kExitUsage;
    }
    return kExitOk;
  }

 private:
  InputOptions inputs_;
  ExportFormat format_ = ExportFormat::kJson;
  std::string output_;
};

}  // namespace

std::unique_ptr<Command> NewExportCommand() { return std::make_unique<ExportCommand>(); }

}  // namespace escviz
