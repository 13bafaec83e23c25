#include "parsers/load_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <new>

#include "parsers/allocation_facts.h"
#include "parsers/function_params.h"
#include "parsers/input_kind.h"
#include "parsers/pattern_facts.h"
#include "parsers/snapshot_reader.h"
#include "parsers/source_attribution.h"
#include "parsers/text_log_parser.h"
#include "src/verdict_runs.h"

namespace escviz {
namespace {

/// A log with compiler errors is the log of a build that failed: its verdicts are those of the
/// packages that compiled before it stopped, so counting them, or gating a pull request on them,
/// would report a change that is not there. False (reported, with the first errors) then.
bool ReportFailedBuild(const Model& model, Diagnostics* diag) {
  const uint64_t errors = model.line_counts[static_cast<int>(LineKind::kCompilerError)];
  if (errors == 0) return true;
  const Unrecognized& first = model.first_compiler_error;
  diag->Error(fmt::format(
      "{}: the build failed: {}{}", Where(model.inputs[first.src.input], first.src.line),
      first.text,
      errors > 1 ? fmt::format(" (and {} more compiler errors)", errors - 1) : std::string()));
  diag->Note("escviz reads the log of a build that compiles: fix the build, then run it again");
  return false;
}

}  // namespace

bool LoadModel(const LoadOptions& options, SourceTree* sources, Model* model, Diagnostics* diag,
               const LoadPhaseHook& phase) {
  auto start = [&](std::string_view name) {
    if (phase) phase(name);
  };
  if (!SourceTree::CheckRoot(options.source_root, diag)) return false;
  if (options.no_sources) sources = nullptr;
  if (std::count(options.paths.begin(), options.paths.end(), "-") > 1) {
    diag->Error("standard input (-) is named more than once: it can be read only once");
    return false;
  }
  model->count_no_alloc = options.count_no_alloc;
  model->collapse_runs = options.collapse_runs;
  start("parse");
  std::vector<InputKind> kinds;  // each input looked at once
  for (const std::string& path : options.paths) kinds.push_back(InputKindOf(path));
  for (size_t i = 0; i < options.paths.size(); ++i) {
    const std::string& path = options.paths[i];
    if (kinds[i] != InputKind::kSnapshot) continue;
    if (options.paths.size() > 1) {
      diag->Error(path + ": a snapshot is read by itself, not with other inputs");
      return false;
    }
    return ReadSnapshotFile(path, model, diag);
  }
  try {
    if (!ParseTextLogs(options.paths, model, diag, JsonLogOptions{sources}, &kinds)) {
      return false;
    }
  } catch (const std::bad_alloc&) {  // the model of a huge log: say which, and how far it got
    const std::string name = model->inputs.empty() ? std::string("input") : model->inputs.back();
    uint64_t verdicts = model->verdicts.size();
    for (const auto& run : model->runs) verdicts += run.second - 1;  // a run is its lines
    diag->Error(
        fmt::format("{}: out of memory after {} lines ({} verdicts); read fewer or "
                    "smaller logs, or give escviz more memory",
                    name, model->total_lines, verdicts));
    return false;
  }
  if (!ReportFailedBuild(*model, diag)) return false;
  start("sources: questions");
  // Its questions first, so that attribution's reading of the sources scans their names too.
  AllocationClassifier allocations(model, sources);  // expressions only without sources
  if (sources != nullptr) {
    start("sources: attribution");
    AttributeFromSources(model, sources, diag);
    start("sources: parameters");
    ReadFunctionParams(model, sources);
  }
  start("sources: allocations");
  allocations.Classify();
  start("sources: patterns");
  FindPatternFacts(model, sources);
  ExpandPairableRuns(model);
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
