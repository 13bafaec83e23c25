#include "render/report_source_page.h"

#include <map>

#include "render/escape.h"
#include "render/explain_render.h"
#include "render/report_html.h"

namespace escviz {
namespace {

void VerdictSpan(const ReportContext& c, uint32_t v, std::ostream* out) {
  const Verdict& vd = c.m.verdicts[v];
  std::string text = HtmlEscape(VerdictSentence(c.m, vd));
  std::string href = VerdictHref(c, v, 1);
  bool heap = c.m.Allocates(vd);
  std::string title = c.m.FormatPos(vd.pos);
  if (IsHeap(vd.kind) && v < c.patterns.size()) {
    title += " \u00b7 " + PatternLabel(c.m, vd, c.patterns[v]);
  }
  *out << "<span title=\"" << HtmlEscape(title) << "\">";
  // Heap and leaking-parameter verdicts have a block with their chain on a page; others do not.
  if (!href.empty() && IsExplainable(vd.kind)) {
    *out << "<a" << (heap ? " class=\"heap\"" : "") << " href=\"" << href << "\">" << text
         << "</a>";
  } else {
    *out << text;
  }
  if (IsHeap(vd.kind) && v < c.patterns.size()) {
    *out << " <a class=\"pattern\" href=\"../t/" << PatternId(c.patterns[v].pattern) << ".html\">"
         << PatternId(c.patterns[v].pattern) << "</a>";
  }
  *out << "</span>";
}

}  // namespace

void RenderSourcePage(const ReportContext& c, uint32_t slot, std::string_view shown_path,
                      std::string_view text, std::ostream* out) {
  StrId file = c.r.files[slot].first;
  std::string_view name = c.m.str(file);
  PageStart(out, name, 1);
  std::map<uint32_t, std::vector<uint32_t>> by_line;
  size_t heap = 0;
  for (uint32_t v : c.r.files[slot].second) {
    by_line[c.m.verdicts[v].pos.line].push_back(v);
    heap += c.m.Allocates(c.m.verdicts[v]) ? 1 : 0;
  }
  *out << "<h1><code>" << HtmlEscape(name) << "</code></h1>\n<p class=\"sub\">read from <code>"
       << HtmlEscape(shown_path) << "</code> &middot; <b>" << heap << "</b> heap allocations "
       << "(lines marked red) &middot; " << c.r.files[slot].second.size() << " verdicts</p>\n"
       << "<table class=\"src\"><tbody>\n";
  uint32_t number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    ++number;
    auto it = by_line.find(number);
    bool marked = false;
    if (it != by_line.end()) {
      for (uint32_t v : it->second) marked = marked || c.m.Allocates(c.m.verdicts[v]);
    }
    *out << "<tr id=\"L" << number << "\"" << (marked ? " class=\"heap\"" : "")
         << "><td class=\"ln\">" << number << "</td><td class=\"code\">" << HtmlEscape(line)
         << "</td><td class=\"v\">";
    if (it != by_line.end()) {
      for (uint32_t v : it->second) VerdictSpan(c, v, out);
      by_line.erase(it);
    }
    *out << "</td></tr>\n";
  }
  *out << "</tbody></table>\n";
  if (!by_line.empty()) {
    *out << "<p class=\"note\">Verdicts on lines this file does not have (the source may not be "
            "the one the log was made from):</p>\n<ul>\n";
    for (const auto& kv : by_line) {
      for (uint32_t v : kv.second) {
        *out << "<li>" << HtmlEscape(VerdictLine(c.m, c.m.verdicts[v])) << "</li>\n";
      }
    }
    *out << "</ul>\n";
  }
  PageEnd(out, c, 1);
}

}  // namespace escviz
