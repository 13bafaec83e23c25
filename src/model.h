#pragma once
/// The escape model of SPEC section 3: packages, functions, verdicts and their explanations.
/// Filled by ModelBuilder; read by queries and renderers. Strings are interned in `strings`;
/// records refer to each other by index, so the model is compact and cheap to move.

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "src/line_kind.h"
#include "src/string_pool.h"

namespace escviz {

struct ProfileJoin;

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
/// Why a heap verdict allocates nothing at run time (issue 20, defect 5; the rules and where the
/// compiler and runtime decide them: src/allocation.h). kAllocates for every other verdict.
enum class NoAlloc : uint8_t {
  kAllocates = 0,
  kConstant,  ///< a constant converted to an interface: the data word points at read-only data
  kZeroSize,  ///< a value of size 0: the runtime hands out its zerobase, never new memory
  kCount
};
/// "", "constant", "zero-size" (the JSON names).
std::string_view NoAllocName(NoAlloc r);
/// The reason a reader is shown: "a constant (read-only data, no allocation)", ...; "" for
/// kAllocates.
std::string_view NoAllocReason(NoAlloc r);
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
  /// The name shown to readers when it differs from `name` (a Go 1.26+ clone's `#...#` suffix
  /// dropped: src/sites.h), else 0. Derived by IndexExplanations; FunctionName gives it.
  StrId shown = 0;
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
  // Fields ordered so that the one-byte ones share a word: 56 bytes a verdict (issue 21).
  Position pos;
  StrId subject = 0;  ///< `x`, `&T{...}`, `... argument`, parameter name
  StrId result = 0;   ///< leaking_param_to_result: `~r0`
  /// leaking_param_to_result: level; mutates/calls: derefs; marking_escaping_uintptr: 1 for
  /// `marking P as escaping ...uintptr` (a variadic parameter), 0 for `... as escaping uintptr`.
  int32_t level = 0;
  uint32_t package = 0;
  uint32_t function = kNone;  ///< index into functions, or kNone when unknown (`?`)
  VerdictKind kind = VerdictKind::kCount;
  Attribution attribution = Attribution::kUnknown;  ///< how `function` was found
  /// A heap verdict that allocates nothing, and why (src/allocation.h); else kAllocates.
  NoAlloc no_alloc = NoAlloc::kAllocates;
  SourceRef src;
};
static_assert(sizeof(Verdict) <= 56, "a verdict is kept for every verdict line: keep it small");

/// A line that fit no known form, kept for the report on standard error.
struct Unrecognized {
  SourceRef src;
  std::string text;  ///< the line, cut to a readable length
};

// ---- Inlining and liveness records (issue 20) ----
// What `can inline F with cost N`, `cannot inline F: REASON`, `inlining call to F`, ... and
// -live's `live at call to F: V...` / `stack object V T` say, kept so that each such message can
// be rebuilt from the model (scripts/errorcheck.py does, from a snapshot) and survives
// `escviz export`. Small on purpose: the standard library's -m=2 log has about a million
// inlining lines, so a record holds string ids and small numbers, no text of its own; the long
// `as: BODY` of `can inline` (and the signature and body Go <= 1.17 prints after `inlining call
// to F` at -m=2) are not kept, only the fact that they were printed.

/// The line kinds an InlineRecord can have, in the order of the snapshot's "inline_kinds".
constexpr LineKind kInlineKinds[] = {LineKind::kCanInline, LineKind::kCannotInline,
                                     LineKind::kCannotInlineInto, LineKind::kInliningCall,
                                     LineKind::kBigFunction};
/// The line kinds a LiveRecord can have, in the order of the snapshot's "live_kinds".
constexpr LineKind kLiveKinds[] = {LineKind::kLiveAtEntry, LineKind::kLiveAtCall,
                                   LineKind::kLiveAtIndirectCall, LineKind::kStackObject};

/// One inlining line.
struct InlineRecord {
  LineKind kind = LineKind::kCanInline;  ///< one of kInlineKinds
  /// can_inline: ` as: BODY` was printed; inlining_call: text other than ` with score N`
  /// followed the callee. The text itself is not kept.
  bool text_elided = false;
  /// can_inline: N of ` with cost N`; inlining_call: N of ` with score N`
  /// (GOEXPERIMENT=newinliner); -1 when not printed.
  int32_t number = -1;
  Position pos;
  /// The function: F of `can inline F`, `cannot inline F: ...`, `cannot inline F into G: ...`,
  /// `function F considered 'big'; ...`; the callee of `inlining call to F`.
  StrId name = 0;
  /// cannot_inline: REASON (`marked go:noinline`, `function too complex: cost 660 exceeds
  /// budget 80`); cannot_inline_into: G; else 0.
  StrId detail = 0;
  uint32_t package = 0;
};

/// One -live line.
struct LiveRecord {
  LineKind kind = LineKind::kLiveAtCall;  ///< one of kLiveKinds
  Position pos;
  /// F of `live at entry to F` and `live at call to F` (as printed: the callee without its
  /// package); V of `stack object V T`; 0 for `live at indirect call`.
  StrId name = 0;
  /// The live variables as printed, space-separated (`.autotmp_2 p`); T of a stack object.
  StrId detail = 0;
  uint32_t package = 0;
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

