#pragma once
/// Allocation patterns (issue 22): each heap allocation is given one of the patterns every Go
/// performance guide teaches, decided from its whole chain (the verdict's own expression, the
/// steps of every segment, where the value finally reaches the heap and in which callee), and
/// from facts of the Go source the loader found (a `go` statement, a map). The table kPatterns
/// is the one list of ids, definitions and remedies; the README prints the same table.
///
/// Where two patterns apply, the one earlier in kPatterns is the pattern and the next one that
/// applies is shown beside it as a second tag: the table is ordered by precedence, the most
/// specific first. Broadly: an allocation that allocates nothing; one sent to the heap by its
/// size alone; a goroutine; then what kind of allocation it is when the kind is itself the
/// lesson (a closure, a method value, a `...` slice, a captured variable, a boxed value, a
/// string, an `append`); then where it goes (returned, sent, stored in a map, a global or a
/// heap object, passed to a call the compiler cannot see, or to a callee whose leak the log
/// does not explain); `other` last.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/chains.h"
#include "src/model.h"

namespace escviz {

enum class Pattern : uint8_t {
  kNoAllocation,
  kTooLarge,
  kNonConstantSize,
  kGoroutine,
  kEscapingClosure,
  kMethodValue,
  kVariadicArguments,
  kClosureCapture,
  kInterfaceConversion,
  kStringBuilding,
  kSliceGrowth,
  kReturnedAddress,
  kChannelSend,
  kMapStore,
  kGlobalStore,
  kHeapObjectStore,
  kIndirectCall,
  kCalleeLeaks,
  kOther,
  kCount
};
constexpr int kPatternCount = static_cast<int>(Pattern::kCount);

struct PatternInfo {
  Pattern pattern;
  std::string_view id;      ///< `returned-address`: what every output spells
  std::string_view what;    ///< what happened, one sentence
  std::string_view remedy;  ///< what to do about it, one to three sentences
};

/// The patterns in precedence order (index: Pattern).
extern const PatternInfo kPatterns[kPatternCount];

inline const PatternInfo& InfoOf(Pattern p) { return kPatterns[static_cast<int>(p)]; }
inline std::string_view PatternId(Pattern p) { return InfoOf(p).id; }
/// The pattern of id `id`, or false if there is none of that name.
bool PatternOfId(std::string_view id, Pattern* out);

/// The final step of an allocation the log does not explain (built with -m, not -m=2).
inline constexpr std::string_view kNoExplanationStep =
    "no explanation in the log: -gcflags='-m -m' shows the chain";

/// What a heap allocation's chains say about it.
struct AllocationPattern {
  Pattern pattern = Pattern::kOther;
  Pattern second = Pattern::kCount;  ///< the next pattern that applies, kCount for none
  /// Where the value finally reaches the heap: the function of the chain's last segment (a
  /// callee followed into, else the verdict's own; kNone for `?`).
  uint32_t where = kNone;
  /// indirect-call and callee-leaks: the callee or call, as the chain spells it
  /// (`fmt.Fprintln`, `w.Write`); else empty.
  std::string callee;
  /// The final step in words (`from g = &T{} (assign)`), shown for every pattern and the only
  /// text `other` has.
  std::string final_step;
  /// Set when the value would likely stay on the stack if a function could be inlined: the
  /// compiler's reason (`cannot inline newT: function too complex: cost 81 exceeds budget 80`).
  std::string inline_hint;
};

namespace patterns {
class Classifier;
}

/// Classifies heap verdicts one at a time (what the model says about methods, inlining and
/// packages is looked up once, when it is made).
class PatternClassifier {
 public:
  PatternClassifier(const Model& m, const Analysis& a);
  ~PatternClassifier();
  PatternClassifier(const PatternClassifier&) = delete;
  PatternClassifier& operator=(const PatternClassifier&) = delete;
  /// The pattern of heap verdict `v`.
  AllocationPattern Classify(uint32_t v) const;
  /// Only its pattern and second tag (no words): for counting.
  std::pair<Pattern, Pattern> PatternsOf(uint32_t v) const;

 private:
  std::unique_ptr<patterns::Classifier> impl_;
};

/// The pattern of every verdict (index: verdict): set for the heap verdicts (counted or not, the
/// copies of a site included), default (kOther, nothing else) for the others.
std::vector<AllocationPattern> ClassifyPatterns(const Model& m, const Analysis& a);

/// `pattern` or `pattern (+second)` as the outputs show it; `where`'s name after ` in ` when it
/// is not the verdict's own function, and the callee after `: `.
std::string PatternLabel(const Model& m, const Verdict& v, const AllocationPattern& p);

}  // namespace escviz
