#include "parsers/load_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "parsers/input_kind.h"
#include "parsers/snapshot_reader.h"
#include "parsers/source_attribution.h"
#include "parsers/text_log_parser.h"

namespace escviz {

bool LoadModel(const LoadOptions& options, SourceTree* sources, Model* model, Diagnostics* diag,
               const LoadPhaseHook& phase) {
  auto start = [&](std::string_view name) {
    if (phase) phase(name);
  };
  if (!options.source_root.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(options.source_root, ec)) {
      diag->Error("--source-root " + options.source_root + ": not a folder");
      return false;
    }
  }
  if (std::count(options.paths.begin(), options.paths.end(), "-") > 1) {
    diag->Error("standard input (-) is named more than once: it can be read only once");
    return false;
  }
  start("parse");
  for (const std::string& path : options.paths) {
    if (InputKindOf(path) != InputKind::kSnapshot) continue;
    if (options.paths.size() > 1) {
      diag->Error(path + ": a snapshot is read by itself, not with other inputs");
      return false;
    }
    return ReadSnapshotFile(path, model, diag);
  }
  if (!ParseTextLogs(options.paths, model, diag,
                     JsonLogOptions{options.source_root, !options.no_sources})) {
    return false;
  }
  if (!options.no_sources) {
    start("sources");
    AttributeFromSources(model, sources, diag);
  }
  start("problems");
  const uint64_t unrecognized = ReportInputProblems(*model, diag);
  if (options.strict && unrecognized > 0) {
    diag->Error(fmt::format("{} unrecognized line{} (--strict)", unrecognized,
                            unrecognized == 1 ? "" : "s"));
    return false;
  }
  return true;
}

}  // namespace escviz
