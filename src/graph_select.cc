#include "src/graph_select.h"

#include <fmt/format.h>

#include <algorithm>

#include "src/package_scope.h"

namespace escviz {

std::vector<uint32_t> SelectChains(const Model& m, const Analysis& a, const GraphSelection& sel,
                                   std::string* title) {
  constexpr size_t kExamplesPerCause = 3;
  std::vector<size_t> shown(sel.top, 0);
  std::vector<uint32_t> out;
  std::vector<std::string> what;
  std::vector<bool> at_place;
  if (sel.at) {
    at_place.assign(m.verdicts.size(), false);
    for (uint32_t v : FindAt(m, *sel.at)) at_place[v] = true;
    what.push_back(fmt::format("at {}:{}{}", sel.at->file, sel.at->line,
                               sel.at->col ? fmt::format(":{}", sel.at->col) : ""));
  }
  if (!sel.func.empty()) what.push_back("in " + sel.func);
  if (!sel.packages.empty()) {
    std::string list;
    for (const std::string& p : sel.packages) list += (list.empty() ? "" : ", ") + p;
    what.push_back((sel.packages.size() == 1 ? "in package " : "in packages ") + list);
  }
  if (sel.top > 0) what.push_back(fmt::format("of the top {} causes", sel.top));
  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    const auto [first, last] = ChainsOf(a, v);
    const Verdict& vd = m.verdicts[v];
    if (sel.at && !at_place[v]) continue;
    if (!sel.func.empty() && !FunctionMatches(m, vd.function, sel.func)) continue;
    if (!sel.packages.empty() &&
        std::none_of(sel.packages.begin(), sel.packages.end(), [&](const std::string& p) {
          return PackageUnder(m.str(m.packages[vd.package].name), p);
        })) {
      continue;
    }
    // Places and functions show every explained verdict; packages and causes the heap ones.
    if (!sel.at && sel.func.empty() && !IsHeap(vd.kind)) continue;
    for (uint32_t ci = first; ci < last; ++ci) {  // each reason's chain
      if (a.chains[ci].hops.empty()) continue;
      if (sel.top > 0) {
        uint32_t cause = a.chains[ci].cause;
        if (cause == kNone || cause >= sel.top) continue;
        // A cause may account for thousands of chains: draw a few examples of each.
        if (shown[cause]++ >= kExamplesPerCause) continue;
      }
      out.push_back(ci);
    }
  }
  std::string joined;
  for (const std::string& w : what) joined += (joined.empty() ? "" : ", ") + w;
  *title =
      fmt::format("escape chains {} ({} chain{})", joined, out.size(), out.size() == 1 ? "" : "s");
  if (sel.top > 0) {
    *title += fmt::format("; up to {} examples of each cause:", kExamplesPerCause);
    for (size_t i = 0; i < sel.top && i < a.causes.size(); ++i) {
      *title += fmt::format("\n{}. {} ({} heap allocations)", i + 1, CauseLabel(m, a.causes[i]),
                            a.causes[i].heap);
    }
  }
  return out;
}

}  // namespace escviz
