#pragma once
/// Causes and choke points of the heap verdicts (src/chains.h). Each heap verdict's chain is
/// counted under its cause (below) and under the distinct locations it passes (its choke points),
/// as integer keys; at the end they are ranked: most heap verdicts (or chains) first, then by
/// label, exactly as sorting the spelled-out records would, and handed over as ids with the chains
/// of each. Internal to the model; used by Analyze (src/chains.cc).
///
/// A cause names the user's code: the last note of the chain (of its last step, else of the last
/// earlier step that has notes; `flow to DST: SRC` of the last step only when no step has any).
/// When that note's expression is a compiler temporary, calls one or only assigns them
/// (`.autotmp_4`, `~R0`, `~r0`, `~b1`, `{temp}`; `.autotmp_4(&x)`; `.autotmp_3 := ~R0`), the
/// nearest earlier note whose expression is not (of the same step first, then of earlier steps)
/// is the cause instead; where there is none, that note still is. A size reason (`too large for
/// stack`, ...) is grouped by reason alone; the call of a callee not followed (the last note of
/// the last step, unless it calls a temporary) by callee.

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "src/analyze_keys.h"
#include "src/callee_index.h"
#include "src/chains.h"
#include "src/model.h"
#include "src/scopes.h"

namespace escviz {

/// Counts heap verdicts' chains by cause and choke point (Add), then ranks them (Finish).
class CauseRanking {
 public:
  CauseRanking(const Model& m, const CalleeIndex& callees);

  /// Counts chain number `chain`, `c`, of a heap verdict. `callee` is the id of the callee its
  /// last step passes a parameter to when that callee is not followed (ChainBuilder's), or
  /// kNone: such causes are grouped by callee, whoever calls it.
  void Add(uint32_t chain, const Chain& c, uint32_t callee);

  /// Ranks the causes into `a->causes` and the choke points into `a->choke_points`, and sets
  /// the cause of each chain counted. Once, at the end: the chains counted move into `a`.
  void Finish(Analysis* a);

 private:
  /// A cause as integers. `kind` and `what` are a tag in the high half and an id in the low half.
  struct CauseKey {
    enum Kind : uint64_t {
      kReason,         ///< the note's reason (a StrId)
      kFlowTo,         ///< `flow to DST` (DST a StrId)
      kUnexplained,    ///< `no explanation in the log (-m=1)`
      kNoSteps,        ///< `explanation without flow steps`
      kCycle,          ///< `assignment cycle (truncated by the compiler)`
      kCallParameter,  ///< `call parameter` of a callee not followed
    };
    enum What : uint64_t {
      kExpr,    ///< a StrId
      kCallee,  ///< `CALLEE(...)`, a callee id given to Add
      kEmpty,
    };
    uint64_t kind = 0;
    uint32_t scope = kNone;  ///< package and function, kNone for none
    uint64_t what = Pack(kEmpty, 0);
    bool operator==(const CauseKey& o) const {
      return kind == o.kind && scope == o.scope && what == o.what;
    }
    template <typename H>
    friend H AbslHashValue(H h, const CauseKey& k) {
      return H::combine(std::move(h), k.kind, k.scope, k.what);
    }
  };

  struct CauseAcc {
    CauseKey key;
    uint32_t verdict = kNone;      ///< the first heap verdict it accounts for
    uint32_t site = kNone;         ///< the note that verdict's cause is named after, or kNone
    StrId call = kNone;            ///< kCallee: that note's call expression
    std::vector<uint32_t> chains;  ///< the chains it accounts for, ascending
    uint64_t lines = 0;            ///< their verdicts' lines (Model::Repeats): its count
  };

  struct ChokeAcc {
    uint32_t scope = 0;
    StrId location = 0;
    uint32_t verdict = kNone;      ///< the first heap verdict whose chain passes here
    std::vector<uint32_t> chains;  ///< the chains that pass here, ascending, each once
    uint64_t lines = 0;            ///< their verdicts' lines (Model::Repeats): its count
  };

  /// The key of the cause of heap chain `c`, and the note it is named after (or kNone).
  CauseKey KeyOf(const Chain& c, uint32_t callee, uint32_t* site);
  /// The note the cause of chain `c` is named after (the rule above), and in `*hop` the hop of
  /// its step; kNone (and `*hop` untouched) when no step of the chain has a note.
  uint32_t NoteOf(const Chain& c, uint32_t* hop) const;
  const FlowStep& StepOf(const ChainHop& h) const;
  /// The cause of an accumulator, as ids (without its count and chains).
  Cause CauseOf(const CauseAcc& acc) const;
  void RankCauses(Analysis* a);
  void RankChokePoints(Analysis* a);

  const Model& m_;
  Scopes scopes_;
  StrId heap_;
  StrId temp_;             ///< `{temp}`: each is its own location, never a choke point
  StrId size_reasons_[3];  ///< grouped by reason alone, wherever they happen
  std::vector<CauseAcc> causes_;
  absl::flat_hash_map<CauseKey, uint32_t> cause_ids_;  ///< key -> index into causes_
  std::vector<ChokeAcc> chokes_;
  absl::flat_hash_map<uint64_t, uint32_t> choke_ids_;  ///< (scope, location) -> index into chokes_
};

}  // namespace escviz
