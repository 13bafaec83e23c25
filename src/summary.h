#pragma once
/// The aggregates behind `escviz summary`: counts of SPEC 4.1 and the top packages, files and
/// functions by heap allocations. Computed once from the model; every format renders this.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "src/chains.h"
#include "src/model.h"
#include "src/patterns.h"
#include "src/profile_join.h"

namespace escviz {

/// A row of a ranking. Rows sort by heap allocations, then name, so output is repeatable.
struct RankedRow {
  std::string name;     ///< package, file, or function name
  std::string package;  ///< for functions: the package; else empty
  uint64_t heap = 0;    ///< moved_to_heap + escapes_to_heap
  uint64_t moved = 0;
  uint64_t escapes = 0;
  std::string example;  ///< one position, for looking it up
};

/// A cause as the summary shows it (Analysis::causes, spelled out).
struct CauseRow : CauseText {
  uint64_t heap = 0;    ///< heap verdicts it accounts for
  std::string example;  ///< position of one heap verdict it accounts for
  std::string site;     ///< position of the final note (first seen), or empty
};

/// A pattern as the summary shows it (src/patterns.h): the heap allocations it accounts for.
struct PatternRow {
  std::string id;       ///< `returned-address`
  uint64_t heap = 0;    ///< heap allocations (counted sites) of this pattern
  std::string example;  ///< position of the first
  std::string remedy;
  ProfileFigures figures;  ///< with a profile: its figures at the pattern's counted sites
};

/// A counted heap site a profile reaches, as the summary shows it.
struct ProfileSiteRow {
  uint32_t verdict = 0;
  std::string position, sentence, function, package, pattern, cause;
  ProfileFigures figures;  ///< of its line
  uint32_t shared = 1;     ///< counted sites on the line (they share its figures)
  std::string also;        ///< ProfileLine::also of its line: growth its figures include
};

/// A choke point as the summary shows it (Analysis::choke_points, spelled out).
struct ChokePointRow : ChokePointText {
  uint64_t chains = 0;
  std::string example;  ///< position of one heap verdict whose chain passes here
};

struct Summary {
  std::vector<std::string> inputs;
  uint64_t total_lines = 0;
  uint64_t unrecognized = 0;
  uint64_t orphan_explanation_lines = 0;
  std::array<uint64_t, kVerdictKindCount> verdicts{};
  std::array<uint64_t, kLineKindCount> line_kinds{};
  /// Heap verdicts counted as allocations (Model::Allocates): every total, ranking and example
  /// below counts only these.
  uint64_t heap = 0;
  uint64_t heap_moved = 0, heap_escapes = 0;  ///< ... by kind
  /// Heap verdicts counted as allocations that repeat a site already counted: the other generic
  /// instances and closure clones of a site (src/sites.h). Not in `heap`.
  uint64_t heap_copies = 0;
  /// Heap verdicts that allocate nothing (Model::EscapesWithoutAllocation), by reason (index:
  /// NoAlloc), and whether --count-no-alloc counted them as allocations instead (then all 0).
  std::array<uint64_t, static_cast<int>(NoAlloc::kCount)> no_alloc{};
  uint64_t no_alloc_total = 0;
  bool count_no_alloc = false;
  uint64_t heap_explained = 0;         ///< ... with at least one explanation attached
  uint64_t explanations = 0;           ///< explanation blocks
  uint64_t unknown_function = 0;       ///< verdicts whose function is `?`
  uint64_t unknown_function_heap = 0;  ///< heap verdicts whose function is `?`
  /// Verdicts, and heap verdicts, by how their function was found (index: Attribution).
  std::array<uint64_t, kAttributionCount> attribution{};
  std::array<uint64_t, kAttributionCount> attribution_heap{};
  uint64_t packages_seen = 0;
  std::vector<RankedRow> packages;   ///< all with heap > 0, ranked
  std::vector<RankedRow> files;      ///< all with heap > 0, ranked
  std::vector<RankedRow> functions;  ///< all with heap > 0, ranked (`?` included)
  /// Heap allocations by pattern, most first (then in the table's order); only patterns that
  /// have some. Escapes that allocate nothing are no-allocation's row when --count-no-alloc
  /// does not count them as allocations; its count is no_alloc_total, not part of `heap`.
  std::vector<PatternRow> patterns;
  std::vector<CauseRow> causes;             ///< ranked (from Analyze)
  std::vector<ChokePointRow> choke_points;  ///< ranked (from Analyze)
  uint64_t crossing_chains = 0;             ///< chains continued into a callee
  uint64_t cycles = 0;                      ///< explanations truncated by assignment cycles
  std::string scope;                        ///< Model::scope: empty, or what was left out
  size_t packages_in_scope = 0;             ///< Model::packages_in_scope
  /// With --profile: the join, and its counted sites by the ranking figure, most first.
  std::shared_ptr<const ProfileJoin> profile;
  /// The first kMaxHotSiteRows of them, spelled out (a profile of a large program reaches
  /// thousands; the outputs show the top few), and how many there are.
  std::vector<ProfileSiteRow> hot_sites;
  size_t hot_site_count = 0;
  static constexpr size_t kMaxHotSiteRows = 1000;

  uint64_t count(LineKind k) const { return line_kinds[static_cast<int>(k)]; }
  uint64_t count(VerdictKind k) const { return verdicts[static_cast<int>(k)]; }
  uint64_t count(Attribution a) const { return attribution[static_cast<int>(a)]; }
  uint64_t heap_count(Attribution a) const { return attribution_heap[static_cast<int>(a)]; }
};

Summary Summarize(const Model& m, const Analysis& a);

}  // namespace escviz
