#pragma once
/// `escviz diff`: the verdicts HEAD has and BASE lacks (added) and the reverse (removed),
/// matched by VerdictKey (src/verdict_key.h), so that moved lines give no difference.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "src/model.h"
#include "src/verdict_key.h"

namespace escviz {

/// Which verdict kinds are compared: by default the two heap kinds.
struct DiffKinds {
  std::array<bool, kVerdictKindCount> on{};
  DiffKinds();
  /// Parses `all` or a comma list of SPEC 4.1 kind names; false (with `*bad` the name) if one
  /// is unknown, or (with `*bad` the whole list) if it names none, as `,` does.
  bool Parse(const std::string& list, std::string* bad);
  bool has(VerdictKind k) const { return on[static_cast<int>(k)]; }
};

/// One verdict on one side: its key, its position as printed, its index in that side's model,
/// and how its function was found.
struct DiffEntry {
  VerdictKey key;
  std::string pos;
  uint32_t verdict = kNone;
  Attribution attribution = Attribution::kUnknown;
  /// A heap verdict counted as an allocation (Model::Allocates); false for one that allocates
  /// nothing (`no_alloc` says why) and for every other kind.
  bool allocates = false;
  NoAlloc no_alloc = NoAlloc::kAllocates;
};

/// Heap allocations of one package on each side.
struct DiffPackageRow {
  std::string package;
  uint64_t base = 0, head = 0;
};

struct DiffResult {
  DiffKinds kinds;
  std::vector<DiffEntry> added;    ///< verdicts of head, sorted by key
  std::vector<DiffEntry> removed;  ///< verdicts of base, sorted by key
  std::array<uint64_t, kVerdictKindCount> base_counts{}, head_counts{};
  std::vector<DiffPackageRow> packages;  ///< every package with heap allocations, by name
  /// Heap allocations in `added` (what `--fail-on new` checks).
  uint64_t added_heap() const;
};

/// Compares the verdicts of the kinds in `kinds`. Two passes: verdicts with equal keys match;
/// then, of those left, a verdict whose function is known for sure (compiler `in FUNC` or the
/// source) matches one with the same package, file, kind and expression whose function is only
/// guessed (nearest declaration) or unknown, and a guessed one an unknown one, in key order: the
/// same build logged by two Go versions (Go 1.26 names functions, Go 1.19 does not) then diffs as
/// empty.
DiffResult Diff(const Model& base, const Model& head, const DiffKinds& kinds);

}  // namespace escviz
