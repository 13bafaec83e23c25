#include "render/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "render/escape.h"
#include "render/explain_render.h"
#include "src/profile_join.h"
#include "src/sites.h"
namespace escviz {

std::string FunctionPage(uint32_t f) { return fmt::format("f/{}.html", f); }
std::string PackagePage(uint32_t p) { return fmt::format("p/{}.html", p); }
std::string SourcePage(uint32_t file_slot) { return fmt::format("s/{}.html", file_slot); }
std::string FunctionGraph(uint32_t f) { return fmt::format("g/{}.svg", f); }

std::string Up(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "../";
  return s;
}

void PageStart(std::ostream* out, std::string_view title, int depth) {
  std::string up = Up(depth);
  *out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<link rel=\"icon\" href=\"data:,\">\n"
       << "<title>" << HtmlEscape(title) << " - escviz report</title>\n"
       << "<link rel=\"stylesheet\" href=\"" << up << "assets/report.css\">\n"
       << "<script src=\"" << up << "assets/report.js\"></script>\n"
       << "</head>\n<body>\n<header class=\"top\"><a class=\"brand\" href=\"" << up
       << "index.html\">escviz report</a><a href=\"" << up << "index.html#search-box\">search</a>"
       << "<a href=\"" << up << "functions.html\">functions</a><a href=\"" << up
       << "files.html\">files</a><a href=\"" << up << "patterns.html\">patterns</a><a href=\"" << up
       << "causes.html\">causes</a><a href=\"" << up
       << "chokepoints.html\">choke points</a></header>\n<main>\n";
}

void PageEnd(std::ostream* out, const ReportContext& c, int depth) {
  *out << "</main>\n<footer>escviz " << HtmlEscape(c.meta.version) << " &middot; "
       << HtmlEscape(c.meta.date) << "</footer>\n</body>\n</html>\n";
}

std::string FunctionLink(const ReportContext& c, uint32_t f, int depth) {
  std::string name = HtmlEscape(c.m.FunctionName(f));
  if (f == kNone || !c.r.has_page[f]) return "<code>" + name + "</code>";
  return fmt::format("<a href=\"{}{}\"><code>{}</code></a>", Up(depth), FunctionPage(f), name);
}

std::string PackageLink(const ReportContext& c, uint32_t p, int depth) {
  return fmt::format("<a href=\"{}{}\">{}</a>", Up(depth), PackagePage(p),
                     HtmlEscape(c.m.PackageName(p)));
}

std::string PositionLink(const ReportContext& c, const Position& pos, int depth) {
  std::string text = HtmlEscape(c.m.FormatPos(pos));
  auto it = c.source_page.find(pos.file);
  if (it == c.source_page.end() || pos.line == 0) return "<code>" + text + "</code>";
  return fmt::format("<a href=\"{}{}#L{}\"><code>{}</code></a>", Up(depth), SourcePage(it->second),
                     pos.line, text);
}

std::string VerdictHref(const ReportContext& c, uint32_t v, int depth) {
  uint32_t f = c.m.verdicts[v].function;
  if (f != kNone && c.r.has_page[f]) return fmt::format("{}{}#v{}", Up(depth), FunctionPage(f), v);
  if (f == kNone) {
    return fmt::format("{}{}#v{}", Up(depth), PackagePage(c.m.verdicts[v].package), v);
  }
  return "";
}

std::string KindBadge(VerdictKind k) {
  std::string_view name = VerdictKindName(k);
  std::string text(name);
  for (char& ch : text) ch = ch == '_' ? ' ' : ch;
  const char* cls = IsHeap(k) ? "badge heap" : (IsLeak(k) ? "badge leak" : "badge");
  return fmt::format("<span class=\"{}\">{}</span>", cls, text);
}

std::string VerdictBadges(const ReportContext& c, uint32_t id, int depth) {
  std::string b = VerdictBadges(c.m, id);
  if (!IsHeap(c.m.verdicts[id].kind) || id >= c.patterns.size()) return b;
  const AllocationPattern& p = c.patterns[id];
  const std::string label = HtmlEscape(PatternLabel(c.m, c.m.verdicts[id], p));
  return b + fmt::format("<a class=\"badge pattern\" href=\"{}t/{}.html\" title=\"{}\">{}</a>",
                         Up(depth), PatternId(p.pattern), HtmlEscape(InfoOf(p.pattern).remedy),
                         label);
}

std::string VerdictBadges(const Model& m, uint32_t id) {
  const Verdict& v = m.verdicts[id];
  std::string b = KindBadge(v.kind);
  if (IsHeap(v.kind) && m.SiteCopies(id) > 1) {
    b += fmt::format("<span class=\"badge\">{}</span>", CopiesText(m.SiteCopies(id)));
  }
  if (m.EscapesWithoutAllocation(v)) {
    b += fmt::format("<span class=\"badge\" title=\"{}\">escapes, no allocation: {}</span>",
                     NoAllocReason(v.no_alloc), NoAllocName(v.no_alloc));
  }
  if (m.profile && m.Allocates(v)) {  // --profile: what it costs at run time
    const ProfileJoin& p = *m.profile;
    if (!p.Sampled(m, id)) {
      b += "<span class=\"badge\">not in the profile</span>";
    } else {
      const ProfileFigures f = p.Of(m, id);
      const uint32_t shared = p.SharedBy(m, id);
      b += fmt::format(
          "<span class=\"badge profile\" title=\"{}{}\">{} in {} objects</span>", p.sample_index,
          shared > 1 ? fmt::format("; the line's figures, shared by {} allocations", shared) : "",
          FormatBytes(f.bytes), f.objects);
    }
  }
  return b;
}

namespace {

/// Lines of explain text shown per verdict: some explanations in the standard library run to
/// thousands of flow steps (a variadic `args` handed on everywhere).
constexpr size_t kMaxExplainLines = 300;

/// The explain text of one verdict, each line HTML-escaped, cut after kMaxExplainLines.
std::string ExplainHtml(const ReportContext& c, uint32_t v) {
  std::ostringstream text;
  RenderExplain(c.m, c.a, {v}, &text, &c.patterns);
  std::string raw = std::move(text).str(), html;
  size_t start = 0, lines = 0;
  while (start < raw.size()) {
    size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    if (++lines > kMaxExplainLines) {
      size_t rest = static_cast<size_t>(std::count(raw.begin() + start, raw.end(), '\n'));
      html += fmt::format("... {} more lines: escviz explain --at {} shows them all\n", rest,
                          HtmlEscape(c.m.FormatPos(c.m.verdicts[v].pos)));
      break;
    }
    html += HtmlEscape(std::string_view(raw).substr(start, end - start));
    html += '\n';
    start = end + 1;
  }
  return html;
}

}  // namespace

void RenderVerdictBlock(const ReportContext& c, uint32_t v, int depth, std::ostream* out) {
  const Verdict& vd = c.m.verdicts[v];
  *out << "<div class=\"verdict\" id=\"v" << v << "\">\n<div class=\"head\">"
       << VerdictBadges(c, v, depth) << "<code>" << HtmlEscape(c.m.str(vd.subject))
       << "</code></div>\n<div class=\"where\">" << PositionLink(c, vd.pos, depth)
       << " &middot; in " << FunctionLink(c, vd.function, depth) << " &middot; package "
       << PackageLink(c, vd.package, depth) << " &middot; log "
       << HtmlEscape(c.m.inputs[vd.src.input]) << ":" << vd.src.line << "</div>\n";
  *out << "<pre class=\"chain\">" << ExplainHtml(c, v) << "</pre>\n";
  bool leak = IsLeak(vd.kind) && vd.function != kNone;
  if (leak && !c.r.callers_of_function[vd.function].empty()) {
    *out << "<div class=\"links\"><a class=\"to-callers\" href=\"#callers\">"
         << c.r.callers_of_function[vd.function].size()
         << " callers' chains continue into this function</a></div>\n";
  }
  const auto [first, last] = ChainsOf(c.a, v);
  if (first == last) {
    *out << "</div>\n";
    return;
  }
  *out << "<div class=\"links\">";
  for (uint32_t ci = first; ci < last; ++ci) {  // each reason's chain
    const Chain& ch = c.a.chains[ci];
    std::string links;
    for (const ChainHop& h : ch.hops) {
      if (!h.crosses) continue;
      uint32_t f = c.m.explanations[h.explanation].function;
      if (f == kNone) continue;
      // To the callee's leaking parameter whose explanation the chain continues with.
      uint32_t leak = c.m.explanations[h.explanation].verdict;
      std::string anchor = leak != kNone ? fmt::format("v{}", leak) : "callers";
      links += fmt::format(" &rarr; <a class=\"callee\" href=\"{}{}#{}\">{}</a>", Up(depth),
                           FunctionPage(f), anchor, HtmlEscape(c.m.FunctionName(f)));
    }
    if (last - first > 1) *out << fmt::format("<span>reason {}:</span>", ch.block + 1);
    if (!links.empty()) *out << "<span>chain continues in" << links << "</span>";
    if (ch.cause != kNone) {
      *out << fmt::format("<span>cause: <a href=\"{}causes.html#c{}\">{}</a></span>", Up(depth),
                          ch.cause, HtmlEscape(CauseLabel(c.m, c.a.causes[ch.cause])));
    }
  }
  *out << "</div>\n</div>\n";
}

}  // namespace escviz
