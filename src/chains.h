#pragma once
/// Chains, causes and choke points (SPEC section 3). A chain starts at a verdict's explanation
/// and follows its flow steps to `{heap}` (or, for leaking parameters, to the result); where the
/// last step passes the value as a call parameter to a callee whose parameter leaks to the heap
/// and whose explanation is in the log, the chain continues inside the callee.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/model.h"

namespace escviz {

/// One flow step of a chain: step `step` of explanation `explanation`.
struct ChainHop {
  uint32_t explanation = 0;
  uint32_t step = 0;
  /// Where the step's destination was introduced, when it is a compiler temporary or an
  /// inlined call's variable whose name other locations of its function share (`~R0`, `~r0`,
  /// `.autotmp_3`, `{temp}`, `s := s (assign-pair)`): the note that binds it (index into
  /// notes); kNone for an ordinary named location. See IntroducingNote.
  uint32_t dst_intro = kNone;
  bool crosses = false;  ///< the first hop of a segment continued into (see Crossing)
};

/// How a chain goes on from one explanation into the next.
struct Crossing {
  enum class Via : uint8_t {
    kCall,     ///< the last step passes the value to a callee's parameter that leaks
    kStorage,  ///< a leak into `{storage for X}`: X's own allocation, whose explanation goes on
  };
  Via via = Via::kCall;
  uint32_t hop = 0;           ///< the first hop of the new segment
  uint32_t note = kNone;      ///< the `(call parameter)` note, or the leak's last note
  uint32_t arg_note = kNone;  ///< kCall: the note naming the argument, kNone: the step's source
  int32_t arg_index = -1;     ///< kCall: which printed argument (a method expression's receiver 0)
  int32_t param_index = -1;   ///< kCall: which parameter of the callee (the receiver 0)
  uint32_t function = kNone;  ///< the function continued in
  bool inlined_body = false;  ///< kCall: printed from inside a body inlined at the call's place
};

struct Chain {
  enum class End : uint8_t {
    kHeap,         ///< reaches `{heap}`
    kOther,        ///< ends elsewhere (a result, `{storage for ...}` of a leak)
    kUnexplained,  ///< the verdict has no explanation in the log
    kCycle,        ///< the compiler truncated it (`truncated explanation due to assignment cycle`)
    kCallCycle,    ///< following callees came back to a block already on the chain (recursion)
    kTooLong,      ///< escviz's own limit: more than kMaxChainCrossings callees followed
  };
  /// Why a chain that passes its value to a call is not followed into the callee.
  enum class Stop : uint8_t {
    kNone,
    kNotInLog,       ///< the callee's explanation is not in the log: -m=2 of its package shows it
    kInterfaceCall,  ///< `x.M(...)`: through an interface (or a func-typed field): no callee
    kFuncValue,      ///< `f(...)` of a func value (a variable or a temporary): no callee
    kBuiltin,        ///< a builtin (`panic`, `append`): no Go callee
    kNoBody,         ///< a function without a Go body (assembly, runtime): nothing to show
    kAmbiguousArgument,  ///< the value is several arguments of the call (`f(x, x)`)
    kAmbiguousCallee,    ///< several functions of that name leak parameters
    kNoSource,           ///< the parameter it binds to needs the callee's source (--source-root)
    kNoLeak,             ///< the parameter it binds to has no explanation to the heap in the log
  };
  // Fields ordered so that no padding is needed: a heap verdict has at least one chain.
  uint32_t verdict = kNone;    ///< kNone for a block no verdict claims (Analysis::block_chains)
  uint32_t block = 0;          ///< which explanation block of the verdict (0-based), in input order
  uint32_t blocks = 0;         ///< how many the verdict has
  uint32_t stop_note = kNone;  ///< the `(call parameter)` note of the call not followed
  std::vector<ChainHop> hops;
  std::vector<Crossing> crossings;  ///< one per segment after the first, in order
  uint32_t cause = kNone;           ///< index into Analysis::causes (heap verdicts only)
  End end = End::kHeap;
  Stop stop = Stop::kNone;
};

/// The most callees a chain is followed into; past it the chain ends kTooLong (escviz's cut).
constexpr size_t kMaxChainCrossings = 1000;

/// Words for a stop: what the callee is and whether a rebuild would show more.
std::string StopText(const Model& m, const Chain& c);
/// `interface_call`, `builtin`, ... (the JSON names); empty for kNone.
std::string_view StopName(Chain::Stop s);

/// The ids of the names IntroducingNote compares with (kNone if the log has none), looked up
/// once for the many calls of an analysis.
struct IntroNames {
  explicit IntroNames(const Model& m);
  StrId temp = kNone, assign_pair = kNone;
};

/// The note that introduces the destination of step `step` of explanation `e` when that
/// destination's name does not identify it within its function, else kNone: `{temp}` (each is
/// its own location: its first note), `.autotmp_N` (its last note), and any location bound by an
/// `assign-pair` note: an inlined callee's parameters and results (`~R0 = ...`, `fmt.a := ...
/// argument`, Go 1.27's `s := s`). A function's own result (`~r0` of `return x`) is one location
/// however many returns it has. Two locations of one name are one only if introduced at the same
/// position.
uint32_t IntroducingNote(const Model& m, const IntroNames& names, const Explanation& e,
                         uint32_t step);

/// A group of heap verdicts that reach the heap through the same final step, named after a note
/// of the user's code (the rule: src/cause_ranking.h). It holds ids into the model; SpellCause
/// and CauseLabel (below) make its words.
struct Cause {
  enum class Kind : uint8_t {
    kReason,         ///< the cause's note's reason (`interface-converted`): `reason`
    kFlowTo,         ///< a chain without a note: `flow to DST` of its last step, `reason` DST
    kUnexplained,    ///< `no explanation in the log (-m=1)`
    kNoSteps,        ///< `explanation without flow steps`
    kCycle,          ///< `assignment cycle (truncated by the compiler)`
    kCallParameter,  ///< `call parameter` to a callee not followed, grouped by callee
  };
  Kind kind = Kind::kUnexplained;
  StrId reason = kNone;  ///< kReason: the reason; kFlowTo: DST; else kNone
  /// The expression of the cause's note, else the last step's source; for kCallParameter a call
  /// expression of the callee (spelled `CALLEE(...)`); kNone for none (size causes).
  StrId what = kNone;
  /// Where the cause's note is (the cause is grouped by it), as a package and function of
  /// those names (the first seen; the function kNone for `?`); package kNone when the cause is
  /// grouped wherever it happens.
  uint32_t package = kNone;
  uint32_t function = kNone;
  uint32_t example = kNone;  ///< one heap verdict it accounts for (the first)
  uint32_t site = kNone;     ///< the note the cause is named after, of that verdict's chain
  uint64_t heap = 0;  ///< heap verdicts it accounts for (the lines of their verdicts: chains.size()
                      ///< but for runs, Model::Repeats)
  std::vector<uint32_t> chains;  ///< their chains (indices into Analysis::chains), ascending
};

/// A cause's words: what the ranking sorts by and the summary prints.
struct CauseText {
  std::string kind;      ///< reason category: `interface-converted`, `call parameter`, ...
  std::string package;   ///< where the final step happens
  std::string function;  ///< function of the final step (`?` unknown; empty when not grouped)
  std::string what;      ///< the expression of the final note (empty for size causes)
  /// `KIND: WHAT in PACKAGE.FUNCTION`, the cause's one name.
  std::string Label() const;
};
CauseText SpellCause(const Model& m, const Cause& c);
/// SpellCause(m, c).Label().
std::string CauseLabel(const Model& m, const Cause& c);

/// A location (qualified by package and function) and how many heap chains pass through it.
struct ChokePoint {
  uint32_t package = kNone;   ///< a package of that name (the first seen)
  uint32_t function = kNone;  ///< a function of that name (the first seen), kNone for `?`
  StrId location = 0;
  uint64_t chains =
      0;  ///< heap chains that pass here (heap_chains.size(), a run counted by its lines)
  uint32_t example = kNone;           ///< one heap verdict whose chain passes here (the first)
  std::vector<uint32_t> heap_chains;  ///< those chains (indices into Analysis::chains), ascending
};

/// A choke point's words.
struct ChokePointText {
  std::string package, function, location;
  /// `PACKAGE.FUNCTION: LOCATION`, the choke point's one name.
  std::string Label() const;
};
ChokePointText SpellChokePoint(const Model& m, const ChokePoint& p);
/// SpellChokePoint(m, p).Label().
std::string ChokePointLabel(const Model& m, const ChokePoint& p);
/// The part of a choke point's label before its location: `PACKAGE.FUNCTION: `.
std::string ChokePointHead(std::string_view package, std::string_view function);

struct Analysis {
  std::vector<Chain>
      chains;  ///< one per heap or leak verdict with an explanation, + unexplained heap
  std::vector<Cause> causes;             ///< ranked: most heap verdicts first, then label
  std::vector<ChokePoint> choke_points;  ///< ranked likewise (by chains, then label)
  uint64_t crossing_chains = 0;          ///< chains that continue into at least one callee
  uint64_t cycles = 0;                   ///< explanations truncated by an assignment cycle
  /// verdict -> its first chain, or kNone; its chains are the next Chain::blocks (one per
  /// explanation block; one for an unexplained heap verdict).
  std::vector<uint32_t> chain_of_verdict;
  uint64_t second_reasons = 0;  ///< heap verdicts with more than one explanation block
  /// Chains of the explanation blocks no verdict line claims (an autogenerated wrapper's leak,
  /// a block of an inlined copy judged elsewhere), one per block, in input order: every block
  /// of the log starts a chain. Their Chain::verdict is kNone and Chain::block the explanation.
  std::vector<uint32_t> block_chains;
};

/// The chains of verdict `v`: [first, last) indices into a.chains (empty if none).
std::pair<uint32_t, uint32_t> ChainsOf(const Analysis& a, uint32_t v);

/// Computes chains for every verdict that has an explanation, and causes and choke points of
/// the heap verdicts counted as allocations (Model::Allocates).
Analysis Analyze(const Model& m);

/// Analyze(m) with its chains built on `threads` threads (1 or 2) whatever the log's size, where
/// Analyze decides by size (two from 20,000 chains): for tests that the two agree.
Analysis AnalyzeOnThreads(const Model& m, int threads);

/// The chains of the verdicts `only` (and of the first verdict of each one's site, whose cause
/// its copies name), for `explain` of a few sites: each chain and its cause's kind and words
/// are those Analyze(m) gives, but no block chains, and the causes' counts and examples and the
/// choke points are those of these chains alone. A cause grouped by callee names the call of its
/// first chain here, which may be another call of that callee than Analyze(m)'s
/// (OwnCallCause).
Analysis AnalyzeOnly(const Model& m, const std::vector<uint32_t>& only);

/// The cause of chain `c` as `c`'s own call spells it: a.causes[c.cause], except that a cause
/// grouped by callee names the call this chain passes the value to, not the first chain's.
Cause OwnCallCause(const Model& m, const Analysis& a, const Chain& c);

/// The label (CauseLabel) of the own-call cause of verdict v's first chain, the one lists of
/// allocations show beside each (`sites`, the summary's hottest sites); empty without one.
std::string FirstCauseLabel(const Model& m, const Analysis& a, uint32_t v);

/// The callee named by a call expression: `store(&local)` -> `store`,
/// `fmt.Fprintln(os.Stdout, fmt.a...)` -> `fmt.Fprintln`, `p.doPrintln(a)` -> `p.doPrintln`,
/// `(*T).M(t)` -> `(*T).M`; empty if `expr` is not a call.
std::string CalleeOf(std::string_view expr);

}  // namespace escviz
