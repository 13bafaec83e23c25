#include "src/query.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "src/position.h"

namespace escviz {

std::optional<PlaceQuery> ParsePlace(const std::string& text) {
  PosText p;
  if (!ParsePosition(text, &p) || p.line == 0 || !p.physical.empty()) return std::nullopt;
  return PlaceQuery{std::string(p.file), p.line, p.col};
}

bool FunctionMatches(const Model& m, uint32_t f, std::string_view name) {
  std::string_view fn = m.FunctionName(f);
  if (fn == name) return true;
  if (f == kNone) return false;
  std::string_view pkg = m.str(m.packages[m.functions[f].package].name);
  return name.size() == pkg.size() + 1 + fn.size() && name.substr(0, pkg.size()) == pkg &&
         name[pkg.size()] == '.' && name.substr(pkg.size() + 1) == fn;
}

std::vector<uint32_t> FindAt(const Model& m, const PlaceQuery& q) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    const Position& p = m.verdicts[i].pos;
    if (p.line != q.line || (q.col != 0 && p.col != q.col)) continue;
    if (PathHasSuffix(m.str(p.file), q.file)) out.push_back(i);
  }
  return out;
}

std::vector<uint32_t> FindByName(const Model& m, std::string_view expr, std::string_view func) {
  std::vector<uint32_t> out;
  StrId id;
  if (!m.strings.Find(expr, &id)) return out;
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    if (v.subject != id) continue;
    if (!func.empty() && !FunctionMatches(m, v.function, func)) continue;
    out.push_back(i);
  }
  return out;
}

std::vector<uint32_t> Nearest(const Model& m, const PlaceQuery& q, size_t n) {
  std::vector<std::tuple<uint64_t, uint32_t, uint32_t>> found;  // distance, line, index
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    const Position& p = m.verdicts[i].pos;
    if (p.line == 0 || !PathHasSuffix(m.str(p.file), q.file)) continue;
    uint64_t d = p.line > q.line ? p.line - q.line : q.line - p.line;
    found.emplace_back(d, p.line, i);
  }
  std::sort(found.begin(), found.end());
  std::vector<uint32_t> out;
  for (const auto& f : found) {
    // One suggestion per distinct position and subject.
    const Verdict& v = m.verdicts[std::get<2>(f)];
    bool dup = std::any_of(out.begin(), out.end(), [&](uint32_t o) {
      const Verdict& w = m.verdicts[o];
      return w.pos.line == v.pos.line && w.pos.col == v.pos.col && w.subject == v.subject &&
             w.kind == v.kind;
    });
    if (dup) continue;
    out.push_back(std::get<2>(f));
    if (out.size() == n) break;
  }
  return out;
}

}  // namespace escviz
