#include "render/report_tables.h"

#include <fmt/format.h>

#include <algorithm>

#include "render/escape.h"
#include "render/report_html.h"
#include "src/profile_join.h"

namespace escviz {
namespace {

void TableStart(std::ostream* out, std::string_view id, std::string_view what, size_t rows,
                size_t total, std::string_view columns) {
  *out << "<p><input class=\"filter\" data-table=\"" << id << "\" placeholder=\"filter " << what
       << "\"> <span class=\"muted\" id=\"" << id << "-count\">";
  if (rows < total) {
    *out << rows << " of " << total << " shown (the full table is on <a href=\"" << what
         << ".html\">" << what << "</a>)";
  } else {
    *out << total << " " << what;
  }
  *out << "</span></p>\n<table class=\"data sortable\" id=\"" << id << "\"><thead><tr>" << columns
       << "</tr></thead><tbody>\n";
}

std::string Num(uint64_t n) { return fmt::format("<td class=\"num\" data-v=\"{}\">{}</td>", n, n); }

/// With --profile: the profile's figures of the counted heap sites among `verdicts`.
ProfileFigures FiguresOf(const Model& m, const std::vector<uint32_t>& verdicts) {
  ProfileFigures f;
  for (uint32_t v : verdicts) {
    if (m.Counted(v)) f += m.profile->Of(m, v);
  }
  return f;
}

/// The bytes and objects cells (sorted by their numbers), or "" without a profile.
std::string ProfileCells(const ReportContext& c, const ProfileFigures& f) {
  if (!c.m.profile) return "";
  return fmt::format("<td class=\"num\" data-v=\"{}\">{}</td>", f.bytes, FormatBytes(f.bytes)) +
         Num(static_cast<uint64_t>(f.objects));
}

const char* ProfileHeads(const ReportContext& c) {
  return c.m.profile ? "<th class=\"num\">bytes</th><th class=\"num\">objects</th>" : "";
}

}  // namespace

void RenderPackageTable(const ReportContext& c, size_t limit, std::ostream* out) {
  std::vector<uint32_t> ps;
  for (uint32_t p = 0; p < c.m.packages.size(); ++p) {
    if (c.r.heap_of_package[p] > 0) ps.push_back(p);
  }
  std::vector<ProfileFigures> figures(c.m.packages.size());
  if (c.m.profile) {
    for (uint32_t v = 0; v < c.m.verdicts.size(); ++v) {
      if (c.m.Counted(v)) figures[c.m.verdicts[v].package] += c.m.profile->Of(c.m, v);
    }
  }
  std::stable_sort(ps.begin(), ps.end(), [&](uint32_t x, uint32_t y) {
    if (c.m.profile && c.m.profile->Rank(figures[x]) != c.m.profile->Rank(figures[y])) {
      return c.m.profile->Rank(figures[x]) > c.m.profile->Rank(figures[y]);
    }
    return c.r.heap_of_package[x] > c.r.heap_of_package[y];
  });
  size_t rows = limit == 0 ? ps.size() : std::min(limit, ps.size());
  TableStart(out, "packages-table", "packages", rows, ps.size(),
             std::string("<th>package</th><th class=\"num\">heap</th>") + ProfileHeads(c) +
                 "<th class=\"num\">functions</th>");
  for (size_t i = 0; i < rows; ++i) {
    uint32_t p = ps[i];
    *out << "<tr><td>" << PackageLink(c, p, 0) << "</td>" << Num(c.r.heap_of_package[p])
         << ProfileCells(c, figures[p]) << Num(c.r.functions_of_package[p].size()) << "</tr>\n";
  }
  *out << "</tbody></table>\n";
}

void RenderFileTable(const ReportContext& c, size_t limit, std::ostream* out) {
  const std::vector<RankedRow>& files = c.s.files;
  size_t rows = limit == 0 ? files.size() : std::min(limit, files.size());
  TableStart(out, "files-table", "files", rows, files.size(),
             "<th>file</th><th class=\"num\">heap</th><th class=\"num\">moved</th>"
             "<th class=\"num\">escapes</th><th>first at</th>");
  for (size_t i = 0; i < rows; ++i) {
    const RankedRow& row = files[i];
    std::string name = "<code>" + HtmlEscape(row.name) + "</code>";
    StrId id = 0;
    if (c.m.strings.Find(row.name, &id)) {
      auto it = c.source_page.find(id);
      if (it != c.source_page.end()) {
        name = fmt::format("<a href=\"{}\">{}</a>", SourcePage(it->second), name);
      }
    }
    *out << "<tr><td>" << name << "</td>" << Num(row.heap) << Num(row.moved) << Num(row.escapes)
         << "<td><code>" << HtmlEscape(row.example) << "</code></td></tr>\n";
  }
  *out << "</tbody></table>\n";
}

void RenderFunctionTable(const ReportContext& c, size_t limit, std::ostream* out) {
  std::vector<uint32_t> fs = c.r.ranked_functions;
  std::vector<ProfileFigures> figures;
  if (c.m.profile) {  // the costliest first
    figures.resize(c.m.functions.size());
    for (uint32_t f : fs) figures[f] = FiguresOf(c.m, c.r.verdicts_of_function[f]);
    std::stable_sort(fs.begin(), fs.end(), [&](uint32_t x, uint32_t y) {
      return c.m.profile->Rank(figures[x]) > c.m.profile->Rank(figures[y]);
    });
  }
  size_t rows = limit == 0 ? fs.size() : std::min(limit, fs.size());
  TableStart(out, "functions-table", "functions", rows, fs.size(),
             std::string("<th>function</th><th>package</th><th class=\"num\">heap</th>") +
                 ProfileHeads(c) +
                 "<th class=\"num\">leaking params</th><th class=\"num\">callers' chains</th>");
  for (size_t i = 0; i < rows; ++i) {
    uint32_t f = fs[i];
    size_t heap = c.r.heap_of_function[f];
    *out << "<tr><td>" << FunctionLink(c, f, 0) << "</td><td>"
         << HtmlEscape(c.m.PackageName(c.m.functions[f].package)) << "</td>" << Num(heap)
         << (figures.empty() ? std::string() : ProfileCells(c, figures[f]))
         << Num(c.r.verdicts_of_function[f].size() - heap) << Num(c.r.callers_of_function[f].size())
         << "</tr>\n";
  }
  *out << "</tbody></table>\n";
}

void RenderFunctionsPage(const ReportContext& c, std::ostream* out) {
  PageStart(out, "functions", 0);
  *out << "<h1>Functions</h1>\n<p class=\"sub\">Every function with a heap allocation, or into "
          "which a chain continues.</p>\n";
  RenderFunctionTable(c, 0, out);
  PageEnd(out, c, 0);
}

void RenderFilesPage(const ReportContext& c, std::ostream* out) {
  PageStart(out, "files", 0);
  *out << "<h1>Files</h1>\n<p class=\"sub\">Every file with a heap allocation"
       << (c.source_page.empty() ? "." : "; linked files have a source view.") << "</p>\n";
  RenderFileTable(c, 0, out);
  PageEnd(out, c, 0);
}

}  // namespace escviz
