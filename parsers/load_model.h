#pragma once
/// The one way in: every command loads its inputs into a Model here, whatever they are (text
/// log, gzip, the compiler's JSON form, a snapshot; parsers/input_kind.h), then attributes
/// verdicts to functions from the Go sources and reports the input's problems.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/source_tree.h"
#include "src/diagnostics.h"
#include "src/model.h"
#include "src/package_scope.h"

namespace escviz {

/// The input options every command takes (declared once, in src/cli/app.cc).
struct LoadOptions {
  std::vector<std::string> paths;  ///< none, or `-`: standard input
  bool strict = false;             ///< --strict: an unrecognized line is an error
  std::string source_root;         ///< --source-root: where the log's relative paths are read
  bool no_sources = false;         ///< --no-sources: read no Go source file at all
  /// --count-no-alloc: escapes that allocate nothing count as heap allocations (Model).
  bool count_no_alloc = false;
  /// Model::collapse_runs: runs of identical verdict lines kept as one verdict each. Only for a
  /// command whose every output reads Model::Repeats (`summary` without --profile).
  bool collapse_runs = false;
  /// --package, --module, --exclude-std: applied after loading, by the command layer's Load
  /// (src/cli/load.cc), with RestrictToScope (src/package_scope.h).
  PackageScope scope;
  /// --profile: pprof heap profiles joined with the verdicts (src/profile_join.h), by Load too.
  std::vector<std::string> profiles;
  std::string sample_index = "alloc_space";  ///< --sample-index
};

/// Called as each phase of loading starts (`parse`, `sources`, `problems`), for timings.
using LoadPhaseHook = std::function<void(std::string_view phase)>;

/// Loads `options.paths` into an empty `model`. A snapshot is a model already: it is read as it
/// is (no source pass) and must be the only input. Text logs and JSON-form inputs are read in
/// order into one model, then verdicts are attributed from the sources `sources` reads (the one
/// tree of the run, made for the same --source-root; it keeps what it read for a later load, as
/// `diff` does for its two sides, and for the report's source view). With --no-sources, or
/// `sources` null, no source file is read. Input problems are reported as warnings.
/// False, reported, on unreadable or malformed input, a --source-root that is not a folder, or
/// unrecognized lines with --strict.
bool LoadModel(const LoadOptions& options, SourceTree* sources, Model* model, Diagnostics* diag,
               const LoadPhaseHook& phase = {});

}  // namespace escviz
