#include "src/model.h"

#include "src/position.h"

namespace escviz {

std::string_view VerdictKindName(VerdictKind k) {
  static constexpr std::string_view kNames[kVerdictKindCount] = {
      "moved_to_heap",
      "escapes_to_heap",
      "does_not_escape",
      "leaking_param",
      "leaking_param_content",
      "leaking_param_to_result",
      "zero_copy",
      "assuming_unsafe_uintptr",
      "marking_escaping_uintptr",
      "mutates_param",
      "calls_param",
      "no_escape_mutate_call",
  };
  return kNames[static_cast<int>(k)];
}

std::string_view AttributionName(Attribution a) {
  static constexpr std::string_view kNames[kAttributionCount] = {"compiler", "source", "heuristic",
                                                                 "unknown"};
  return kNames[static_cast<int>(a)];
}

bool VerdictKindOf(LineKind k, VerdictKind* out) {
  switch (k) {
    case LineKind::kMovedToHeap:
      *out = VerdictKind::kMovedToHeap;
      return true;
    case LineKind::kEscapesToHeap:
      *out = VerdictKind::kEscapesToHeap;
      return true;
    case LineKind::kDoesNotEscape:
      *out = VerdictKind::kDoesNotEscape;
      return true;
    case LineKind::kLeakingParam:
      *out = VerdictKind::kLeakingParam;
      return true;
    case LineKind::kLeakingParamContent:
      *out = VerdictKind::kLeakingParamContent;
      return true;
    case LineKind::kLeakingParamToResult:
      *out = VerdictKind::kLeakingParamToResult;
      return true;
    case LineKind::kZeroCopy:
      *out = VerdictKind::kZeroCopy;
      return true;
    case LineKind::kAssumingUnsafeUintptr:
      *out = VerdictKind::kAssumingUnsafeUintptr;
      return true;
    case LineKind::kMarkingEscapingUintptr:
      *out = VerdictKind::kMarkingEscapingUintptr;
      return true;
    case LineKind::kMutatesParam:
      *out = VerdictKind::kMutatesParam;
      return true;
    case LineKind::kCallsParam:
      *out = VerdictKind::kCallsParam;
      return true;
    case LineKind::kNoEscapeMutateCall:
      *out = VerdictKind::kNoEscapeMutateCall;
      return true;
    default:
      return false;
  }
}

std::string Model::FormatPos(const Position& p) const {
  return FormatPosition(str(p.file), p.line, p.col, str(p.physical));
}

std::string Model::PackageName(uint32_t p) const {
  const Package& pkg = packages[p];
  std::string s(str(pkg.name));
  if (pkg.variant != 0) s += " [" + std::string(str(pkg.variant)) + "]";
  return s;
}

void Model::IndexExplanations() {
  expl_offsets.assign(verdicts.size() + 1, 0);
  for (const Explanation& e : explanations) {
    if (e.verdict != kNone) ++expl_offsets[e.verdict + 1];
  }
  for (size_t i = 1; i < expl_offsets.size(); ++i) expl_offsets[i] += expl_offsets[i - 1];
  expl_index.assign(expl_offsets.back(), 0);
  std::vector<uint32_t> fill(expl_offsets.begin(), expl_offsets.end() - 1);
  for (uint32_t i = 0; i < explanations.size(); ++i) {
    uint32_t v = explanations[i].verdict;
    if (v != kNone) expl_index[fill[v]++] = i;
  }
}

}  // namespace escviz
