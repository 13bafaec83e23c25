#include "src/model.h"

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include "src/analyze_keys.h"
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

namespace {

/// Sets Explanation::function, the one rule for the function an explanation belongs to:
/// 1. its verdict's function, when it explains a verdict whose function is known (for Go 1.26
///    headers the builder has made that the function ` in FUNC` names, AttributeFunctions);
/// 2. else the function of the explanation's package named by its Go 1.26 ` in FUNC` /
///    ` for FUNC`, if the model has one (none is made up: an unknown name is kNone);
/// 3. else kNone.
/// When the package has several functions of that name (headerless inputs, FunctionsByName),
/// the last declared wins. Which one the compiler meant is not recorded; the last is the one a
/// call of that name is followed into (src/callee_index.h uses the same lookup), so a chain
/// continues with the leak explanations of the very function it names, as it always has.
void SetExplanationFunctions(Model* m) {
  absl::flat_hash_map<uint64_t, uint32_t> by_name;  // built on first use
  for (Explanation& x : m->explanations) {
    x.function = x.verdict != kNone ? m->verdicts[x.verdict].function : kNone;
    if (x.function != kNone || x.func == 0) continue;
    if (by_name.empty()) by_name = FunctionsByName(*m);
    auto it = by_name.find(Pack(x.package, x.func));
    if (it != by_name.end()) x.function = it->second;
  }
}

}  // namespace

absl::flat_hash_map<uint64_t, uint32_t> FunctionsByName(const Model& m) {
  absl::flat_hash_map<uint64_t, uint32_t> by_name;
  by_name.reserve(m.functions.size());
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    by_name.insert_or_assign(Pack(m.functions[f].package, m.functions[f].name), f);  // the last
  }
  return by_name;
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
  SetExplanationFunctions(this);
}

std::string DerefOps(int32_t derefs) {
  return derefs < 0 ? "&" : std::string(static_cast<size_t>(derefs), '*');
}

std::string VerdictSentence(const Model& m, const Verdict& v, std::string_view subject) {
  switch (v.kind) {
    case VerdictKind::kMovedToHeap:
      return fmt::format("moved to heap: {}", subject);
    case VerdictKind::kEscapesToHeap:
      return fmt::format("{} escapes to heap", subject);
    case VerdictKind::kDoesNotEscape:
      return fmt::format("{} does not escape", subject);
    case VerdictKind::kLeakingParam:
      return fmt::format("leaking param: {}", subject);
    case VerdictKind::kLeakingParamContent:
      return fmt::format("leaking param content: {}", subject);
    case VerdictKind::kLeakingParamToResult:
      return fmt::format("leaking param: {} to result {} level={}", subject, m.str(v.result),
                         v.level);
    default:
      return fmt::format("{} {}", VerdictKindName(v.kind), subject);
  }
}

}  // namespace escviz
