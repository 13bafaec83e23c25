#pragma once
/// Chains, causes and choke points (SPEC section 3). A chain starts at a verdict's explanation
/// and follows its flow steps to `{heap}` (or, for leaking parameters, to the result); where the
/// last step passes the value as a call parameter to a callee whose parameter leaks to the heap
/// and whose explanation is in the log, the chain continues inside the callee.

#include <cstdint>
#include <string>
#include <vector>

#include "src/model.h"

namespace escviz {

/// One flow step of a chain: step `step` of explanation `explanation`.
struct ChainHop {
  uint32_t explanation = 0;
  uint32_t step = 0;
  bool crosses = false;  ///< the first hop inside a callee
};

struct Chain {
  enum class End : uint8_t {
    kHeap,         ///< reaches `{heap}`
    kOther,        ///< ends elsewhere (a result, `{storage for ...}` of a leak)
    kUnexplained,  ///< the verdict has no explanation in the log
    kCycle,        ///< the compiler truncated it (assignment cycle) or following callees looped
  };
  uint32_t verdict = kNone;
  std::vector<ChainHop> hops;
  End end = End::kHeap;
  uint32_t cause = kNone;         ///< index into Analysis::causes (heap verdicts only)
  std::string unresolved_callee;  ///< last step is a call parameter to a callee not followed
};

/// A group of heap verdicts that reach the heap through the same final step.
struct Cause {
  std::string kind;      ///< reason category: `interface-converted`, `call parameter`, ...
  std::string package;   ///< where the final step happens
  std::string function;  ///< function of the final step (`?` unknown)
  std::string what;      ///< the expression of the final note (empty for size causes)
  std::string example;   ///< position of one heap verdict it accounts for
  std::string site;      ///< position of the final note (first seen)
  uint64_t heap = 0;     ///< heap verdicts it accounts for
  std::string Label() const;
};

/// A location (qualified by package and function) and how many heap chains pass through it.
struct ChokePoint {
  std::string package, function, location;
  uint64_t chains = 0;
  std::string example;  ///< position of one heap verdict whose chain passes here
  std::string Label() const;
};

struct Analysis {
  std::vector<Chain>
      chains;  ///< one per heap or leak verdict with an explanation, + unexplained heap
  std::vector<Cause> causes;               ///< ranked: most heap verdicts first, then label
  std::vector<ChokePoint> choke_points;    ///< ranked likewise
  uint64_t crossing_chains = 0;            ///< chains that continue into at least one callee
  uint64_t cycles = 0;                     ///< explanations truncated by an assignment cycle
  std::vector<uint32_t> chain_of_verdict;  ///< verdict -> chain index or kNone
};

/// Computes chains for every verdict that has an explanation, and causes and choke points of
/// the heap verdicts.
Analysis Analyze(const Model& m);

/// The callee named by a call expression: `store(&local)` -> `store`,
/// `fmt.Fprintln(os.Stdout, fmt.a...)` -> `fmt.Fprintln`, `p.doPrintln(a)` -> `p.doPrintln`,
/// `(*T).M(t)` -> `(*T).M`; empty if `expr` is not a call.
std::string CalleeOf(std::string_view expr);

}  // namespace escviz
