#include "src/report_index.h"

#include <algorithm>
#include <unordered_map>

namespace escviz {

ReportIndex BuildReportIndex(const Model& m, const Analysis& a) {
  ReportIndex r;
  size_t nf = m.functions.size(), np = m.packages.size();
  r.verdicts_of_function.assign(nf, {});
  r.heap_of_function.assign(nf, 0);
  r.unknown_of_package.assign(np, {});
  r.functions_of_package.assign(np, {});
  r.heap_of_package.assign(np, 0);
  r.callers_of_function.assign(nf, {});
  r.has_page.assign(nf, false);

  std::unordered_map<StrId, size_t> file_slot;
  std::vector<bool> file_has_heap;
  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    const Verdict& vd = m.verdicts[v];
    // Counted as heap allocations: those that allocate; every heap verdict has its block on
    // its function's page (one that allocates nothing is shown, marked so).
    const bool heap = m.Counted(v);  // a site once (src/sites.h)
    const bool block = IsHeap(vd.kind);
    auto [it, added] = file_slot.emplace(vd.pos.file, r.files.size());
    if (added) {
      r.files.emplace_back(vd.pos.file, std::vector<uint32_t>());
      file_has_heap.push_back(false);
    }
    r.files[it->second].second.push_back(v);
    if (heap) file_has_heap[it->second] = true;
    if (!block && !IsLeak(vd.kind)) continue;
    if (heap) ++r.heap_of_package[vd.package];
    if (vd.function == kNone) {
      r.unknown_of_package[vd.package].push_back(v);
      continue;
    }
    r.verdicts_of_function[vd.function].push_back(v);
    if (heap) ++r.heap_of_function[vd.function];
    if (block) r.has_page[vd.function] = true;
  }
  // Keep only files with a heap verdict, in first-seen order.
  size_t keep = 0;
  for (size_t i = 0; i < r.files.size(); ++i) {
    if (!file_has_heap[i]) continue;
    if (keep != i) r.files[keep] = std::move(r.files[i]);  // not onto itself: that empties it
    ++keep;
  }
  r.files.resize(keep);

  for (uint32_t ci = 0; ci < a.chains.size(); ++ci) {
    if (a.chains[ci].verdict == kNone) continue;  // a block no verdict claims: no page shows it
    uint32_t last = kNone;
    for (const ChainHop& h : a.chains[ci].hops) {
      if (!h.crosses) continue;
      uint32_t f = m.explanations[h.explanation].function;
      if (f == kNone || f == last) continue;
      last = f;
      r.has_page[f] = true;
      if (r.callers_of_function[f].empty() || r.callers_of_function[f].back() != ci) {
        r.callers_of_function[f].push_back(ci);
      }
    }
  }
  for (uint32_t f = 0; f < nf; ++f) {
    if (r.has_page[f]) r.ranked_functions.push_back(f);
  }
  auto by_rank = [&](uint32_t x, uint32_t y) {
    const Function &fx = m.functions[x], &fy = m.functions[y];
    if (r.heap_of_function[x] != r.heap_of_function[y]) {
      return r.heap_of_function[x] > r.heap_of_function[y];
    }
    if (fx.package != fy.package) return fx.package < fy.package;
    return m.str(fx.name) < m.str(fy.name);
  };
  std::sort(r.ranked_functions.begin(), r.ranked_functions.end(), by_rank);
  for (uint32_t f : r.ranked_functions) r.functions_of_package[m.functions[f].package].push_back(f);
  return r;
}

}  // namespace escviz
