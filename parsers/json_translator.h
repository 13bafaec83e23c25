#pragma once
/// Turns the diagnostics of one file of the JSON form into the text lines that the same build
/// prints at `-m -m`, so that they go through the same Classifier into the same ModelBuilder
/// as a text log and give the same model. (The alternative, filling ParsedLine records directly,
/// would duplicate the line grammar of explanation lines; rendering keeps one grammar.)
///
/// What is rendered (go-diagnostics.md section 9):
/// - `canInlineFunction` / `cannotInlineFunction`: `POS: can inline F with cost N as: ` and
///   `POS: cannot inline F: REASON`, F named from the source (json_function_names.h).
/// - `escape` / `escapes` with a message: the explanation block (`POS: X escapes to heap:`, one
///   line per `escflow:` entry, notes given back their ` at POS` from the entry's location);
///   a block whose first flow is `{...} = &X` for X itself explains a variable, and gives the
///   `moved to heap: X` verdict the JSON form has no record for.
/// - `escape` with an empty message: the `X escapes to heap` verdict, X taken from the blocks at
///   the same position (the record itself names nothing).
/// - `leak`: the `parameter P leaks to D with derefs=N:` block. The `leaking param` verdicts,
///   which the JSON form lacks, are derived after a position's records as the compiler derives
///   them (the least derefs per destination; a result leak dropped when the heap leak is no
///   longer; none for wrappers, unnamed or imported parameters, variables moved to heap, or
///   parameters of a predeclared scalar type when the source says so).
/// - other codes (`nilcheck`, `isInBounds`, `copy`, ...): one `other_optimization` line each.
/// Lines come out position by position, blocks before the verdicts they explain.

#include <cstdint>
#include <string>
#include <vector>

#include "parsers/json_function_names.h"
#include "parsers/json_record.h"
#include "parsers/source_tree.h"
#include "src/line_kind.h"

namespace escviz {

/// One rendered line and the JSON line it came from.
struct JsonTextLine {
  std::string text;
  uint64_t json_line = 0;
  /// kCount: classify `text`; otherwise the kind to count it as (kOtherOptimization for codes
  /// the text log has no form for, kUnrecognized for records that could not be used).
  LineKind kind = LineKind::kCount;
};

/// A diagnostic with the line of its file it was read from.
struct NumberedDiagnostic {
  uint64_t json_line = 0;
  JsonDiagnostic diag;
};

class JsonTranslator {
 public:
  /// Function names are read from the Go source each header names, found and read through
  /// `sources` (its one policy: under the root, else as given); none when it is null.
  explicit JsonTranslator(SourceTree* sources);

  /// Starts a package whose own files are in `dir` (others hold code inlined from elsewhere):
  /// closures and `init` functions are numbered from the start again, over its own files.
  void BeginPackage(std::string dir);

  /// Appends the lines of one file to `out`. Never fails: records it cannot use come out as
  /// kUnrecognized lines.
  void Translate(const JsonHeader& header, const std::vector<NumberedDiagnostic>& diags,
                 std::vector<JsonTextLine>* out);

  /// How many files had readable sources, and how many did not (functions then get
  /// placeholder names, PlaceholderFunctionName).
  uint32_t files_with_source() const { return files_with_source_; }
  uint32_t files_without_source() const { return files_without_source_; }

 private:
  struct FileState;
  void TranslateGroup(FileState* fs, size_t begin, size_t end);

  SourceTree* sources_ = nullptr;
  PackageCounters package_;
  std::string package_dir_;
  uint32_t files_with_source_ = 0;
  uint32_t files_without_source_ = 0;
};

}  // namespace escviz
