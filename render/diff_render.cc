#include "render/diff_render.h"

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "render/escape.h"
#include "render/json_writer.h"
#include "src/chain_text.h"
#include "src/patterns.h"
#include "src/profile_join.h"
#include "src/sites.h"

namespace escviz {
namespace {

using Json = nlohmann::ordered_json;

/// What a verdict kind says, for text and Markdown: `moved to heap`, `escapes to heap`, ...
std::string KindWords(VerdictKind k) {
  std::string s(VerdictKindName(k));
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

Json CountsJson(const DiffResult& d, const std::array<uint64_t, kVerdictKindCount>& c) {
  Json o = Json::object();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (d.kinds.on[k]) o[std::string(VerdictKindName(static_cast<VerdictKind>(k)))] = c[k];
  }
  return o;
}

/// The pattern of a heap entry (src/patterns.h), or none for other kinds.
std::optional<AllocationPattern> PatternOf(const PatternClassifier& c, const Model& m,
                                           const DiffEntry& e) {
  if (!IsHeap(m.verdicts[e.verdict].kind)) return std::nullopt;
  return c.Classify(e.verdict);
}

Json EntriesJson(const std::vector<DiffEntry>& entries, const Model& m, const Analysis& a,
                 const PatternClassifier& patterns, size_t steps) {
  Json arr = Json::array();
  for (const DiffEntry& e : entries) {
    const std::optional<AllocationPattern> p = PatternOf(patterns, m, e);
    arr.push_back(
        {{"kind", VerdictKindName(e.key.kind)},
         {"package", e.key.package},
         {"file", e.key.file},
         {"function", e.key.function},
         {"expr", e.key.expr},
         {"ordinal", e.key.ordinal},
         {"pos", e.pos},
         {"allocates", e.allocates},
         {"copies", m.SiteCopies(e.verdict)},
         {"no_allocation", e.no_alloc == NoAlloc::kAllocates
                               ? Json(nullptr)
                               : Json(std::string(NoAllocName(e.no_alloc)))},
         {"pattern", p ? Json(PatternId(p->pattern)) : Json(nullptr)},
         {"second", p && p->second != Pattern::kCount ? Json(PatternId(p->second)) : Json(nullptr)},
         {"chain", ChainStepTexts(m, a, e.verdict, steps)}});
    if (m.profile && IsHeap(m.verdicts[e.verdict].kind)) {
      const ProfileFigures f = m.profile->Of(m, e.verdict);
      arr.back()["profile"] = {{"objects", f.objects},
                               {"bytes", f.bytes},
                               {"sampled", m.profile->Sampled(m, e.verdict)}};
    }
  }
  return arr;
}

/// Pattern classifiers of both sides, made once for a render.
struct SidePatterns {
  PatternClassifier base, head;
  explicit SidePatterns(const DiffSides& s)
      : base(s.base, s.base_analysis), head(s.head, s.head_analysis) {}
};

/// HEAD's profile by source line (`path:line` as the log prints the path), for removed entries:
/// a verdict gone from the log while HEAD's profile still allocates on its line (a `make` that
/// no longer escapes but is still on the heap, an allocation moved into a callee inlined
/// there) must not read as a saving.
class HeadLines {
 public:
  explicit HeadLines(const Model& head) {
    if (!head.profile) return;
    for (const ProfileLine& l : head.profile->lines) {
      if (l.log_file == kNone) continue;
      figures_[fmt::format("{}:{}", head.str(l.log_file), l.line)] += l.figures;
    }
  }
  /// HEAD's figures at the line of BASE's entry `e` (zero if none).
  ProfileFigures At(const Model& base, const DiffEntry& e) const {
    if (figures_.empty()) return {};
    const Verdict& v = base.verdicts[e.verdict];
    auto it = figures_.find(fmt::format("{}:{}", base.str(v.pos.file), v.pos.line));
    return it == figures_.end() ? ProfileFigures{} : it->second;
  }
  /// ` {HEAD's profile still has 1.5 GiB in 2215107 objects at this line}`, or "".
  std::string Note(const Model& base, const DiffEntry& e) const {
    const ProfileFigures f = At(base, e);
    if (f.objects == 0 && f.bytes == 0) return {};
    return fmt::format(" {{HEAD's profile still has {} in {} objects at this line}}",
                       FormatBytes(f.bytes), f.objects);
  }

