#include "src/cli/command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <map>

#include "parsers/source_attribution.h"
#include "parsers/source_tree.h"
#include "parsers/text_log_parser.h"
#include "src/cli/timings.h"

namespace escviz {

void InputOptions::AddTo(CLI::App* cmd) {
  cmd->add_option("inputs", paths,
                  "compiler output files (`-` or none: standard input; .gz read transparently)");
  cmd->add_flag("--strict", strict, "exit with status 2 if any line is unrecognized");
  cmd->add_option("--source-root", source_root,
                  "directory the log's relative source paths (and $GOROOT/) are read under, "
                  "to attribute verdicts to functions; absolute paths are read without it");
  cmd->add_flag("--no-sources", no_sources, "read no Go source file, not even at absolute paths");
}

std::unique_ptr<SourceTree> InputOptions::NewSourceTree() const {
  if (no_sources) return nullptr;
  return std::make_unique<SourceTree>(source_root, /*absolute_paths=*/true);
}

bool InputOptions::Load(Model* model, Diagnostics* diag, SourceTree* sources) const {
  if (!SourceTree::CheckRoot(source_root, diag)) return false;
  std::unique_ptr<SourceTree> own;
  if (no_sources) {
    sources = nullptr;
  } else if (sources == nullptr) {
    own = NewSourceTree();
    sources = own.get();
  }
  Timings::Get().Phase("parse");
  if (!ParseTextLogs(paths, model, diag, JsonLogOptions{sources})) return false;
  if (sources != nullptr) {
    Timings::Get().Phase("sources");
    AttributeFromSources(model, sources, diag);
  }
  Timings::Get().Phase("problems");
  uint64_t unrecognized = ReportInputProblems(*model, diag);
  Timings::Get().Phase("command");
  if (strict && unrecognized > 0) {
    diag->Error(fmt::format("{} unrecognized line{} (--strict)", unrecognized,
                            unrecognized == 1 ? "" : "s"));
    return false;
  }
  return true;
}

bool ParseAtOption(const std::string& text, std::optional<PlaceQuery>* place, Diagnostics* diag) {
  *place = ParsePlace(text);
  if (!*place) diag->Error("--at wants FILE:LINE or FILE:LINE:COL, got '" + text + "'");
  return place->has_value();
}

void AddOutputFormatOption(CLI::App* cmd, OutputFormat* format) {
  static const std::map<std::string, OutputFormat> kFormats = {
      {"text", OutputFormat::kText},
      {"json", OutputFormat::kJson},
      {"markdown", OutputFormat::kMarkdown}};
  cmd->add_option("--format", *format, "text, json or markdown")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case));
}

bool WriteOutput(const std::string& path, const std::string& text, std::ostream& out,
                 Diagnostics* diag) {
  if (path.empty() || path == "-") {
    out << text;
    return true;
  }
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) {
    diag->Error(path + ": cannot write");
    return false;
  }
  return true;
}

}  // namespace escviz
