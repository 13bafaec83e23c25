#include "src/model.h"

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include "src/analyze_keys.h"
#include "src/position.h"
#include "src/sites.h"

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

std::string_view NoAllocName(NoAlloc r) {
  static constexpr std::string_view kNames[] = {"", "constant", "zero-size"};
  return kNames[static_cast<int>(r)];
}

std::string_view NoAllocReason(NoAlloc r) {
  static constexpr std::string_view kReasons[] = {
      "", "a constant (the interface points at read-only data)",
      "a zero-size value (the runtime hands out its zerobase)"};
  return kReasons[static_cast<int>(r)];
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
  for (Function& f : functions) {
    f.shown = HasCloneSuffix(str(f.name)) ? strings.Intern(ReadableFunctionName(str(f.name))) : 0;
  }
  FindSites(this);
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
    case VerdictKind::kZeroCopy:
      return "zero-copy string->[]byte conversion";
    case VerdictKind::kAssumingUnsafeUintptr:
      return fmt::format("assuming {} is unsafe uintptr", subject);
    case VerdictKind::kMarkingEscapingUintptr:
      return fmt::format("marking {} as escaping {}uintptr", subject, v.level == 1 ? "..." : "");
    case VerdictKind::kMutatesParam:
      return fmt::format("mutates param: {} derefs={}", subject, v.level);
    case VerdictKind::kCallsParam:
      return fmt::format("calls param: {} derefs={}", subject, v.level);
    case VerdictKind::kNoEscapeMutateCall:
      return fmt::format("{} does not escape, mutate, or call", subject);
    case VerdictKind::kCount:
      break;
  }
  return std::string(subject);  // not reached: a verdict has a kind
}

std::string InlineSentence(const Model& m, const InlineRecord& r) {
  const std::string_view name = m.str(r.name);
  switch (r.kind) {
    case LineKind::kCanInline:
      if (r.number < 0 && !r.text_elided) return fmt::format("can inline {}", name);
      return fmt::format("can inline {} with cost {} as: …", name, r.number);
    case LineKind::kCannotInline:
      return fmt::format("cannot inline {}: {}", name, m.str(r.detail));
    case LineKind::kCannotInlineInto:
      return fmt::format("cannot inline {} into {}: repeated recursive cycle", name,
                         m.str(r.detail));
    case LineKind::kInliningCall: {
      std::string s = fmt::format("inlining call to {}", name);
      if (r.number >= 0) s += fmt::format(" with score {}", r.number);
      if (r.text_elided) s += " …";
      return s;
    }
    case LineKind::kBigFunction:
      return fmt::format("function {} considered 'big'; reducing max cost of inlinees", name);
    default:
      return std::string(name);  // not reached: the builder keeps kInlineKinds only
  }
}

std::string LiveSentence(const Model& m, const LiveRecord& r) {
  switch (r.kind) {
    case LineKind::kLiveAtEntry:
      return fmt::format("live at entry to {}: {}", m.str(r.name), m.str(r.detail));
    case LineKind::kLiveAtCall:
      return fmt::format("live at call to {}: {}", m.str(r.name), m.str(r.detail));
    case LineKind::kLiveAtIndirectCall:
      return fmt::format("live at indirect call: {}", m.str(r.detail));
    case LineKind::kStackObject:
      return fmt::format("stack object {} {}", m.str(r.name), m.str(r.detail));
    default:
      return std::string(m.str(r.detail));  // not reached: the builder keeps kLiveKinds only
  }
}

}  // namespace escviz
