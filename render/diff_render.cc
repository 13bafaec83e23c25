#include "render/diff_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "render/escape.h"
#include "render/json_writer.h"
#include "src/chain_text.h"
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

Json EntriesJson(const std::vector<DiffEntry>& entries, const Model& m, const Analysis& a,
                 size_t steps) {
  Json arr = Json::array();
  for (const DiffEntry& e : entries) {
    arr.push_back({{"kind", VerdictKindName(e.key.kind)},
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
                   {"chain", ChainStepTexts(m, a, e.verdict, steps)}});
  }
  return arr;
}

void RenderJson(const DiffResult& d, const DiffSides& s, const DiffRenderOptions& opt,
                std::ostream* out) {
  Json j;
  j["schema"] = "escviz.diff.v1";
  Json kinds = Json::array();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (d.kinds.on[k]) kinds.push_back(VerdictKindName(static_cast<VerdictKind>(k)));
  }
  j["kinds"] = kinds;
  j["added"] = EntriesJson(d.added, s.head, s.head_analysis, opt.chain_steps);
  j["removed"] = EntriesJson(d.removed, s.base, s.base_analysis, opt.chain_steps);
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

void RenderTextList(const char* sign, const std::vector<DiffEntry>& entries, const Model& m,
                    std::ostream* out) {
  for (const DiffEntry& e : entries) {
    Shown s(m, e);
    *out << TerminalSafe(fmt::format("{} {}: {} {} in {} ({}){}{}", sign, e.pos, s.expr,
                                     KindWords(e.key.kind), s.function, s.package, CopiesNote(m, e),
                                     NoAllocNote(e)))
         << "\n";
  }
}

void RenderText(const DiffResult& d, const DiffSides& s, std::ostream* out) {
  uint64_t base = 0, head = 0;
  for (int k = 0; k < kVerdictKindCount; ++k) {
    base += d.base_counts[k];
    head += d.head_counts[k];
  }
  *out << fmt::format("{} added, {} removed (compared verdicts: base {}, head {})\n",
                      d.added.size(), d.removed.size(), base, head);
  RenderTextList("+", d.added, s.head, out);
  RenderTextList("-", d.removed, s.base, out);
}

std::string Signed(int64_t n) { return n > 0 ? fmt::format("+{}", n) : fmt::format("{}", n); }

void RenderMarkdownList(const char* title, const std::vector<DiffEntry>& entries, const Model& m,
                        const Analysis& a, const DiffRenderOptions& opt, std::ostream* out) {
  if (entries.empty()) return;
  *out << fmt::format("\n#### {} ({})\n\n", title, entries.size());
  bool fold = entries.size() > opt.fold_after;
  if (fold) *out << fmt::format("<details><summary>{} {}</summary>\n\n", entries.size(), title);
  for (const DiffEntry& e : entries) {
    Shown shown(m, e);
    // List items, not table cells: `|` is not escaped (the backslash would show).
    *out << fmt::format("- {} {} {} in {} ({})\n", MarkdownCode(e.pos, false),
                        MarkdownCode(shown.expr, false), KindWords(e.key.kind),
                        MarkdownCode(shown.function, false), MarkdownCode(shown.package, false));
    const std::string copies = CopiesText(m.SiteCopies(e.verdict));
    if (!copies.empty()) *out << "  " << copies << "\n";
    if (e.no_alloc != NoAlloc::kAllocates) *out << "  " << NoAllocNote(e).substr(1) << "\n";
    size_t more = 0;
    for (const std::string& step : ChainStepTexts(m, a, e.verdict, opt.chain_steps, &more)) {
      *out << "  - " << MarkdownCode(step, false) << "\n";
    }
    if (more > 0) *out << fmt::format("  - … {} more step{}\n", more, more == 1 ? "" : "s");
  }
  if (fold) *out << "\n</details>\n";
}

void RenderMarkdown(const DiffResult& d, const DiffSides& s, const DiffRenderOptions& opt,
                    std::ostream* out) {
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
  RenderMarkdownList("Added", d.added, s.head, s.head_analysis, opt, out);
  RenderMarkdownList("Removed", d.removed, s.base, s.base_analysis, opt, out);
}

}  // namespace

void RenderDiff(const DiffResult& d, const DiffSides& sides, const DiffRenderOptions& opt,
                std::ostream* out) {
  switch (opt.format) {
    case OutputFormat::kJson:
      RenderJson(d, sides, opt, out);
      break;
    case OutputFormat::kMarkdown:
      RenderMarkdown(d, sides, opt, out);
      break;
    case OutputFormat::kText:
      RenderText(d, sides, out);
      break;
  }
}

}  // namespace escviz