 private:
  absl::flat_hash_map<std::string, ProfileFigures> figures_;
};

void RenderJson(const DiffResult& d, const DiffSides& s, const DiffRenderOptions& opt,
                const SidePatterns& p, std::ostream* out) {
  Json j;
  j["schema"] = "escviz.diff.v1";
  Json kinds = Json::array();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (d.kinds.on[k]) kinds.push_back(VerdictKindName(static_cast<VerdictKind>(k)));
  }
  j["kinds"] = kinds;
  j["added"] = EntriesJson(d.added, s.head, s.head_analysis, p.head, opt.chain_steps);
  j["removed"] = EntriesJson(d.removed, s.base, s.base_analysis, p.base, opt.chain_steps);
  if (s.head.profile) {  // a removed verdict's line HEAD's profile still allocates on
    const HeadLines still(s.head);
    for (size_t i = 0; i < d.removed.size(); ++i) {
      const ProfileFigures f = still.At(s.base, d.removed[i]);
      if (f.objects != 0 || f.bytes != 0) {
        j["removed"][i]["head_profile_at_line"] = {{"objects", f.objects}, {"bytes", f.bytes}};
      }
    }
  }
  j["counts"] = {{"base", CountsJson(d, d.base_counts)}, {"head", CountsJson(d, d.head_counts)}};
  Json pk = Json::array();
  for (const DiffPackageRow& r : d.packages) {
    pk.push_back({{"name", r.package},
                  {"base", r.base},
                  {"head", r.head},
                  {"delta", static_cast<int64_t>(r.head) - static_cast<int64_t>(r.base)}});
  }
  j["packages"] = pk;
  JsonWriter w(out);
  w.Value(j, 2);
  w.Raw("\n");
}

/// The log's own text of an entry (its key has U+FFFD for bytes that are not UTF-8).
struct Shown {
  std::string package, function, expr;
  Shown(const Model& m, const DiffEntry& e)
      : package(m.PackageName(m.verdicts[e.verdict].package)),
        function(m.FunctionName(m.verdicts[e.verdict].function)),
        expr(m.str(m.verdicts[e.verdict].subject)) {}
};

/// ` (escapes, no allocation: a constant ...; not gated)` for an entry that allocates nothing.
std::string NoAllocNote(const DiffEntry& e) {
  if (e.no_alloc == NoAlloc::kAllocates) return {};
  return fmt::format(" (escapes, no allocation: {}; not gated)", NoAllocReason(e.no_alloc));
}

/// ` (in 3 instances/clones, counted once)` for an entry whose site the compiler reports more
/// than once, else "".
std::string CopiesNote(const Model& m, const DiffEntry& e) {
  const std::string c = CopiesText(m.SiteCopies(e.verdict));
  return c.empty() ? c : " (" + c + ")";
}

/// `: 1.2 MiB in 300 objects` of an entry's site in its side's profile, or `: not in the
/// profile`; "" without a profile or for other kinds.
std::string ProfileNote(const Model& m, const DiffEntry& e) {
  if (!m.profile || !IsHeap(m.verdicts[e.verdict].kind)) return {};
  if (!m.profile->Sampled(m, e.verdict)) return " {not in the profile}";
  const ProfileFigures f = m.profile->Of(m, e.verdict);
  return fmt::format(" {{{} in {} objects}}", FormatBytes(f.bytes), f.objects);
}

/// ` [returned-address]` for a heap entry, else "".
std::string PatternNote(const PatternClassifier& c, const Model& m, const DiffEntry& e) {
  const std::optional<AllocationPattern> p = PatternOf(c, m, e);
  return p ? fmt::format(" [{}]", PatternLabel(m, m.verdicts[e.verdict], *p)) : std::string();
}

void RenderTextList(const char* sign, const std::vector<DiffEntry>& entries, const Model& m,
                    const PatternClassifier& patterns, std::ostream* out,
                    const HeadLines* still = nullptr) {
  for (const DiffEntry& e : entries) {
    Shown s(m, e);
    *out << TerminalSafe(fmt::format("{} {}: {} {} in {} ({}){}{}{}{}", sign, e.pos, s.expr,
                                     KindWords(e.key.kind), s.function, s.package,
                                     PatternNote(patterns, m, e),
                                     ProfileNote(m, e) + (still ? still->Note(m, e) : ""),
                                     CopiesNote(m, e), NoAllocNote(e)))
         << "\n";
  }
}

void RenderText(const DiffResult& d, const DiffSides& s, const SidePatterns& p, std::ostream* out) {
  uint64_t base = 0, head = 0;
  for (int k = 0; k < kVerdictKindCount; ++k) {
    base += d.base_counts[k];
    head += d.head_counts[k];
  }
  *out << fmt::format("{} added, {} removed (compared verdicts: base {}, head {})\n",
                      d.added.size(), d.removed.size(), base, head);
  RenderTextList("+", d.added, s.head, p.head, out);
  const HeadLines still(s.head);
  RenderTextList("-", d.removed, s.base, p.base, out, &still);
}

std::string Signed(int64_t n) { return n > 0 ? fmt::format("+{}", n) : fmt::format("{}", n); }

void RenderMarkdownList(const char* title, const std::vector<DiffEntry>& entries, const Model& m,
                        const Analysis& a, const PatternClassifier& patterns,
                        const DiffRenderOptions& opt, std::ostream* out,
                        const HeadLines* still = nullptr) {
  if (entries.empty()) return;
  *out << fmt::format("\n#### {} ({})\n\n", title, entries.size());
  bool fold = entries.size() > opt.fold_after;
  if (fold) *out << fmt::format("<details><summary>{} {}</summary>\n\n", entries.size(), title);
  for (const DiffEntry& e : entries) {
    Shown shown(m, e);
    // List items, not table cells: `|` is not escaped (the backslash would show).
    const std::optional<AllocationPattern> p = PatternOf(patterns, m, e);
    *out << fmt::format(
        "- {} {} {} in {} ({}){}\n", MarkdownCode(e.pos, false), MarkdownCode(shown.expr, false),
        KindWords(e.key.kind), MarkdownCode(shown.function, false),
        MarkdownCode(shown.package, false),
        p ? ": " + MarkdownCode(PatternLabel(m, m.verdicts[e.verdict], *p), false) : std::string());
    const std::string copies = CopiesText(m.SiteCopies(e.verdict));
    if (!copies.empty()) *out << "  " << copies << "\n";
    if (e.no_alloc != NoAlloc::kAllocates) *out << "  " << NoAllocNote(e).substr(1) << "\n";
    const std::string figures = ProfileNote(m, e) + (still ? still->Note(m, e) : "");
    if (!figures.empty()) *out << "  " << figures.substr(1) << "\n";
    size_t more = 0;
    for (const std::string& step : ChainStepTexts(m, a, e.verdict, opt.chain_steps, &more)) {
      *out << "  - " << MarkdownCode(step, false) << "\n";
    }
    if (more > 0) *out << fmt::format("  - … {} more step{}\n", more, more == 1 ? "" : "s");
  }
  if (fold) *out << "\n</details>\n";
}

void RenderMarkdown(const DiffResult& d, const DiffSides& s, const DiffRenderOptions& opt,
                    const SidePatterns& p, std::ostream* out) {
  *out << fmt::format("### escviz diff: {} added, {} removed\n\n", d.added.size(),
                      d.removed.size());
  uint64_t base = 0, head = 0;
  for (const DiffPackageRow& r : d.packages) {
    base += r.base;
    head += r.head;
  }
  *out << fmt::format("Heap allocations: {} → {} ({})\n\n", base, head,
                      Signed(static_cast<int64_t>(head) - static_cast<int64_t>(base)));
  bool fold = d.packages.size() > opt.fold_after;
  if (fold) {
    *out << fmt::format("<details><summary>heap allocations of {} packages</summary>\n\n",
                        d.packages.size());
  }
  *out << "| package | base | head | Δ |\n|---|---:|---:|---:|\n";
  for (const DiffPackageRow& r : d.packages) {
    *out << fmt::format("| {} | {} | {} | {} |\n", MarkdownCode(r.package), r.base, r.head,
                        Signed(static_cast<int64_t>(r.head) - static_cast<int64_t>(r.base)));
  }
  if (fold) *out << "\n</details>\n";
  // Heap allocations added and removed by pattern (what to do is in escviz's README).
  std::array<std::pair<uint64_t, uint64_t>, kPatternCount> by{};
  for (const DiffEntry& e : d.added) {
    if (auto x = PatternOf(p.head, s.head, e)) ++by[static_cast<int>(x->pattern)].first;
  }
  for (const DiffEntry& e : d.removed) {
    if (auto x = PatternOf(p.base, s.base, e)) ++by[static_cast<int>(x->pattern)].second;
  }
  bool any = false;
  for (int k = 0; k < kPatternCount; ++k) {
    if (by[k].first + by[k].second == 0) continue;
    if (!any) *out << "\n| pattern | added | removed |\n|---|---:|---:|\n";
    any = true;
    *out << fmt::format("| {} | {} | {} |\n", MarkdownCode(kPatterns[k].id), by[k].first,
                        by[k].second);
  }
  RenderMarkdownList("Added", d.added, s.head, s.head_analysis, p.head, opt, out);
  const HeadLines still(s.head);
  RenderMarkdownList("Removed", d.removed, s.base, s.base_analysis, p.base, opt, out, &still);
}

}  // namespace

void RenderDiff(const DiffResult& d, const DiffSides& sides, const DiffRenderOptions& opt,
                std::ostream* out) {
  const SidePatterns patterns(sides);
  switch (opt.format) {
    case OutputFormat::kJson:
      RenderJson(d, sides, opt, patterns, out);
      break;
    case OutputFormat::kMarkdown:
      RenderMarkdown(d, sides, opt, patterns, out);
      break;
    case OutputFormat::kText:
      RenderText(d, sides, patterns, out);
      break;
  }
}

}  // namespace escviz
