#pragma once
/// Fills a Model from classified lines, keeping the state that spans lines: the current package,
/// the open explanation block, explanations waiting for their verdict, and the functions
/// declared so far (for attribution when a package block ends).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parsers/classifier.h"
#include "src/model.h"

namespace escviz {

class ModelBuilder {
 public:
  /// How many unrecognized lines are kept verbatim for the report.
  static constexpr size_t kUnrecognizedSamples = 20;

  explicit ModelBuilder(Model* model);

  /// Starts a new input; returns its index for SourceRefs.
  /// With `same_package`, the input continues the package of the one before (the JSON form has
  /// one input per source file of a package); otherwise it starts in the unnamed package.
  uint32_t BeginInput(std::string name, bool same_package = false);
  /// Adds one classified record; `raw` is its text (kept for unrecognized samples). A record
  /// spans `lines` physical lines (more than one when a raw string literal runs on, see
  /// parsers/raw_string.h); the lines after its first are counted as continuation lines.
  void AddLine(const ParsedLine& line, SourceRef src, std::string_view raw, uint32_t lines = 1);
  /// Counts `blank` blank lines and `unrecognized` unrecognized lines that followed the last
  /// line added, without their text (parsers/line_pipeline.h folds them; the first unrecognized
  /// lines, the samples, come through AddLine).
  void AddCounted(uint64_t blank, uint64_t unrecognized);
  /// Ends the input stream: closes the open block, attributes functions, indexes explanations.
  void Finish();

 private:
  /// Where blocks wait for their verdict: their position.
  struct PendingKey {
    StrId file;
    uint32_t line, col;
    bool operator==(const PendingKey& o) const {
      return file == o.file && line == o.line && col == o.col;
    }
  };
  struct PendingHash {
    size_t operator()(const PendingKey& k) const {
      size_t h = k.file;
      h = h * 1000003u ^ k.line;
      h = h * 1000003u ^ k.col;
      return h;
    }
  };

  Position Intern(const PosText& p);
  void StartPackage(const ParsedLine& line, SourceRef src);
  void FinishPackage();
  void CloseBlock();
  /// Records an explanation line that has no open block to belong to.
  void Orphan(SourceRef src, std::string_view raw);
  void AddVerdict(VerdictKind kind, const ParsedLine& line, SourceRef src);
  /// Keeps an inlining line (kInlineKinds) as an InlineRecord.
  void AddInlineRecord(const ParsedLine& line);
  /// Keeps a -live line (kLiveKinds) as a LiveRecord.
  void AddLiveRecord(const ParsedLine& line);
  /// A subject cut at its first '(' (`fmt.Sprintf("%d", base)` -> `fmt.Sprintf`).
  static std::string_view LooseSubject(std::string_view subject);
  /// Which waiting block a heap verdict with `subject` takes; waiting.size() for none.
  size_t ChooseEscapesBlock(const std::vector<uint32_t>& waiting, StrId subject,
                            std::string_view loose) const;
  void AddFunction(std::string_view name, const Position& decl);
  uint32_t FunctionByName(StrId name);
  void AttributeFunctions();
  /// True when verdict `v`, read from `src`, repeats the verdict before it, which it then
  /// extends (Model::collapse_runs).
  bool ExtendsRun(const Verdict& v, SourceRef src);

  Model* m_;
  uint32_t package_ = 0;
  uint32_t package_first_verdict_ = 0;
  uint32_t package_first_function_ = 0;
  uint32_t package_first_explanation_ = 0;
  bool package_has_cannot_inline_ = false;
  uint32_t open_block_ = kNone;  ///< explanation whose flow/from lines are being read
  std::unordered_map<PendingKey, std::vector<uint32_t>, PendingHash> pending_;
  /// The heap verdict at a position (and of a subject) that took blocks, and those blocks: a
  /// second verdict alike there (two identical expressions of one inlined call) takes one.
  struct Taken {
    uint32_t verdict = kNone;
    std::vector<uint32_t> blocks;
  };
  std::unordered_map<PendingKey, std::unordered_map<StrId, Taken>, PendingHash> taken_;
  /// The last verdict added, the last line of its run, and whether a block explains it: a
  /// verdict explained is never the start of a run (Model::collapse_runs).
  uint32_t run_verdict_ = kNone;
  uint64_t run_last_line_ = 0;
  bool run_explained_ = false;
  /// (package << 32 | name) -> function index, for `in FUNC` and duplicate declarations.
  std::unordered_map<uint64_t, uint32_t> function_ids_;
};

}  // namespace escviz
