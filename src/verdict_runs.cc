// Runs of identical verdict lines written out again where sites could pair them
// (src/verdict_runs.h).
#include "src/verdict_runs.h"

#include <vector>

#include "src/model.h"
#include "src/sites.h"

namespace escviz {

void ExpandPairableRuns(Model* m) {
  if (m->runs.empty()) return;
  auto pairable = [&](const Verdict& vd) {
    const std::string_view fn = m->FunctionName(vd.function);
    return HasCloneSuffix(fn) || fn.find('[') != std::string_view::npos ||
           m->str(vd.subject).find('[') != std::string_view::npos ||
           (vd.package == 0 && vd.function != kNone);
  };
  bool any = false;
  for (const auto& [v, lines] : m->runs) any = any || pairable(m->verdicts[v]);
  if (!any) return;
  std::vector<uint32_t> renumber(m->verdicts.size());
  std::vector<Verdict> out;
  absl::flat_hash_map<uint32_t, uint64_t> runs;
  out.reserve(m->verdicts.size());
  for (uint32_t v = 0; v < m->verdicts.size(); ++v) {
    const Verdict& vd = m->verdicts[v];
    renumber[v] = static_cast<uint32_t>(out.size());
    out.push_back(vd);
    const uint64_t lines = m->Repeats(v);
    if (lines == 1) continue;
    if (!pairable(vd)) {
      runs.emplace(renumber[v], lines);
      continue;
    }
    for (uint64_t k = 1; k < lines; ++k) {  // the run's other lines, one after the other
      out.push_back(vd);
      out.back().src.line = vd.src.line + k;
    }
  }
  m->verdicts = std::move(out);
  m->runs = std::move(runs);
  for (Explanation& e : m->explanations) {
    if (e.verdict != kNone) e.verdict = renumber[e.verdict];
  }
  absl::flat_hash_set<uint32_t> selectors;
  for (uint32_t v : m->package_selectors) selectors.insert(renumber[v]);
  m->package_selectors = std::move(selectors);
  m->IndexExplanations();
}

}  // namespace escviz
