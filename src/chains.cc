// Chains (src/chains.h): each heap or leak verdict's chain of flow steps, followed into callees
// through the callee index (src/callee_index.h) and counted by cause and choke point
// (src/cause_ranking.h).

#include "src/chains.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "src/analyze_keys.h"
#include "src/callee_index.h"
#include "src/cause_ranking.h"

namespace escviz {
namespace {

constexpr size_t kMaxCrossings = 32;

/// The explanation a chain starts from: for leaks, one that reaches the heap if any.
uint32_t PrimaryExplanation(const Model& m, StrId heap, uint32_t v) {
  uint32_t begin = m.expl_offsets[v], end = m.expl_offsets[v + 1];
  if (begin == end) return kNone;
  for (uint32_t k = begin; k < end; ++k) {
    const Explanation& e = m.explanations[m.expl_index[k]];
    if (e.kind == Explanation::Kind::kEscapes || e.leak_dst == heap) return m.expl_index[k];
  }
  return m.expl_index[begin];
}

/// Builds chains. Where an explanation ends in a call parameter passed to the heap, the callee
/// it continues into (or that none does) depends only on the explanation, so it is looked up
/// once per explanation and remembered.
class ChainBuilder {
 public:
  ChainBuilder(const Model& m, const CalleeIndex& callees)
      : m_(m), callees_(callees), call_parameter_(FindId(m, "call parameter")) {
    tails_.assign(m.explanations.size(), Tail{});
    callee_of_expr_.assign(m.strings.size(), kUnknown);
  }

  /// The chain of verdict `v`. When it ends at a callee that is not followed, `*callee` is a
  /// small id for the callee's name, else kNone.
  Chain Build(uint32_t v, uint32_t* callee) {
    *callee = kNone;
    Chain c;
    c.verdict = v;
    uint32_t e = PrimaryExplanation(m_, callees_.heap(), v);
    if (e == kNone) {
      c.end = Chain::End::kUnexplained;
      return c;
    }
    uint32_t seen[kMaxCrossings + 1];
    bool crosses = false;
    for (size_t depth = 0;; ++depth) {
      const Explanation& x = m_.explanations[e];
      if (depth > kMaxCrossings || std::find(seen, seen + depth, e) != seen + depth) {
        c.end = Chain::End::kCycle;
        return c;
      }
      seen[depth] = e;
      c.hops.reserve(c.hops.size() + x.step_count);
      for (uint32_t s = 0; s < x.step_count; ++s) {
        c.hops.push_back(ChainHop{e, s, crosses && s == 0});
      }
      if (x.truncated) {
        c.end = Chain::End::kCycle;
        return c;
      }
      if (x.step_count == 0) {
        c.end = Chain::End::kOther;
        return c;
      }
      const FlowStep& last = m_.steps[x.first_step + x.step_count - 1];
      if (last.dst != callees_.heap()) {
        c.end = Chain::End::kOther;
        return c;
      }
      c.end = Chain::End::kHeap;
      const Tail& t = TailOf(e);
      if (t.callee == kNone) return c;  // not a call parameter to a named callee
      if (t.next == kNone) {
        c.unresolved_callee = std::string(known_callees_[t.callee].text);
        *callee = t.callee;
        return c;
      }
      e = t.next;
      crosses = true;
    }
  }

 private:
  struct Tail {
    bool known = false;
    uint32_t callee = kNone;  ///< id of the callee's name, kNone if the end is no call
    uint32_t next = kNone;    ///< the explanation continued with, or kNone
  };

  /// The callee at the end of explanation `e`, whose last step reaches the heap.
  const Tail& TailOf(uint32_t e) {
    Tail& t = tails_[e];
    if (t.known) return t;
    t.known = true;
    const Explanation& x = m_.explanations[e];
    const FlowStep& last = m_.steps[x.first_step + x.step_count - 1];
    if (last.note_count == 0) return t;
    const Note& n = m_.notes[last.first_note + last.note_count - 1];
    if (n.reason != call_parameter_) return t;
    t.callee = CalleeOfExpr(n.expr);
    if (t.callee == kNone) return t;
    // Many calls of one callee in one package: which function that is, once.
    auto [it, added] = leaking_.try_emplace(Pack(x.package, t.callee), kNone);
    if (added) it->second = callees_.LeakingCallee(x.package, known_callees_[t.callee]);
    if (it->second != kNone) t.next = callees_.ParameterOf(it->second, last.src);
    return t;
  }

  /// The id of the callee named by the call expression `expr`, or kNone if it names none.
  uint32_t CalleeOfExpr(StrId expr) {
    uint32_t& id = callee_of_expr_[expr];
    if (id != kUnknown) return id;
    std::string_view callee = CalleeSpan(m_.str(expr));
    if (callee.empty()) {
      id = kNone;
    } else {
      auto [known, added] =
          callee_ids_.try_emplace(callee, static_cast<uint32_t>(known_callees_.size()));
      if (added) known_callees_.push_back(callees_.Describe(callee));
      id = known->second;
    }
    return id;
  }

  const Model& m_;
  const CalleeIndex& callees_;
  StrId call_parameter_;
  static constexpr uint32_t kUnknown = kNone - 1;
  std::vector<Tail> tails_;               ///< per explanation
  std::vector<uint32_t> callee_of_expr_;  ///< per string: callee id, kNone, or kUnknown
  absl::flat_hash_map<std::string_view, uint32_t> callee_ids_;  ///< callee name -> callee id
  absl::flat_hash_map<uint64_t, uint32_t> leaking_;  ///< (package, callee) -> LeakingCallee
  std::vector<CalleeIndex::Callee> known_callees_;   ///< by callee id
};

}  // namespace

std::string CalleeOf(std::string_view expr) { return std::string(CalleeSpan(expr)); }

Analysis Analyze(const Model& m) {
  Analysis a;
  CalleeIndex callees(m);
  ChainBuilder builder(m, callees);
  CauseRanking ranking(m, callees);
  a.chain_of_verdict.assign(m.verdicts.size(), kNone);
  a.chains.reserve(m.verdicts.size());  // at most; pages past the end are never touched
  for (const Explanation& x : m.explanations) a.cycles += x.truncated ? 1 : 0;

  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    const Verdict& vd = m.verdicts[v];
    bool heap = IsHeap(vd.kind);
    if (!heap && m.expl_offsets[v] == m.expl_offsets[v + 1]) continue;
    const uint32_t chain = static_cast<uint32_t>(a.chains.size());
    a.chain_of_verdict[v] = chain;
    uint32_t unresolved = kNone;
    a.chains.push_back(builder.Build(v, &unresolved));
    const Chain& c = a.chains.back();
    if (std::any_of(c.hops.begin(), c.hops.end(), [](const ChainHop& h) { return h.crosses; })) {
      ++a.crossing_chains;
    }
    if (heap) ranking.Add(chain, c, unresolved);
  }
  ranking.Finish(&a);
  return a;
}

}  // namespace escviz
