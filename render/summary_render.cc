#include "render/summary_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "render/escape.h"
#include "render/json_writer.h"

namespace escviz {
namespace {

using Json = nlohmann::ordered_json;

/// The counts of SPEC 4.1, in its order.
Json Counts(const Summary& s) {
  Json c = Json::object();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    c[std::string(VerdictKindName(static_cast<VerdictKind>(k)))] = s.verdicts[k];
  }
  c["can_inline"] = s.count(LineKind::kCanInline);
  c["cannot_inline"] = s.count(LineKind::kCannotInline);
  c["inlining_call"] = s.count(LineKind::kInliningCall);
  return c;
}

/// {"compiler": N, "source": N, "heuristic": N, "unknown": N}.
Json Attributions(const std::array<uint64_t, kAttributionCount>& counts) {
  Json a = Json::object();
  for (int k = 0; k < kAttributionCount; ++k) {
    a[std::string(AttributionName(static_cast<Attribution>(k)))] = counts[k];
  }
  return a;
}

/// How verdicts got their function, one line of text or Markdown: `N named by the compiler, ...`.
std::string AttributionLine(const std::array<uint64_t, kAttributionCount>& c) {
  return fmt::format(
      "{} named by the compiler, {} from the source, {} by the nearest declaration (heuristic), "
      "{} unknown",
      c[static_cast<int>(Attribution::kCompiler)], c[static_cast<int>(Attribution::kSource)],
      c[static_cast<int>(Attribution::kHeuristic)], c[static_cast<int>(Attribution::kUnknown)]);
}

/// The rows of the text table, in Attribution order.
constexpr const char* kAttributionLabels[kAttributionCount] = {
    "compiler (in FUNC)", "source", "heuristic (declaration)", "unknown (?)"};

/// Without sources, how many verdicts rest on the declaration heuristic, or an empty string.
std::string HeuristicHint(const Summary& s) {
  if (s.count(Attribution::kSource) != 0 || s.count(Attribution::kHeuristic) == 0) return "";
  return fmt::format(
      "No source read: {} verdicts ({} heap) have the function declared nearest before them,\n"
      "which is wrong after a closure ends; --source-root DIR reads the Go sources",
      s.count(Attribution::kHeuristic), s.heap_count(Attribution::kHeuristic));
}

Json Rows(const std::vector<RankedRow>& rows, size_t top, bool with_package) {
  Json a = Json::array();
  for (size_t i = 0; i < rows.size() && i < top; ++i) {
    const RankedRow& r = rows[i];
    Json o;
    if (with_package) {
      o["package"] = r.package;
      o["function"] = r.name;
    } else {
      o["name"] = r.name;
    }
    o["heap"] = r.heap;
    o["moved_to_heap"] = r.moved;
    o["escapes_to_heap"] = r.escapes;
    o["example"] = r.example;
    a.push_back(std::move(o));
  }
  return a;
}

/// The line that says which heap verdicts are not counted, or that they are; "" if none.
std::string NoAllocLine(const Summary& s, std::string_view indent) {
  if (s.count_no_alloc) {
    return fmt::format(
        "{}escapes that allocate nothing (constants, zero-size values) are counted as heap "
        "allocations (--count-no-alloc)\n",
        indent);
  }
  if (s.no_alloc_total == 0) return {};
  return fmt::format(
      "{}escapes, no allocation: {} (constants {}, zero-size {}): not counted above nor in "
      "causes, choke points and rankings (--count-no-alloc counts them)\n",
      indent, s.no_alloc_total, s.no_alloc[static_cast<int>(NoAlloc::kConstant)],
      s.no_alloc[static_cast<int>(NoAlloc::kZeroSize)]);
}

Json FiguresJson(const ProfileFigures& f) { return {{"objects", f.objects}, {"bytes", f.bytes}}; }

/// The profile's object of the JSON summary: totals, the top hot sites, and every sampled line
/// (for comparing with `go tool pprof -lines -top`).
Json ProfileJson(const Summary& s, const SummaryOptions& opt) {
  const ProfileJoin& p = *s.profile;
  Json sites = Json::array();
  for (size_t i = 0; i < s.hot_sites.size() && i < opt.top; ++i) {
    const ProfileSiteRow& r = s.hot_sites[i];
    sites.push_back({{"position", r.position},
                     {"verdict", r.sentence},
                     {"function", r.function},
                     {"package", r.package},
                     {"pattern", r.pattern},
                     {"cause", r.cause},
                     {"objects", r.figures.objects},
                     {"bytes", r.figures.bytes},
                     {"share", p.Percent(r.figures) / 100},
                     {"shared_by", r.shared},
                     {"line_also", r.also.empty() ? Json() : Json(r.also)}});
  }
  Json lines = Json::array();
  for (const ProfileLine& line : p.lines) {
    Json l = {{"function", line.function},   {"file", line.file},
              {"line", line.line},           {"objects", line.figures.objects},
              {"bytes", line.figures.bytes}, {"heap_verdicts", line.counted},
              {"runtime", line.runtime}};
    if (!line.also.empty()) l["also"] = line.also;
    if (line.counted == 0) {
      l["allocator"] = line.allocator;
      l["advice"] = line.advice;
      if (!line.caller.empty()) l["caller"] = line.caller;
    }
    lines.push_back(std::move(l));
  }
  return {{"profiles", p.paths},
          {"sample_index", p.sample_index},
          {"total", FiguresJson(p.total)},
          {"explained", FiguresJson(p.explained)},
          {"explained_share", p.Percent(p.explained) / 100},
          {"outside_scope", FiguresJson(p.outside_scope)},
          {"hot_sites", p.hot_sites},
          {"cold_sites", p.cold_sites},
          {"sites", sites},
          {"lines", lines}};
}

void RenderJson(const Summary& s, const SummaryOptions& opt, std::ostream* out) {
  Json j;
  j["schema"] = "escviz.summary.v1";
  j["inputs"] = s.inputs;
  j["lines"] = {{"total", s.total_lines},
                {"unrecognized", s.unrecognized},
                {"orphan_explanation", s.orphan_explanation_lines}};
  j["counts"] = Counts(s);
  j["heap"] = {{"total", s.heap},
               {"moved_to_heap", s.heap_moved},
               {"escapes_to_heap", s.heap_escapes},
               {"explained", s.heap_explained},
               {"copies", s.heap_copies},
               {"unknown_function", s.unknown_function_heap}};
  // Heap verdicts that allocate nothing: not in "heap" nor in any ranking (--count-no-alloc
  // counts them as allocations, then these are 0 and "counted" is true).
  j["no_allocation"] = {{"total", s.no_alloc_total},
                        {"constant", s.no_alloc[static_cast<int>(NoAlloc::kConstant)]},
                        {"zero_size", s.no_alloc[static_cast<int>(NoAlloc::kZeroSize)]},
                        {"counted", s.count_no_alloc}};
  j["explanations"] = s.explanations;
  j["unknown_function"] = s.unknown_function;
  j["attribution"] = {{"verdicts", Attributions(s.attribution)},
                      {"heap", Attributions(s.attribution_heap)}};
  Json kinds = Json::object();
  for (int k = 0; k < kLineKindCount; ++k) {
    kinds[std::string(LineKindName(static_cast<LineKind>(k)))] = s.line_kinds[k];
  }
  j["line_kinds"] = kinds;
  Json pk = Json::array();
  for (size_t i = 0; i < s.packages.size() && i < opt.top; ++i) {
    pk.push_back({{"name", s.packages[i].name},
                  {"heap", s.packages[i].heap},
                  {"moved_to_heap", s.packages[i].moved},
                  {"escapes_to_heap", s.packages[i].escapes},
                  {"example", s.packages[i].example}});
  }
  j["packages"] = pk;
  j["files"] = Rows(s.files, opt.top, false);
  j["functions"] = Rows(s.functions, opt.top, true);
  Json causes = Json::array();
  for (size_t i = 0; i < s.causes.size() && i < opt.top; ++i) {
    const CauseRow& c = s.causes[i];
    causes.push_back({{"cause", c.Label()},
                      {"heap", c.heap},
                      {"kind", c.kind},
                      {"package", c.package},
                      {"function", c.function},
                      {"what", c.what},
                      {"site", c.site},
                      {"example", c.example}});
  }
  j["causes"] = causes;
  Json patterns = Json::array();
  for (const PatternRow& p : s.patterns) {
    const bool apart = p.id == PatternId(Pattern::kNoAllocation);
    patterns.push_back({{"pattern", p.id},
                        {"heap", p.heap},
                        {"share", apart || s.heap == 0 ? Json()
                                                       : Json(static_cast<double>(p.heap) /
                                                              static_cast<double>(s.heap))},
                        {"counted", !apart},
                        {"example", p.example},
                        {"remedy", p.remedy}});
    if (s.profile) patterns.back()["profile"] = FiguresJson(p.figures);
  }
  j["patterns"] = patterns;
  Json chokes = Json::array();
  for (size_t i = 0; i < s.choke_points.size() && i < opt.top; ++i) {
    const ChokePointRow& p = s.choke_points[i];
    chokes.push_back({{"location", p.location},
                      {"package", p.package},
                      {"function", p.function},
                      {"chains", p.chains},
                      {"example", p.example}});
  }
  j["choke_points"] = chokes;
  j["chains"] = {{"crossing_functions", s.crossing_chains}, {"assignment_cycles", s.cycles}};
  if (!s.scope.empty()) j["scope"] = s.scope;
  if (s.profile) j["profile"] = ProfileJson(s, opt);
  JsonWriter w(out);
  w.Value(j, 2);
  w.Raw("\n");
}

std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "0%";
  return fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

void TextTable(const char* title, const std::vector<RankedRow>& rows, size_t top,
               bool function_rows, std::ostream* out) {
  if (rows.empty()) return;
  *out << "\n" << title << "\n";
  *out << fmt::format("  {:>7} {:>7} {:>7}  {}\n", "heap", "moved", "escapes",
                      function_rows ? "function (package)" : "name");
  for (size_t i = 0; i < rows.size() && i < top; ++i) {
    const RankedRow& r = rows[i];
    std::string name = function_rows ? r.name + "  (" + r.package + ")" : r.name;
    *out << fmt::format("  {:>7} {:>7} {:>7}  {}   e.g. {}\n", r.heap, r.moved, r.escapes,
                        TerminalSafe(name), TerminalSafe(r.example));
  }
  if (rows.size() > top) *out << fmt::format("  ... {} more\n", rows.size() - top);
}

/// `1.2 MiB (34.5%)` of the ranking figure of `f`.
std::string Figure(const ProfileJoin& p, const ProfileFigures& f) {
  const std::string amount =
      p.by_objects ? fmt::format("{} objects", f.objects) : FormatBytes(f.bytes);
  return fmt::format("{} ({:.1f}%)", amount, p.Percent(f));
}

/// The profile's section of the text summary: totals, the hottest sites, the lines without a
/// verdict.
void ProfileText(const Summary& s, const SummaryOptions& opt, std::ostream* out) {
  const ProfileJoin& p = *s.profile;
  *out << fmt::format("\nHeap profile {} ({}): {} in {} objects\n", TerminalSafe(p.PathList()),
                      p.sample_index, FormatBytes(p.total.bytes), p.total.objects);
  *out << fmt::format("  explained by escape chains: {} at {} sampled heap sites\n",
                      Figure(p, p.explained), p.hot_sites);
  *out << fmt::format("  not exercised by this profile: {} heap sites (counted apart)\n",
                      p.cold_sites);
  if (p.outside_scope.objects > 0) {
    *out << fmt::format("  in packages outside the scope: {}\n", Figure(p, p.outside_scope));
  }
  if (!s.hot_sites.empty()) {
    *out << "\nHottest heap allocations (escviz explain --at POS --profile ... for the chain)\n";
    *out << fmt::format("  {:>10} {:>10} {:>6}  {}\n", "bytes", "objects", "share", "site");
    for (size_t i = 0; i < s.hot_sites.size() && i < opt.top; ++i) {
      const ProfileSiteRow& r = s.hot_sites[i];
      *out << fmt::format("  {:>10} {:>10} {:>5.1f}%  {}: {}\n", FormatBytes(r.figures.bytes),
                          r.figures.objects, p.Percent(r.figures), TerminalSafe(r.position),
                          TerminalSafe(r.sentence));
      *out << fmt::format("  {:>29}  in {}; {}{}{}{}\n", "", TerminalSafe(r.function), r.pattern,
                          r.cause.empty() ? "" : "; " + TerminalSafe(r.cause),
                          r.shared > 1 ? fmt::format("; the line's figures, shared by {} "
                                                     "allocations on it",
                                                     r.shared)
                                       : "",
                          r.also.empty() ? "" : "; they include its " + r.also);
    }
    if (s.hot_site_count > opt.top) {
      *out << fmt::format("  ... {} more\n", s.hot_site_count - opt.top);
    }
  }
  size_t shown = 0, unexplained = 0;
  for (const ProfileLine& line : p.lines) unexplained += line.counted == 0 ? 1 : 0;
  if (unexplained == 0) return;
  *out << "\nAllocations without a heap verdict (the escape analysis does not explain them)\n";
  *out << fmt::format("  {:>10} {:>10} {:>6}  {}\n", "bytes", "objects", "share",
                      "line: how it allocates; what to do");
  for (const ProfileLine& line : p.lines) {
    if (line.counted > 0) continue;
    if (shown++ >= opt.top) break;
    const std::string where = line.log_file != kNone ? fmt::format("{}:{}", line.file, line.line)
                                                     : fmt::format("{}:{}", line.file, line.line);
    *out << fmt::format("  {:>10} {:>10} {:>5.1f}%  {} ({})\n", FormatBytes(line.figures.bytes),
                        line.figures.objects, p.Percent(line.figures), TerminalSafe(where),
                        TerminalSafe(line.function));
    *out << fmt::format("  {:>29}  {}; {}{}\n", "", TerminalSafe(line.allocator),
                        TerminalSafe(line.advice),
                        line.caller.empty() ? "" : "; reached from " + TerminalSafe(line.caller));
  }
  if (unexplained > opt.top) *out << fmt::format("  ... {} more\n", unexplained - opt.top);
}

void RenderText(const Summary& s, const SummaryOptions& opt, std::ostream* out) {
  *out << fmt::format("{} lines read from {} input{}; {} unrecognized\n", s.total_lines,
                      s.inputs.size(), s.inputs.size() == 1 ? "" : "s", s.unrecognized);
  *out << fmt::format(
      "{} package{}{}, {} verdicts, {} explanations\n", s.packages_seen,
      s.packages_seen == 1 ? "" : "s",
      s.scope.empty() ? std::string() : fmt::format(" ({} in the scope)", s.packages_in_scope),
      [&] {
        uint64_t t = 0;
        for (uint64_t v : s.verdicts) t += v;
        return t;
      }(),
      s.explanations);
  *out << fmt::format("\nHeap allocations: {}  (moved to heap {}, escapes to heap {})\n", s.heap,
                      s.heap_moved, s.heap_escapes);
  if (s.heap > 0) {
    *out << fmt::format("  explained (-m=2): {} of {} ({})\n", s.heap_explained, s.heap,
                        Percent(s.heap_explained, s.heap));
  }
  if (s.heap_copies > 0) {
    *out << fmt::format(
        "  each source site counted once: {} more verdicts are its generic instances and "
        "closure clones\n",
        s.heap_copies);
  }
  *out << NoAllocLine(s, "  ");
  if (!s.scope.empty()) *out << "  scope: " << TerminalSafe(s.scope) << "\n";
  if (s.profile) ProfileText(s, opt, out);
  *out << "\nVerdicts\n";
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (s.verdicts[k] == 0 && k >= static_cast<int>(VerdictKind::kZeroCopy)) continue;
    *out << fmt::format("  {:<26}{:>9}\n", VerdictKindName(static_cast<VerdictKind>(k)),
                        s.verdicts[k]);
  }
  *out << "Inlining\n";
  *out << fmt::format("  {:<26}{:>9}\n", "can_inline", s.count(LineKind::kCanInline));
  *out << fmt::format("  {:<26}{:>9}\n", "cannot_inline", s.count(LineKind::kCannotInline));
  *out << fmt::format("  {:<26}{:>9}\n", "inlining_call", s.count(LineKind::kInliningCall));
  uint64_t verdicts = 0;
  for (uint64_t v : s.verdicts) verdicts += v;
  *out << fmt::format("\nFunction unknown (?): {} of {} verdicts, {} of {} heap allocations\n",
                      s.unknown_function, verdicts, s.unknown_function_heap, s.heap);
  *out << fmt::format("  {:<24}{:>9}{:>9}\n", "function found by", "verdicts", "heap");
  for (int k = 0; k < kAttributionCount; ++k) {
    *out << fmt::format("  {:<24}{:>9}{:>9}\n", kAttributionLabels[k], s.attribution[k],
                        s.attribution_heap[k]);
  }
  std::string hint = HeuristicHint(s);
  for (size_t nl = hint.find('\n'); nl != std::string::npos; nl = hint.find('\n', nl + 3)) {
    hint.replace(nl, 1, "\n  ");
  }
  if (!hint.empty()) *out << "  " << hint << "\n";
  if (!s.patterns.empty()) {
    *out << "\nHeap allocations by pattern (escviz sites --pattern ID lists them)\n";
    *out << fmt::format("  {:>7}  {:>5}  {}\n", "heap", "share", "pattern, and what to do");
    for (const PatternRow& p : s.patterns) {
      const bool apart = p.id == PatternId(Pattern::kNoAllocation);
      *out << fmt::format(
          "  {:>7}  {:>5}  {}{}   e.g. {}\n", p.heap, apart ? "-" : Percent(p.heap, s.heap), p.id,
          apart ? " (not counted: nothing is allocated)" : "", TerminalSafe(p.example));
      if (!apart) *out << "                  " << p.remedy << "\n";
    }
  }
  if (!s.causes.empty()) {
    *out << "\nTop causes (the step that finally reaches the heap)\n";
    *out << fmt::format("  {:>7}  {}\n", "heap", "cause");
    for (size_t i = 0; i < s.causes.size() && i < opt.top; ++i) {
      const CauseRow& c = s.causes[i];
      *out << fmt::format("  {:>7}  {}   e.g. {}\n", c.heap, TerminalSafe(c.Label()),
                          TerminalSafe(c.example));
    }
    if (s.causes.size() > opt.top)
      *out << fmt::format("  ... {} more\n", s.causes.size() - opt.top);
  }
  if (!s.choke_points.empty()) {
    *out << "\nTop choke points (locations on the most heap chains)\n";
    *out << fmt::format("  {:>7}  {}\n", "chains", "location");
    for (size_t i = 0; i < s.choke_points.size() && i < opt.top; ++i) {
      const ChokePointRow& p = s.choke_points[i];
      *out << fmt::format("  {:>7}  {}   e.g. {}\n", p.chains, TerminalSafe(p.Label()),
                          TerminalSafe(p.example));
    }
  }
  *out << fmt::format(
      "\nChains continued into a callee: {}; explanations cut by assignment cycles: {}\n",
      s.crossing_chains, s.cycles);
  TextTable("Top packages by heap allocations", s.packages, opt.top, false, out);
  TextTable("Top files", s.files, opt.top, false, out);
  TextTable("Top functions", s.functions, opt.top, true, out);
  if (s.unrecognized > 0) {
    *out << fmt::format("\n{} unrecognized lines (listed on standard error)\n", s.unrecognized);
  }
}

