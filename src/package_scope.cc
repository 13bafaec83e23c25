#include "src/package_scope.h"

#include <fmt/format.h>

#include <algorithm>

#include "src/model.h"
#include "src/str_util.h"

namespace escviz {

bool PackageUnder(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (!StartsWith(path, prefix)) return false;
  if (path.size() == prefix.size()) return true;
  const char last = prefix.back();
  return last == '/' || last == '.' || path[prefix.size()] == '/';
}

bool IsStandardPackage(std::string_view path, std::string_view module_path) {
  if (path.empty() || path == "main" || path == "command-line-arguments") return false;
  if (!module_path.empty() && PackageUnder(path, module_path)) return false;
  const std::string_view first = path.substr(0, path.find('/'));
  return first.find('.') == std::string_view::npos;
}

std::string DescribeScope(const PackageScope& scope) {
  std::string out;
  auto add = [&out](const std::string& s) { out += (out.empty() ? "" : "; ") + s; };
  if (!scope.prefixes.empty()) {
    std::string list;
    for (const std::string& p : scope.prefixes) list += (list.empty() ? "" : ", ") + p;
    add((scope.prefixes.size() == 1 ? "package " : "packages ") + list);
  }
  if (scope.module) {
    add(scope.module_path.empty() ? std::string("main module")
                                  : "main module " + scope.module_path);
  }
  if (scope.exclude_std) add("standard library excluded");
  return out;
}

std::string ModulePathOf(std::string_view go_mod) {
  size_t at = 0;
  while (at < go_mod.size()) {
    size_t end = go_mod.find('\n', at);
    if (end == std::string_view::npos) end = go_mod.size();
    std::string_view line = TrimSpaces(go_mod.substr(at, end - at));
    at = end + 1;
    if (!StartsWith(line, "module")) continue;
    line = TrimSpaces(line.substr(6));
    if (line.size() >= 2 && (line.front() == '"' || line.front() == '`')) {
      line = line.substr(1, line.size() - 2);
    }
    const size_t comment = line.find("//");
    if (comment != std::string_view::npos) line = TrimSpaces(line.substr(0, comment));
    return std::string(line);
  }
  return "";
}

bool IsRelativeLogPath(std::string_view file) {
  const bool absolute = StartsWith(file, "/") ||
                        (file.size() > 2 && file[1] == ':' && (file[2] == '\\' || file[2] == '/'));
  return !file.empty() && !absolute && !StartsWith(file, "<");
}

bool InScope(const PackageScope& scope, std::string_view package, bool relative) {
  if (!scope.prefixes.empty() &&
      std::none_of(scope.prefixes.begin(), scope.prefixes.end(),
                   [&](const std::string& p) { return PackageUnder(package, p); })) {
    return false;
  }
  if (scope.module) {
    // A profile names a main package `main`, the log by its import path.
    const bool in = scope.module_path.empty() ? relative
                                              : PackageUnder(package, scope.module_path) ||
                                                    (package == "main" && relative);
    if (!in) return false;
  }
  return !(scope.exclude_std && IsStandardPackage(package, scope.module_path));
}

namespace package_scope {  // named, not anonymous: a unity build joins this file with others

/// Per package of `m`: inside the scope.
std::vector<bool> PackagesInside(const Model& m, const PackageScope& scope,
                                 std::string* module_path) {
  std::vector<bool> relative(m.packages.size(), false);
  if (scope.module && module_path->empty()) {
    for (const Verdict& v : m.verdicts) {
      if (IsRelativeLogPath(m.str(v.pos.file))) relative[v.package] = true;
    }
  }
  PackageScope used = scope;
  used.module_path = *module_path;
  std::vector<bool> inside(m.packages.size(), true);
  for (uint32_t p = 0; p < m.packages.size(); ++p) {
    inside[p] = InScope(used, m.str(m.packages[p].name), relative[p]);
  }
  return inside;
}

bool Scoped(VerdictKind k) { return IsHeap(k) || k == VerdictKind::kDoesNotEscape; }

}  // namespace package_scope

ScopeResult RestrictToScope(Model* m, const PackageScope& scope) {
  using namespace package_scope;
  ScopeResult result;
  result.module_path = scope.module_path;
  if (scope.Empty()) return result;
  const std::vector<bool> inside = PackagesInside(*m, scope, &result.module_path);
  for (bool in : inside) ++(in ? result.packages_in : result.packages_out);
  PackageScope described = scope;
  described.module_path = result.module_path;
  m->scope = DescribeScope(described);
  m->packages_in_scope = result.packages_in - (inside.empty() || !inside[0] ? 0 : 1);
  // Verdicts: keep those inside, and every kind a chain may continue into.
  std::vector<uint32_t> renumber(m->verdicts.size(), kNone);
  uint32_t kept = 0;
  for (uint32_t v = 0; v < m->verdicts.size(); ++v) {
    const Verdict& vd = m->verdicts[v];
    if (Scoped(vd.kind) && !inside[vd.package]) continue;
    renumber[v] = kept;
    m->verdicts[kept++] = vd;
  }
  result.verdicts_removed = m->verdicts.size() - kept;
  if (result.verdicts_removed == 0) return result;
  m->verdicts.resize(kept);
  m->verdicts.shrink_to_fit();
  // Explanations of removed verdicts go with them; the others point at the renumbered ones.
  uint32_t e_kept = 0;
  for (Explanation& e : m->explanations) {
    if (e.verdict != kNone) {
      if (renumber[e.verdict] == kNone) continue;
      e.verdict = renumber[e.verdict];
    } else if (e.kind == Explanation::Kind::kEscapes && !inside[e.package]) {
      continue;
    }
    m->explanations[e_kept++] = e;
  }
  m->explanations.resize(e_kept);
  absl::flat_hash_set<uint32_t> selectors;
  for (uint32_t v : m->package_selectors) {
    if (renumber[v] != kNone) selectors.insert(renumber[v]);
  }
  m->package_selectors = std::move(selectors);
  absl::flat_hash_map<uint32_t, uint64_t> runs;
  for (const auto& [v, lines] : m->runs) {
    if (renumber[v] != kNone) runs.emplace(renumber[v], lines);
  }
  m->runs = std::move(runs);
  m->IndexExplanations();
  return result;
}

}  // namespace escviz
