#pragma once
/// Attribution of verdicts to functions from Go source files: the post-pass that runs after a
/// log is parsed, when the sources it names can be read (`--source-root DIR`, or absolute paths).

#include <cstdint>

#include "parsers/source_tree.h"
#include "src/diagnostics.h"
#include "src/model.h"

namespace escviz {

/// What one run of AttributeFromSources did.
struct SourceAttributionStats {
  uint64_t files_read = 0;       ///< log file names whose source was scanned
  uint64_t files_missing = 0;    ///< `.go` file names not found (or unreadable)
  uint64_t files_refused = 0;    ///< `.go` file names found outside what may be read (warned)
  uint64_t files_stale = 0;      ///< sources that match none of the log's declarations (warned)
  uint64_t verdicts = 0;         ///< verdicts now attributed by source
  uint64_t changed = 0;          ///< ... whose function differs from before
  uint64_t functions_added = 0;  ///< functions the log never names, created from the source
};

/// Re-attributes every verdict not named by the compiler (Attribution::kCompiler) whose `.go`
/// file `tree` can read: its function becomes the innermost function declaration or literal
/// around its position (the `-L` physical position when there is one; a verdict at a literal's
/// `func` keyword, `func literal escapes to heap`, is its parent's). Names are the log's own:
/// an extent whose position the log declares (`can inline F` / `cannot inline F` at the same
/// place) is that function, so generic instances (`Map[go.shape.int_0]`) and closures line up
/// with chains and rankings; other closures are named as the compiler does, after their
/// parent (`F.func1`, `F.func1.1`, `(*T).M.func2`); code outside every function is the
/// package's `init`. Verdicts in a literal at package level or an `init` function without a
/// declaration line keep their attribution (the compiler numbers those across the package).
/// Files are found and read through `tree` only (its one policy, parsers/source_tree.h); the
/// paths it refused so far are warned about at the end (SourceTree::WarnRefused: the first ten,
/// then a count). Warns once per source that matches none of the declarations the log gives
/// for it (stale; the first ten, then a count).
SourceAttributionStats AttributeFromSources(Model* model, SourceTree* tree, Diagnostics* diag);

}  // namespace escviz
