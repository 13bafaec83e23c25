#include "src/diff.h"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>
#include <tuple>

namespace escviz {

DiffKinds::DiffKinds() {
  on[static_cast<int>(VerdictKind::kMovedToHeap)] = true;
  on[static_cast<int>(VerdictKind::kEscapesToHeap)] = true;
}

bool DiffKinds::Parse(const std::string& list, std::string* bad) {
  on.fill(false);
  std::stringstream ss(list);
  std::string name;
  bool any = false;
  while (std::getline(ss, name, ',')) {
    if (name.empty()) continue;
    any = true;
    if (name == "all") {
      on.fill(true);
      continue;
    }
    bool found = false;
    for (int k = 0; k < kVerdictKindCount; ++k) {
      if (VerdictKindName(static_cast<VerdictKind>(k)) == name) on[k] = found = true;
    }
    if (!found) {
      *bad = name;
      return false;
    }
  }
  if (!any) *bad = list;  // `,` or empty: no kind at all is not a comparison
  return any;
}

uint64_t DiffResult::added_heap() const {
  return std::count_if(added.begin(), added.end(), [](const DiffEntry& e) { return e.allocates; });
}

namespace {

/// The entries of the compared kinds of `m`, keyed, sorted by key.
std::vector<DiffEntry> Entries(const Model& m, const DiffKinds& kinds,
                               std::array<uint64_t, kVerdictKindCount>* counts) {
  std::vector<VerdictKey> keys = VerdictKeys(m);
  std::vector<DiffEntry> out;
  for (size_t i = 0; i < keys.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    if (!kinds.has(v.kind) || !m.SiteFirst(static_cast<uint32_t>(i))) continue;  // a site once
    ++(*counts)[static_cast<int>(v.kind)];
    out.push_back({std::move(keys[i]), m.FormatPos(v.pos), static_cast<uint32_t>(i), v.attribution,
                   m.Allocates(v),
                   IsHeap(v.kind) && !m.Allocates(v) ? v.no_alloc : NoAlloc::kAllocates});
  }
  std::sort(out.begin(), out.end(),
            [](const DiffEntry& a, const DiffEntry& b) { return a.key < b.key; });
  return out;
}

/// How sure a verdict's function is: 2 named by the compiler or the source, 1 guessed from the
/// nearest declaration, 0 unknown.
int Sureness(Attribution a) {
  if (a == Attribution::kCompiler || a == Attribution::kSource) return 2;
  return a == Attribution::kHeuristic ? 1 : 0;
}

/// The second pass: pairs left-over removed and added entries that differ only in a function
/// that the two sides found with different sureness (one named by the compiler or the source,
/// the other guessed or unknown; or one guessed, the other unknown); drops the pairs.
void MatchGuessedFunctions(std::vector<DiffEntry>* removed, std::vector<DiffEntry>* added) {
  using Group = std::tuple<std::string, std::string, VerdictKind, std::string>;
  auto group = [](const DiffEntry& e) {
    return Group(e.key.package, e.key.file, e.key.kind, e.key.expr);
  };
  // The added entries of each group, in order, split by whether their function is sure.
  std::map<Group, std::array<std::vector<size_t>, 3>> open;
  for (size_t j = 0; j < added->size(); ++j) {
    const DiffEntry& a = (*added)[j];
    open[group(a)][Sureness(a.attribution)].push_back(j);
  }
  std::map<Group, std::array<size_t, 3>> next;  // how many of each list are taken
  std::vector<bool> drop_r(removed->size()), drop_a(added->size());
  for (size_t i = 0; i < removed->size(); ++i) {
    const DiffEntry& r = (*removed)[i];
    Group g = group(r);
    auto it = open.find(g);
    if (it == open.end()) continue;
    int own = Sureness(r.attribution);
    for (int other = 2; other >= 0; --other) {  // the surer first; never the same sureness
      size_t& taken = next[g][other];
      if (other == own || taken == it->second[other].size()) continue;
      drop_r[i] = true;
      drop_a[it->second[other][taken++]] = true;
      break;
    }
  }
  auto keep = [](std::vector<DiffEntry>* v, const std::vector<bool>& drop) {
    std::vector<DiffEntry> kept;
    for (size_t i = 0; i < v->size(); ++i) {
      if (!drop[i]) kept.push_back(std::move((*v)[i]));
    }
    *v = std::move(kept);
  };
  keep(removed, drop_r);
  keep(added, drop_a);
}

}  // namespace

DiffResult Diff(const Model& base, const Model& head, const DiffKinds& kinds) {
  DiffResult r;
  r.kinds = kinds;
  std::vector<DiffEntry> b = Entries(base, kinds, &r.base_counts);
  std::vector<DiffEntry> h = Entries(head, kinds, &r.head_counts);
  size_t i = 0, j = 0;
  while (i < b.size() || j < h.size()) {
    if (j == h.size() || (i < b.size() && b[i].key < h[j].key)) {
      r.removed.push_back(std::move(b[i++]));
    } else if (i == b.size() || h[j].key < b[i].key) {
      r.added.push_back(std::move(h[j++]));
    } else {
      ++i;
      ++j;
    }
  }
  MatchGuessedFunctions(&r.removed, &r.added);
  std::map<std::string, DiffPackageRow> rows;
  for (uint32_t v = 0; v < base.verdicts.size(); ++v) {
    if (base.Counted(v)) ++rows[base.PackageName(base.verdicts[v].package)].base;
  }
  for (uint32_t v = 0; v < head.verdicts.size(); ++v) {
    if (head.Counted(v)) ++rows[head.PackageName(head.verdicts[v].package)].head;
  }
  for (auto& [name, row] : rows) {
    row.package = name;
    r.packages.push_back(row);
  }
  return r;
}

}  // namespace escviz
