// Source facts for allocation patterns (parsers/pattern_facts.h).

#include "parsers/pattern_facts.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "parsers/go_lexer.h"
#include "src/str_util.h"

namespace escviz {
namespace pattern_facts {  // named, not anonymous: a unity build joins this file with others

/// The offsets where the lines of `text` start (line N at [N - 1]).
std::vector<size_t> LineStarts(std::string_view text) {
  std::vector<size_t> starts{0};
  for (size_t at = text.find('\n'); at != text.npos; at = text.find('\n', at + 1)) {
    starts.push_back(at + 1);
  }
  return starts;
}

/// Line `line` (1-based) of `text`, without its line end; empty past the end.
std::string_view LineOf(std::string_view text, const std::vector<size_t>& starts, uint32_t line) {
  if (line == 0 || line > starts.size()) return {};
  const size_t b = starts[line - 1];
  const size_t e = line < starts.size() ? starts[line] - 1 : text.size();
  return text.substr(b, e - b);
}

bool IsKeywordAt(std::string_view s, size_t at, std::string_view word) {
  if (s.substr(at, word.size()) != word) return false;
  const size_t after = at + word.size();
  if (after < s.size() && go_lexer::IsIdentChar(static_cast<unsigned char>(s[after]))) return false;
  return at == 0 || !go_lexer::IsIdentChar(static_cast<unsigned char>(s[at - 1]));
}

/// Whether the `func literal` at column `col` (1-based bytes) of `line` is started by `go`.
bool StartedByGo(std::string_view line, uint32_t col) {
  if (col == 0 || col > line.size() + 1) return false;
  const size_t at = col - 1;
  if (IsKeywordAt(line, at, "go")) return true;  // the wrapper of `go f(x)`, at the statement
  size_t before = at;
  while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t')) --before;
  return before >= 2 && IsKeywordAt(line, before - 2, "go");
}

/// The name X of a destination `X[K]` or `a.b.X[K]`: the identifier right before its first `[`;
/// empty when the destination is not an index expression.
std::string_view IndexedName(std::string_view dst) {
  const size_t open = dst.find('[');
  if (open == dst.npos || open == 0 || dst.back() != ']') return {};
  size_t b = open;
  while (b > 0 && go_lexer::IsIdentChar(static_cast<unsigned char>(dst[b - 1]))) --b;
  return b == open ? std::string_view() : dst.substr(b, open - b);
}

/// The names `text` declares as maps: `NAME map[` (a parameter, a field, a var), `NAME :=
/// map[`, `NAME = map[`, `NAME := make(map[`, `NAME = make(map[`, found from each `map[`.
absl::flat_hash_set<std::string_view> MapNames(std::string_view text) {
  absl::flat_hash_set<std::string_view> names;
  for (size_t at = text.find("map["); at != text.npos; at = text.find("map[", at + 1)) {
    if (at > 0 && go_lexer::IsIdentChar(static_cast<unsigned char>(text[at - 1]))) continue;
    size_t b = at;
    auto blanks = [&] {
      while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
    };
    blanks();
    if (b >= 5 && text.substr(b - 5, 5) == "make(") {
      b -= 5;
      blanks();
    }
    if (b > 0 && text[b - 1] == '=') {
      --b;
      if (b > 0 && text[b - 1] == ':') --b;
      blanks();
    }
    const size_t end = b;
    while (b > 0 && go_lexer::IsIdentChar(static_cast<unsigned char>(text[b - 1]))) --b;
    if (b < end) names.emplace(text.substr(b, end - b));
  }
  return names;
}

/// Whether `text` imports a package named `pkg`: `"a/b/pkg"`, `pkg "path"`, or `"pkg"` in an
/// import line (before the first top-level declaration).
bool Imports(std::string_view text, std::string_view pkg) {
  const size_t func = text.find("\nfunc ");
  const std::string_view head = text.substr(0, func);
  const std::string p(pkg);
  if (head.find("/" + p + "\"") != head.npos || head.find("\"" + p + "\"") != head.npos) {
    return true;
  }
  const std::string named = p + " \"";  // `p "some/path"`: an import named p
  for (size_t at = head.find(named); at != head.npos; at = head.find(named, at + 1)) {
    if (at == 0 || !go_lexer::IsIdentChar(static_cast<unsigned char>(head[at - 1]))) return true;
  }
  return false;
}

}  // namespace pattern_facts

void FindPatternFacts(Model* m, SourceTree* tree) {
  if (tree == nullptr) return;
  using namespace pattern_facts;
  // What to look at, by file: func literals' positions, and `X[K] = V` notes with their X.
  struct Wants {
    std::vector<Position> literals;
    std::vector<std::pair<uint32_t, std::string_view>> stores;     // note, X
    std::vector<std::pair<uint32_t, std::string_view>> selectors;  // verdict, PKG of PKG.NAME
  };
  // Plain `NAME = V` stores, by the folder of their file, and the files the log names there.
  absl::flat_hash_map<std::string_view, std::vector<std::pair<uint32_t, std::string_view>>> plain;
  absl::flat_hash_map<std::string_view, absl::flat_hash_set<StrId>> folder_files;
  auto folder_of = [&](StrId file) {
    const std::string_view f = m->str(file);
    const size_t slash = f.rfind('/');
    return slash == f.npos ? std::string_view() : f.substr(0, slash + 1);
  };
  // The folders of each package's files, by the package's last path element (`check` of
  // go/types' `check.x` is a variable, not crypto/internal/fips140/check: the folder decides).
  absl::flat_hash_map<std::string_view, absl::flat_hash_set<std::string_view>> package_folders;
  absl::flat_hash_set<uint64_t> seen;  // (package, file): each pair once
  for (const Verdict& v : m->verdicts) {
    if (!seen.insert((uint64_t{v.package} << 32) | v.pos.file).second) continue;
    if (!EndsWith(m->str(v.pos.file), ".go")) continue;
    const std::string_view folder = folder_of(v.pos.file);
    folder_files[folder].insert(v.pos.file);
    std::string_view path = m->str(m->packages[v.package].name);
    const size_t slash = path.rfind('/');
    if (slash != path.npos) path.remove_prefix(slash + 1);
    package_folders[path].insert(folder);
  }
  // A folder's package-level variables, and whether any of its files could be read.
  struct Vars {
    absl::flat_hash_set<std::string> names;
    bool read = false;
  };
  absl::flat_hash_map<std::string_view, Vars> folder_vars;
  auto vars_of = [&](std::string_view folder) -> const Vars& {
    auto [it, added] = folder_vars.try_emplace(folder);
    if (!added) return it->second;
    for (StrId file : folder_files[folder]) {
      const GoFileNames* names = tree->Names(m->str(file), /*package_level_only=*/true);
      if (names == nullptr) continue;
      it->second.read = true;
      for (const GoNameDecl& d : names->decls) {
        if (d.package_level && d.what == GoNameDecl::What::kVar) it->second.names.insert(d.name);
      }
    }
    return it->second;
  };
  absl::flat_hash_map<StrId, Wants> by_file;
  // `PKG.NAME` heap verdicts: a method value or a package's variable, as the imports say.
  for (uint32_t v = 0; v < m->verdicts.size(); ++v) {
    const Verdict& vd = m->verdicts[v];
    if (!IsHeap(vd.kind)) continue;
    const std::string_view s = m->str(vd.subject);
    const size_t dot = s.find('.');
    if (dot == s.npos || dot == 0 || s.find('.', dot + 1) != s.npos) continue;
    bool ident = true;
    for (char ch : s)
      ident = ident && (ch == '.' || go_lexer::IsIdentChar(static_cast<unsigned char>(ch)));
    if (ident) by_file[vd.pos.file].selectors.emplace_back(v, s.substr(0, dot));
  }
  StrId literal = 0, assign = 0;
  if (m->strings.Find("func literal", &literal)) {
    for (const Verdict& v : m->verdicts) {
      if (IsHeap(v.kind) && v.subject == literal && v.pos.line > 0) {
        by_file[v.pos.file].literals.push_back(v.pos);
      }
    }
    // The blocks too: the wrapper of `go f(&x)` has a block but no verdict line.
    for (const Explanation& e : m->explanations) {
      if (e.kind == Explanation::Kind::kEscapes && e.subject == literal && e.pos.line > 0) {
        by_file[e.pos.file].literals.push_back(e.pos);
      }
    }
  }
  // Only the notes of steps into `{heap}` can be where a value finally reaches the heap.
  StrId heap = 0;
  const bool any_heap = m->strings.Find("{heap}", &heap);
  if (any_heap && m->strings.Find("assign", &assign)) {
    for (const FlowStep& st : m->steps) {
      if (st.dst != heap) continue;
      for (uint32_t n = st.first_note; n < st.first_note + st.note_count; ++n) {
        const Note& note = m->notes[n];
        if (note.reason != assign) continue;
        const std::string_view expr = m->str(note.expr);
        const size_t eq = expr.find(" = ");
        if (eq == expr.npos) continue;
        const std::string_view dst = expr.substr(0, eq);
        const std::string_view name = IndexedName(dst);
        if (!name.empty()) by_file[note.pos.file].stores.emplace_back(n, name);
        // `NAME` (of the note's own folder) or `PKG.NAME` (of a package of that name).
        const size_t dot = dst.find('.');
        bool ident =
            !dst.empty() && dst.find('.', dot == dst.npos ? dst.size() : dot + 1) == dst.npos;
        for (char c : dst) {
          ident = ident && (c == '.' || go_lexer::IsIdentChar(static_cast<unsigned char>(c)));
        }
        if (ident) plain[folder_of(note.pos.file)].emplace_back(n, dst);
      }
    }
  }
  for (const auto& [folder, stores] : plain) {
    for (const auto& [note, name] : stores) {
      const size_t dot = name.find('.');
      bool global = false, read = false;
      auto look = [&](std::string_view f, std::string_view n) {
        const Vars& vars = vars_of(f);
        read = read || vars.read;
        global = global || vars.names.count(std::string(n)) > 0;
      };
      if (dot == name.npos) {
        look(folder, name);
      } else if (auto p = package_folders.find(name.substr(0, dot)); p != package_folders.end()) {
        for (std::string_view f : p->second) look(f, name.substr(dot + 1));
      }
      if (global) {
        m->global_store_notes.insert(note);
      } else if (read) {
        m->local_store_notes.insert(note);
      }
    }
  }
  // A literal the source has: its extent says whether `go` starts it (no text to read). The
  // rest (the compiler's wrappers of `go f(x)`, placed at the statement) are looked up in the
  // text below.
  for (auto& [file, wants] : by_file) {
    const std::vector<GoFuncExtent>* extents = tree->Functions(m->str(file));
    if (extents == nullptr) continue;
    std::vector<Position> rest;
    for (const Position& p : wants.literals) {
      auto at = std::lower_bound(
          extents->begin(), extents->end(), p, [](const GoFuncExtent& e, const Position& q) {
            return e.func_line != q.line ? e.func_line < q.line : e.func_col < q.col;
          });
      if (at != extents->end() && at->literal && at->func_line == p.line && at->func_col == p.col) {
        if (at->go_statement) m->go_literals.insert(Model::GoLiteralKey(p));
      } else {
        rest.push_back(p);
      }
    }
    wants.literals = std::move(rest);
  }
  for (const auto& [file, wants] : by_file) {
    if (wants.literals.empty() && wants.stores.empty() && wants.selectors.empty()) continue;
    const std::string* text = tree->Text(m->str(file));
    if (text == nullptr) continue;
    if (!wants.literals.empty()) {
      const std::vector<size_t> starts = LineStarts(*text);
      for (const Position& p : wants.literals) {
        if (StartedByGo(LineOf(*text, starts, p.line), p.col)) {
          m->go_literals.insert(Model::GoLiteralKey(p));
        }
      }
    }
    for (const auto& [v, pkg] : wants.selectors) {
      if (Imports(*text, pkg)) m->package_selectors.insert(v);
    }
    if (!wants.stores.empty()) {
      const absl::flat_hash_set<std::string_view> maps = MapNames(*text);
      for (const auto& [note, name] : wants.stores) {
        if (maps.count(name) > 0) m->map_store_notes.insert(note);
      }
    }
  }
}

}  // namespace escviz
