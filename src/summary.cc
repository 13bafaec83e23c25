#include "src/summary.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "src/sites.h"

namespace escviz {
namespace {

/// Accumulates heap verdicts per key, keeping the first position seen as the example.
class Tally {
 public:
  /// Adds `lines` heap verdicts alike (Model::Repeats).
  void Add(const std::string& key, const std::string& package, const Verdict& v, const Model& m,
           uint64_t lines) {
    RankedRow& r = rows_[key];
    if (r.heap == 0) {
      r.name = key;
      r.package = package;
      r.example = m.FormatPos(v.pos);
    }
    r.heap += lines;
    (v.kind == VerdictKind::kMovedToHeap ? r.moved : r.escapes) += lines;
  }
  std::vector<RankedRow> Ranked() const {
    std::vector<RankedRow> out;
    for (const auto& kv : rows_) out.push_back(kv.second);
    std::sort(out.begin(), out.end(), [](const RankedRow& a, const RankedRow& b) {
      return std::tie(b.heap, a.package, a.name) < std::tie(a.heap, b.package, b.name);
    });
    return out;
  }

 private:
  std::map<std::string, RankedRow> rows_;
};

}  // namespace

Summary Summarize(const Model& m, const Analysis& a) {
  Summary s;
  {
    const PatternClassifier patterns(m, a);
    std::array<PatternRow, kPatternCount> rows;
    for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
      const Verdict& vd = m.verdicts[v];
      if (!IsHeap(vd.kind) || !m.SiteFirst(v)) continue;
      PatternRow& r = rows[static_cast<int>(patterns.PatternsOf(v).first)];
      if (r.heap == 0) r.example = m.FormatPos(vd.pos);
      r.heap += m.Repeats(v);
      if (m.profile && m.Counted(v)) r.figures += m.profile->Of(m, v);
    }
    for (int k = 0; k < kPatternCount; ++k) {
      if (rows[k].heap == 0) continue;
      rows[k].id = std::string(kPatterns[k].id);
      rows[k].remedy = std::string(kPatterns[k].remedy);
      s.patterns.push_back(std::move(rows[k]));
    }
    std::stable_sort(s.patterns.begin(), s.patterns.end(),
                     [](const PatternRow& x, const PatternRow& y) { return x.heap > y.heap; });
    if (m.profile) {
      s.profile = m.profile;
      const ProfileJoin& join = *m.profile;
      std::vector<uint32_t> hot;
      for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
        if (m.Counted(v) && join.Sampled(m, v)) hot.push_back(v);
      }
      std::stable_sort(hot.begin(), hot.end(), [&](uint32_t x, uint32_t y) {
        return join.RankOf(m, x) > join.RankOf(m, y);
      });
      s.hot_site_count = hot.size();
      if (hot.size() > Summary::kMaxHotSiteRows) hot.resize(Summary::kMaxHotSiteRows);
      {
        for (uint32_t v : hot) {
          const Verdict& vd = m.verdicts[v];
          ProfileSiteRow row;
          row.verdict = v;
          row.position = m.FormatPos(vd.pos);
          row.sentence = VerdictSentence(m, vd);
          row.function = std::string(m.FunctionName(vd.function));
          row.package = m.PackageName(vd.package);
          row.pattern = std::string(PatternId(patterns.Classify(v).pattern));
          row.cause = FirstCauseLabel(m, a, v);
          row.figures = join.Of(m, v);
          row.shared = join.SharedBy(m, v);
          if (const ProfileLine* line = join.LineOf(m, v)) row.also = line->also;
          s.hot_sites.push_back(std::move(row));
        }
      }
    }
  }
  s.scope = m.scope;
  s.packages_in_scope = m.packages_in_scope;
  s.causes.reserve(a.causes.size());
  for (const Cause& c : a.causes) {
    CauseRow row;
    static_cast<CauseText&>(row) = SpellCause(m, c);
    row.heap = c.heap;
    row.example = m.FormatPos(m.verdicts[c.example].pos);
    if (c.site != kNone) row.site = m.FormatPos(m.notes[c.site].pos);
    s.causes.push_back(std::move(row));
  }
  s.choke_points.reserve(a.choke_points.size());
  for (const ChokePoint& p : a.choke_points) {
    ChokePointRow row;
    static_cast<ChokePointText&>(row) = SpellChokePoint(m, p);
    row.chains = p.chains;
    row.example = m.FormatPos(m.verdicts[p.example].pos);
    s.choke_points.push_back(std::move(row));
  }
  s.count_no_alloc = m.count_no_alloc;
  s.crossing_chains = a.crossing_chains;
  s.cycles = a.cycles;
  s.inputs = m.inputs;
  s.total_lines = m.total_lines;
  s.unrecognized = m.unrecognized_count();
  s.orphan_explanation_lines = m.orphan_explanation_lines;
  s.line_kinds = m.line_counts;
  s.explanations = m.explanations.size();
  s.packages_seen = m.packages.size() - 1;
  Tally packages, files, functions;
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    const uint64_t lines = m.Repeats(i);  // a run of identical lines is one verdict here
    s.verdicts[static_cast<int>(v.kind)] += lines;
    // A site is counted once (src/sites.h): its generic instances and closure clones apart.
    const bool copy = !m.SiteFirst(i);
    if (copy && m.Allocates(v)) s.heap_copies += lines;
    const bool heap = m.Counted(i);
    if (m.EscapesWithoutAllocation(v) && !copy) {
      s.no_alloc[static_cast<int>(v.no_alloc)] += lines;
      s.no_alloc_total += lines;
    }
    if (v.function == kNone) {
      s.unknown_function += lines;
      if (heap) s.unknown_function_heap += lines;
    }
    const Attribution by = v.function == kNone ? Attribution::kUnknown : v.attribution;
    s.attribution[static_cast<int>(by)] += lines;
    if (heap) s.attribution_heap[static_cast<int>(by)] += lines;
    if (!heap) continue;
    s.heap += lines;
    (v.kind == VerdictKind::kMovedToHeap ? s.heap_moved : s.heap_escapes) += lines;
    if (m.expl_offsets[i + 1] > m.expl_offsets[i]) s.heap_explained += lines;
    std::string pkg = m.PackageName(v.package);
    packages.Add(pkg, "", v, m, lines);
    files.Add(std::string(m.str(v.pos.file)), "", v, m, lines);
    // A site spans its generic instances: `Map[...]`, not the first instance's shapes.
    std::string fn = WithoutShapes(m.FunctionName(v.function));
    functions.Add(pkg + "\x1f" + fn, pkg, v, m, lines);
  }
  s.packages = packages.Ranked();
  s.files = files.Ranked();
  s.functions = functions.Ranked();
  for (RankedRow& r : s.functions) r.name = r.name.substr(r.package.size() + 1);
  return s;
}

}  // namespace escviz
