#pragma once
/// Every input line is classified into exactly one of these kinds. The table in line_kind.cc
/// gives each kind's stable name (used in JSON and messages) and a one-line description;
/// `escviz summary --format json` reports a count per kind under "line_kinds".

#include <cstdint>
#include <string_view>

namespace escviz {

enum class LineKind : uint8_t {
  kBlank,
  kPackageHeader,  ///< `# path` or `# path [path.test]`
  // Verdicts (go-diagnostics.md section 3).
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
  // Explanations (-m=2, section 4).
  kEscapesHeader,
  kLeakHeader,
  kFlow,
  kFrom,
  kTruncatedWarning,
  kCapturing,
  // Inlining (section 6).
  kCanInline,
  kCannotInline,
  kCannotInlineInto,
  kInliningCall,
  kBigFunction,
  kPgoInline,
  kInliningSkipped,
  // Other -m diagnostics (section 7).
  kDevirtualizing,
  kBoundsCheckElided,
  kSelfAssignment,
  kOtherOptimization,
  // -live (liveness of stack slots at calls, plive.go; and the stack objects).
  kLiveAtEntry,
  kLiveAtCall,
  kLiveAtIndirectCall,
  kStackObject,
  // -m=3 and above (section 8).
  kDebugStmt,
  kDebugLabel,
  kDebugDump,
  // Not from escape analysis.
  kCompilerError,
  kToolOutput,
  kCCompilerOutput,
  kVetFinding,
  kContinuation,
  kUnrecognized,
  kCount
};

constexpr int kLineKindCount = static_cast<int>(LineKind::kCount);

/// Stable snake_case name, e.g. "moved_to_heap", "flow", "debug_dump".
std::string_view LineKindName(LineKind k);
/// One line describing the kind, for documentation and `--help`.
std::string_view LineKindDescription(LineKind k);

}  // namespace escviz
