#pragma once
/// The escape model of SPEC section 3: packages, functions, verdicts and their explanations.
/// Filled by ModelBuilder; read by queries and renderers. Strings are interned in `strings`;
/// records refer to each other by index, so the model is compact and cheap to move.

#include <absl/container/flat_hash_map.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "src/line_kind.h"
#include "src/string_pool.h"

namespace escviz {

enum class VerdictKind : uint8_t {
  kMovedToHeap,
  kEscapesToHeap,
  kDoesNotEscape,
  kLeakingParam,
  kLeakingParamContent,
  kLeakingParamToResult,
  kZeroCopy,
  kAssumingUnsafeUintptr,
  kMarkingEscapingUintptr,
  kMutatesParam,
  kCallsParam,
  kNoEscapeMutateCall,
  kCount
};
constexpr int kVerdictKindCount = static_cast<int>(VerdictKind::kCount);

/// "moved_to_heap", "escapes_to_heap", ... (the JSON names of SPEC 4.1).
std::string_view VerdictKindName(VerdictKind k);
/// True for the two kinds that are heap allocations.
inline bool IsHeap(VerdictKind k) {
  return k == VerdictKind::kMovedToHeap || k == VerdictKind::kEscapesToHeap;
}
/// True for the three `leaking param` kinds (`leaking param: P`, content, to result).
inline bool IsLeak(VerdictKind k) {
  return k == VerdictKind::kLeakingParam || k == VerdictKind::kLeakingParamContent ||
         k == VerdictKind::kLeakingParamToResult;
}
/// True for the kinds -m=2 explains, heap allocations and leaking parameters: only their
/// verdicts claim explanation blocks, and only they get a SARIF result.
inline bool IsExplainable(VerdictKind k) { return IsHeap(k) || IsLeak(k); }
/// The verdict kind of a verdict line kind; false if `k` is not a verdict.
bool VerdictKindOf(LineKind k, VerdictKind* out);

constexpr uint32_t kNone = UINT32_MAX;

/// How a verdict's function was found, in order of trust (README "How input is read").
enum class Attribution : uint8_t {
  kCompiler,   ///< named by the compiler: Go 1.26's ` in FUNC` / ` for FUNC`
  kSource,     ///< the innermost function of the source file around the verdict
  kHeuristic,  ///< the nearest `can inline` / `cannot inline` declaration before the verdict
  kUnknown,    ///< not found: the function is `?`
  kCount
};
constexpr int kAttributionCount = static_cast<int>(Attribution::kCount);

/// "compiler", "source", "heuristic", "unknown" (the JSON names of `summary`).
std::string_view AttributionName(Attribution a);

/// Where a record came from: input index and 1-based line number.
struct SourceRef {
  uint32_t input = 0;
  uint64_t line = 0;
};

struct Position {
  StrId file = 0;      ///< as printed (`./main.go`, `/usr/lib/go/src/fmt/print.go`)
  uint32_t line = 0;   ///< 0 for `<unknown line number>` or no position
  uint32_t col = 0;    ///< 0 when not printed
  StrId physical = 0;  ///< `-L` bracket text, else 0
};

struct Package {
  StrId name = 0;     ///< import path as in the header (`example.com/esc/sub`)
  StrId variant = 0;  ///< `example.com/esc/sub.test` for `# p [p.test]`, else 0
  SourceRef header;
};

struct Function {
  StrId name = 0;  ///< as the compiler prints it: `main`, `(*T).M`, `closure.func1`
  uint32_t package = 0;
  Position decl;  ///< from `can inline` / `cannot inline`; line 0 when only named by `in FUNC`
  /// Its parameters' names in declaration order, the receiver's first: params[first_param,
  /// +param_count), `_` for an unnamed one. From the Go source (parsers/function_params.h);
  /// first_param is kNone when the source was not read.
  uint32_t first_param = kNone;
  uint16_t param_count = 0;
  bool receiver = false;  ///< params begin with the receiver
  bool variadic = false;  ///< the last parameter is `...T`
};

/// A `from EXPR (REASON) at POS` note of a flow step.
struct Note {
  StrId expr = 0;
  StrId reason = 0;
  Position pos;
};

/// One `flow: DST = OPS SRC` line of an explanation; its notes are notes[first_note, +count).
struct FlowStep {
  StrId dst = 0;
  StrId src = 0;
  int32_t derefs = 0;  ///< -1 for `&`, N for N `*`s (DerefOps)
  uint32_t first_note = 0;
  uint32_t note_count = 0;
};

/// How a flow step's derefs are printed before its source: `&` for -1 (address taken), N `*`s
/// for N, nothing for 0.
std::string DerefOps(int32_t derefs);

/// An explanation block (-m=2): header, then steps[first_step, +step_count).
struct Explanation {
  enum class Kind : uint8_t { kEscapes, kLeak };
  Kind kind = Kind::kEscapes;
  bool truncated = false;  ///< `warning: truncated explanation due to assignment cycle`
  Position pos;
  StrId subject = 0;   ///< escaping expression, or the leaking parameter
  StrId leak_dst = 0;  ///< leak headers: `{heap}`, `~r0`, `{storage for t.M}`
  int32_t leak_derefs = 0;
  StrId func = 0;  ///< Go 1.26 ` in FUNC` / ` for FUNC`, else 0
  uint32_t package = 0;
  uint32_t first_step = 0;
  uint32_t step_count = 0;
  uint32_t verdict = kNone;  ///< the verdict it explains, if one followed in the same package
  /// The function it belongs to (index into functions), or kNone when unknown: its verdict's,
  /// else the function of its package that `func` names. Derived, not read: set by
  /// Model::IndexExplanations, and what every output names as the explanation's function.
  uint32_t function = kNone;
  SourceRef src;
};

struct Verdict {
  VerdictKind kind = VerdictKind::kCount;
  Position pos;
  StrId subject = 0;  ///< `x`, `&T{...}`, `... argument`, parameter name
  StrId result = 0;   ///< leaking_param_to_result: `~r0`
  int32_t level = 0;  ///< leaking_param_to_result: level; mutates/calls: derefs
  uint32_t package = 0;
  uint32_t function = kNone;  ///< index into functions, or kNone when unknown (`?`)
  Attribution attribution = Attribution::kUnknown;  ///< how `function` was found
  SourceRef src;
};

/// A line that fit no known form, kept for the report on standard error.
struct Unrecognized {
  SourceRef src;
  std::string text;  ///< the line, cut to a readable length
};

/// The whole parsed input.
struct Model {
  StringPool strings;
  std::vector<std::string> inputs;  ///< input names, for messages (`build.log`, `<stdin>`)
  std::vector<Package> packages;    ///< packages[0] is the unnamed one before any header
  std::vector<Function> functions;
  std::vector<Verdict> verdicts;
  std::vector<Explanation> explanations;
  std::vector<FlowStep> steps;
  std::vector<Note> notes;
  std::vector<StrId> params;  ///< parameter names of functions (Function::first_param)