void MarkdownTable(const char* title, const std::vector<RankedRow>& rows, size_t top,
                   bool function_rows, std::ostream* out) {
  if (rows.empty()) return;
  *out << "\n### " << title << "\n\n";
  *out << (function_rows
               ? "| heap | moved | escapes | function | package | example |\n"
                 "|---:|---:|---:|---|---|---|\n"
               : "| heap | moved | escapes | name | example |\n|---:|---:|---:|---|---|\n");
  for (size_t i = 0; i < rows.size() && i < top; ++i) {
    const RankedRow& r = rows[i];
    *out << fmt::format("| {} | {} | {} | {} |", r.heap, r.moved, r.escapes, MarkdownCode(r.name));
    if (function_rows) *out << " " << MarkdownCode(r.package) << " |";
    *out << " " << MarkdownCode(r.example) << " |\n";
  }
}

void RenderMarkdown(const Summary& s, const SummaryOptions& opt, std::ostream* out) {
  *out << "## Escape analysis summary\n\n";
  *out << fmt::format(
      "**{}** heap allocations ({} moved to heap, {} escapes to heap) in {} "
      "packages; {} lines read, {} unrecognized.\n\n",
      s.heap, s.heap_moved, s.heap_escapes, s.packages_seen, s.total_lines, s.unrecognized);
  const std::string no_alloc = NoAllocLine(s, "");
  if (!no_alloc.empty()) *out << no_alloc << "\n";
  if (!s.scope.empty()) *out << "Scope: " << MarkdownCode(s.scope) << ".\n\n";
  if (s.profile) {
    const ProfileJoin& p = *s.profile;
    *out << fmt::format(
        "Heap profile {} ({}): {} in {} objects; the escape chains explain {}; {} heap sites "
        "not exercised by it.\n\n",
        MarkdownCode(p.PathList()), p.sample_index, FormatBytes(p.total.bytes), p.total.objects,
        Figure(p, p.explained), p.cold_sites);
    if (!s.hot_sites.empty()) {
      *out << "| bytes | objects | share | site | pattern | function |\n"
              "|---:|---:|---:|---|---|---|\n";
      for (size_t i = 0; i < s.hot_sites.size() && i < opt.top; ++i) {
        const ProfileSiteRow& r = s.hot_sites[i];
        *out << fmt::format("| {} | {} | {:.1f}% | {} | {} | {} |\n", FormatBytes(r.figures.bytes),
                            r.figures.objects, p.Percent(r.figures),
                            MarkdownCode(r.position + ": " + r.sentence), MarkdownCode(r.pattern),
                            MarkdownCode(r.function));
      }
      *out << "\n";
    }
  }
  *out << "| verdict | count |\n|---|---:|\n";
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (s.verdicts[k] == 0 && k >= static_cast<int>(VerdictKind::kZeroCopy)) continue;
    *out << fmt::format("| `{}` | {} |\n", VerdictKindName(static_cast<VerdictKind>(k)),
                        s.verdicts[k]);
  }
  *out << fmt::format("| `can_inline` | {} |\n| `cannot_inline` | {} |\n| `inlining_call` | {} |\n",
                      s.count(LineKind::kCanInline), s.count(LineKind::kCannotInline),
                      s.count(LineKind::kInliningCall));
  if (!s.patterns.empty()) {
    *out << "\n### Heap allocations by pattern\n\n| heap | percent | pattern | what to do |\n"
            "|---:|---:|---|---|\n";
    for (const PatternRow& p : s.patterns) {
      const bool apart = p.id == PatternId(Pattern::kNoAllocation);
      std::string share = Percent(p.heap, s.heap);
      share.pop_back();  // the `%` is in the header
      *out << fmt::format("| {} | {} | {} | {} |\n", p.heap, apart ? "-" : share,
                          MarkdownCode(p.id),
                          MarkdownCode(apart ? "not counted: nothing is allocated" : p.remedy));
    }
  }
  if (!s.causes.empty()) {
    *out << "\n### Top causes\n\n| heap | cause | example |\n|---:|---|---|\n";
    for (size_t i = 0; i < s.causes.size() && i < opt.top; ++i) {
      const CauseRow& c = s.causes[i];
      *out << fmt::format("| {} | {} | {} |\n", c.heap, MarkdownCode(c.Label()),
                          MarkdownCode(c.example));
    }
  }
  if (!s.choke_points.empty()) {
    *out << "\n### Top choke points\n\n| chains | location | example |\n|---:|---|---|\n";
    for (size_t i = 0; i < s.choke_points.size() && i < opt.top; ++i) {
      const ChokePointRow& p = s.choke_points[i];
      *out << fmt::format("| {} | {} | {} |\n", p.chains, MarkdownCode(p.Label()),
                          MarkdownCode(p.example));
    }
  }
  MarkdownTable("Top packages", s.packages, opt.top, false, out);
  MarkdownTable("Top files", s.files, opt.top, false, out);
  MarkdownTable("Top functions", s.functions, opt.top, true, out);
  *out << fmt::format("\nFunction unknown for {} of {} heap allocations.\n",
                      s.unknown_function_heap, s.heap);
  *out << "Functions of heap allocations: " << AttributionLine(s.attribution_heap) << ".\n";
  std::string hint = HeuristicHint(s);
  std::replace(hint.begin(), hint.end(), '\n', ' ');
  if (!hint.empty()) *out << hint << ".\n";
}

}  // namespace

void RenderSummary(const Summary& s, const SummaryOptions& opt, std::ostream* out) {
  switch (opt.format) {
    case OutputFormat::kText:
      RenderText(s, opt, out);
      break;
    case OutputFormat::kJson:
      RenderJson(s, opt, out);
      break;
    case OutputFormat::kMarkdown:
      RenderMarkdown(s, opt, out);
      break;
  }
}

}  // namespace escviz
