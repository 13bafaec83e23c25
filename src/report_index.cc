#include "src/report_index.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace escviz {
namespace {

bool IsLeak(VerdictKind k) {
  return k == VerdictKind::kLeakingParam || k == VerdictKind::kLeakingParamContent ||
         k == VerdictKind::kLeakingParamToResult;
}

std::vector<uint32_t> FunctionOfExplanations(const Model& m) {
  std::map<std::pair<uint32_t, std::string_view>, uint32_t> by_name;
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    by_name.emplace(std::make_pair(m.functions[f].package, m.str(m.functions[f].name)), f);
  }
  std::vector<uint32_t> out(m.explanations.size(), kNone);
  for (uint32_t e = 0; e < m.explanations.size(); ++e) {
    const Explanation& x = m.explanations[e];
    if (x.verdict != kNone && m.verdicts[x.verdict].function != kNone) {
      out[e] = m.verdicts[x.verdict].function;
    } else if (x.func != 0) {
      auto it = by_name.find({x.package, m.str(x.func)});
      if (it != by_name.end()) out[e] = it->second;
    }
  }
  return out;
}

/// Chains of each cause, and of each choke point (keyed as Analyze keys them).
void IndexCausesAndChokes(const Model& m, const Analysis& a, ReportIndex* r) {
  r->chains_of_cause.assign(a.causes.size(), {});
  r->chains_of_choke.assign(a.choke_points.size(), {});
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, uint32_t> choke_index;
  for (uint32_t i = 0; i < a.choke_points.size(); ++i) {
    const ChokePoint& p = a.choke_points[i];
    choke_index.emplace(Key{p.package, p.function, p.location}, i);
  }
  std::vector<std::string> package_names(m.packages.size());
  for (uint32_t p = 0; p < m.packages.size(); ++p) package_names[p] = m.PackageName(p);
  for (uint32_t ci = 0; ci < a.chains.size(); ++ci) {
    const Chain& c = a.chains[ci];
    if (!IsHeap(m.verdicts[c.verdict].kind)) continue;
    if (c.cause != kNone) r->chains_of_cause[c.cause].push_back(ci);
    std::set<uint32_t> on_chain;
    for (const ChainHop& h : c.hops) {
      const Explanation& x = m.explanations[h.explanation];
      const FlowStep& s = m.steps[x.first_step + h.step];
      if (m.str(s.dst) == "{heap}") continue;
      auto it = choke_index.find(Key{package_names[x.package],
                                     std::string(m.FunctionName(HopFunction(*r, h))),
                                     std::string(m.str(s.dst))});
      if (it != choke_index.end()) on_chain.insert(it->second);
    }
    for (uint32_t k : on_chain) r->chains_of_choke[k].push_back(ci);
  }
}

}  // namespace

ReportIndex BuildReportIndex(const Model& m, const Analysis& a) {
  ReportIndex r;
  r.function_of_explanation = FunctionOfExplanations(m);
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
    bool heap = IsHeap(vd.kind);
    auto [it, added] = file_slot.emplace(vd.pos.file, r.files.size());
    if (added) {
      r.files.emplace_back(vd.pos.file, std::vector<uint32_t>());
      file_has_heap.push_back(false);
    }
    r.files[it->second].second.push_back(v);
    if (heap) file_has_heap[it->second] = true;
    if (!heap && !IsLeak(vd.kind)) continue;
    if (heap) ++r.heap_of_package[vd.package];
    if (vd.function == kNone) {
      r.unknown_of_package[vd.package].push_back(v);
      continue;
    }
    r.verdicts_of_function[vd.function].push_back(v);
    if (heap) {
      ++r.heap_of_function[vd.function];
      r.has_page[vd.function] = true;
    }
  }
  // Keep only files with a heap verdict, in first-seen order.
  size_t keep = 0;
  for (size_t i = 0; i < r.files.size(); ++i) {
    if (file_has_heap[i]) r.files[keep++] = std::move(r.files[i]);
  }
  r.files.resize(keep);

  for (uint32_t ci = 0; ci < a.chains.size(); ++ci) {
    uint32_t last = kNone;
    for (const ChainHop& h : a.chains[ci].hops) {
      if (!h.crosses) continue;
      uint32_t f = HopFunction(r, h);
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
  IndexCausesAndChokes(m, a, &r);
  return r;
}

}  // namespace escviz