  uint64_t total_lines = 0;
  std::array<uint64_t, kLineKindCount> line_counts{};
  /// Explanation lines that could not be attached (flow/from with no open header).
  uint64_t orphan_explanation_lines = 0;
  uint64_t unrecognized_count() const {
    return line_counts[static_cast<int>(LineKind::kUnrecognized)];
  }
  std::vector<Unrecognized> unrecognized_samples;  ///< the first few
  std::vector<Unrecognized> orphan_samples;        ///< the first few orphan explanation lines
  /// The first compiler error (a failed build), when line_counts has any.
  Unrecognized first_compiler_error;
  uint64_t overlong_lines = 0;  ///< lines cut at the reader's limit
  /// The last line of each input that ended without a line end (cut off mid-line), if any.
  std::vector<SourceRef> unterminated_lines;

  /// Explanations of verdict v, in input order: expl_index[expl_offsets[v] .. expl_offsets[v+1]).
  std::vector<uint32_t> expl_offsets;
  std::vector<uint32_t> expl_index;

  std::string_view str(StrId id) const { return strings.Get(id); }
  std::string FormatPos(const Position& p) const;
  std::string_view FunctionName(uint32_t f) const {
    return f == kNone ? std::string_view("?") : str(functions[f].name);
  }
  std::string PackageName(uint32_t p) const;
  /// Derives what the model keeps about explanations from its records: expl_offsets/expl_index
  /// and each explanation's `function` (see there). Called by the builder when input ends, by
  /// the snapshot reader after reading, and again by whatever re-attributes verdicts to
  /// functions afterwards (AttributeFromSources), as an explanation's function follows its
  /// verdict's.
  void IndexExplanations();
};

/// Functions by name: (package << 32 | name StrId) -> function. Two functions of one package
/// share a name only in the unnamed package (packages[0]), when several inputs without a
/// `# pkg` header are read (the builder starts each input's functions afresh, and the model does
/// not record which input declared which); then the last declared is found. This is the one
/// lookup of a function by name: of an explanation's ` in FUNC` (IndexExplanations) and of a
/// callee a chain is followed into (src/callee_index.h), so the two always agree.
absl::flat_hash_map<uint64_t, uint32_t> FunctionsByName(const Model& m);

/// The compiler's sentence of verdict `v` without its position (`moved to heap: x`,
/// `leaking param: p to result ~r0 level=0`), with `subject` as its subject.
std::string VerdictSentence(const Model& m, const Verdict& v, std::string_view subject);
inline std::string VerdictSentence(const Model& m, const Verdict& v) {
  return VerdictSentence(m, v, m.str(v.subject));
}

}  // namespace escviz