  /// (package << 32 | name) of the names the Go source declares as variables where a value is
  /// passed to `name.M(...)` (parsers/allocation_facts.h): such a call is dynamic (an interface
  /// method or a func-typed field) though the log never names the variable (a package-level
  /// `var store Store`).
  absl::flat_hash_set<uint64_t> declared_variables;
  /// Facts of the Go source for allocation patterns (parsers/pattern_facts.h, src/patterns.h):
  /// the positions (GoLiteralKey) of the `func literal`s a `go` statement starts (a `go f(x)`
  /// too: the compiler wraps it in one, placed at the statement), and the `(assign)` notes whose
  /// destination `X[K]` is an element of a map. Empty without readable sources.
  absl::flat_hash_set<std::tuple<StrId, uint32_t, uint32_t>> go_literals;
  absl::flat_hash_set<uint32_t> map_store_notes;
  /// The `(assign)` notes `NAME = V` and `PKG.NAME = V` whose NAME the package's files declare
  /// as a package-level variable (global), and those whose package's files were read and do not
  /// (local: a result, a local or an inlined callee's variable already on the heap). A note in
  /// neither had no readable source: a plain NAME is taken for a package-level variable.
  absl::flat_hash_set<uint32_t> global_store_notes;
  absl::flat_hash_set<uint32_t> local_store_notes;
  /// Heap verdicts `PKG.NAME` whose PKG the file imports: a package's variable or function,
  /// never a method value.
  absl::flat_hash_set<uint32_t> package_selectors;
  static std::tuple<StrId, uint32_t, uint32_t> GoLiteralKey(const Position& p) {
    return {p.file, p.line, p.col};
  }
  /// `--count-no-alloc`: heap verdicts that allocate nothing count as allocations again.
  bool count_no_alloc = false;
  /// Set before parsing (LoadOptions::collapse_runs, `summary`'s): a run of identical verdict
  /// lines, one right after the other and explained by no block, is kept as its first verdict,
  /// with the number of its lines in `runs`. A log of a million such lines then costs one
  /// verdict, not a million (issue 21). Only what reads Repeats() may be given such a model:
  /// Summarize and Analyze do; CollapseRuns in parsers/load_model.h says when it is used.
  bool collapse_runs = false;
  /// Verdict -> how many identical lines it stands for (2 or more); absent for one.
  absl::flat_hash_map<uint32_t, uint64_t> runs;
  /// The lines verdict v stands for: 1, or its run's length.
  uint64_t Repeats(uint32_t v) const {
    if (runs.empty()) return 1;
    const auto it = runs.find(v);
    return it == runs.end() ? 1 : it->second;
  }
  /// The scope the model was restricted to (src/package_scope.h, DescribeScope), empty if none:
  /// every output that shows counts says it.
  std::string scope;
  size_t packages_in_scope = 0;  ///< with a scope: the packages inside it
  /// The heap profiles joined with the verdicts (--profile, src/profile_join.h), or null.
  std::shared_ptr<const ProfileJoin> profile;
  /// True for a heap verdict that is counted as a heap allocation: one that allocates, or any
  /// with count_no_alloc. Every total, ranking, choke point, diff gate and SARIF warning counts
  /// this, not IsHeap.
  bool Allocates(const Verdict& v) const {
    return IsHeap(v.kind) && (v.no_alloc == NoAlloc::kAllocates || count_no_alloc);
  }
  /// A heap verdict that escapes but is not counted: IsHeap and not Allocates.
  bool EscapesWithoutAllocation(const Verdict& v) const { return IsHeap(v.kind) && !Allocates(v); }

  std::string_view str(StrId id) const { return strings.Get(id); }
  std::string FormatPos(const Position& p) const;
  /// The name readers are shown (Function::shown, else as printed), `?` for kNone.
  std::string_view FunctionName(uint32_t f) const {
    if (f == kNone) return "?";
    return str(functions[f].shown != 0 ? functions[f].shown : functions[f].name);
  }

  /// Source sites (src/sites.h), derived by IndexExplanations: the first verdict of each
  /// verdict's site, and for that first one how many verdicts the site has (1 for others).
  std::vector<uint32_t> site_first;
  std::vector<uint32_t> site_size;
  /// True for the verdict a site is counted by: the first of its site.
  bool SiteFirst(uint32_t v) const { return site_first.empty() || site_first[v] == v; }
  /// True for verdict v counted as a heap allocation: it allocates (Allocates) and is the first of
  /// its site. Totals, rankings and gates count these.
  bool Counted(uint32_t v) const { return Allocates(verdicts[v]) && SiteFirst(v); }
  /// How many verdicts (generic instances, closure clones) site of verdict v has.
  uint32_t SiteCopies(uint32_t v) const {
    return site_first.empty() ? 1 : site_size[site_first[v]];
  }
  std::string PackageName(uint32_t p) const;
  /// Derives what the model keeps about explanations from its records: expl_offsets/expl_index
  /// and each explanation's `function` (see there). Called by the builder when input ends, by
  /// the snapshot reader after reading, and again by whatever re-attributes verdicts to
  /// functions afterwards (AttributeFromSources), as an explanation's function follows its
  /// verdict's.
  void IndexExplanations();

  // ---- Inlining and liveness records (issue 20; see InlineRecord, LiveRecord) ----
  std::vector<InlineRecord> inlines;  ///< one per inlining line, in input order
  std::vector<LiveRecord> lives;      ///< one per -live line, in input order
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

/// The compiler's sentence of inlining record `r` without its position (`can inline F with cost
/// 8 as: …`, `cannot inline F: marked go:noinline`). Text the record does not keep (the body
/// after `as: `, the signature after an inlined callee) is written `…`.
std::string InlineSentence(const Model& m, const InlineRecord& r);
/// The compiler's sentence of -live record `r` without its position (`live at call to F: x y`,
/// `stack object x T`), exactly as printed.
std::string LiveSentence(const Model& m, const LiveRecord& r);

}  // namespace escviz
