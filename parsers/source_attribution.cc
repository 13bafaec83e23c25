#include "parsers/source_attribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory_resource>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/position.h"

namespace escviz {
namespace {

/// A file position to look up in the sources.
struct Place {
  StrId file = 0;
  uint32_t line = 0, col = 0;
};

struct DeclKey {
  uint32_t package;
  StrId file;
  uint32_t line, col;
  bool operator==(const DeclKey& o) const {
    return package == o.package && file == o.file && line == o.line && col == o.col;
  }
};
struct DeclHash {
  size_t operator()(const DeclKey& k) const {
    size_t h = k.package;
    h = h * 1000003u ^ k.file;
    h = h * 1000003u ^ k.line;
    h = h * 1000003u ^ k.col;
    return h;
  }
};

uint64_t Key(uint32_t hi, uint32_t lo) { return (static_cast<uint64_t>(hi) << 32) | lo; }
uint64_t LineCol(uint32_t line, uint32_t col) { return Key(line, col); }

constexpr uint32_t kUnset = kNone - 1;

/// Stale sources named one by one before only a count is given.
constexpr uint64_t kShownStale = 10;  ///< an extent whose function is not looked up yet

bool IsGoFile(std::string_view path) {
  return path.size() > 3 && path.substr(path.size() - 3) == ".go";
}

class Attributor {
 public:
  Attributor(Model* m, SourceTree* tree, Diagnostics* diag) : m_(m), tree_(tree), diag_(diag) {
    by_name_.reserve(m_->functions.size());
    by_decl_.reserve(m_->functions.size());
    for (uint32_t f = 0; f < m_->functions.size(); ++f) {
      const Function& fn = m_->functions[f];
      by_name_.emplace(Key(fn.package, fn.name), f);
      if (fn.decl.line == 0) continue;
      const Place p = PlaceOf(fn.decl);
      // Several functions at one place: a closure and its copies renamed where it was inlined
      // (`counter.func1`, then `main.func2`), or generic instances. The first declared wins,
      // as in the builder.
      if (by_decl_.emplace(DeclKey{fn.package, p.file, p.line, p.col}, f).second) {
        decls_by_file_[Key(fn.package, p.file)].push_back(LineCol(p.line, p.col));
      }
    }
  }

  SourceAttributionStats Run() {
    tree_->Preload(NamedGoFiles());
    for (Verdict& v : m_->verdicts) {
      if (v.attribution == Attribution::kCompiler || v.pos.line == 0) continue;
      const Place p = PlaceOf(v.pos);
      FileState* fs = State(v.package, p.file);
      if (fs == nullptr) continue;
      // Without a column (`-C`, `//line` directives, `-L` brackets), the line's start.
      int i = InnermostExtent(*fs->extents, p.line, std::max(p.col, 1u));
      // A closure is made where its `func` is, in the function around it (`func literal
      // escapes to heap` is the parent's verdict).
      if (i >= 0 && (*fs->extents)[i].literal && (*fs->extents)[i].func_line == p.line &&
          (*fs->extents)[i].func_col == p.col) {
        i = (*fs->extents)[i].parent;
      }
      const uint32_t f = i < 0 ? ByName(v.package, "init", Place{}) : FunctionOf(v.package, *fs, i);
      if (f == kNone) continue;
      ++stats_.verdicts;
      if (f != v.function) ++stats_.changed;
      v.function = f;
      v.attribution = Attribution::kSource;
    }
    tree_->WarnRefused(diag_);
    if (stats_.files_stale > kShownStale) {
      diag_->Warning(fmt::format("{} more sources not used, changed since the build (not shown)",
                                 stats_.files_stale - kShownStale));
    }
    if (stats_.files_missing > 0 && !tree_->root().empty()) {
      diag_->Note(fmt::format(
          "{} source file{} named in the log not found (relative paths are looked up under {}), "
          "e.g. {}",
          stats_.files_missing, stats_.files_missing == 1 ? "" : "s", tree_->root(),
          first_missing_));
    }
    return stats_;
  }

 private:
  struct FileState {
    const std::vector<GoFuncExtent>* extents = nullptr;
    StrId file = 0;
    std::vector<uint32_t> function;  ///< per extent: a function, kNone, or kUnset
    std::vector<uint32_t> ordinal;   ///< per extent: 1-based among its parent's literals
  };

  /// The `.go` files that the verdicts Run() looks at name, in the order it meets them (for
  /// SourceTree::Preload; nothing is interned).
  std::vector<std::string> NamedGoFiles() const {
    std::vector<std::string> paths;
    std::unordered_set<std::string_view> seen;
    for (const Verdict& v : m_->verdicts) {
      if (v.attribution == Attribution::kCompiler || v.pos.line == 0) continue;
      std::string_view path = m_->str(v.pos.file);
      if (v.pos.physical != 0) {
        PosText t;
        if (ParsePosition(m_->str(v.pos.physical), &t) && t.line != 0) path = t.file;
      }
      if (IsGoFile(path) && seen.insert(path).second) paths.emplace_back(path);
    }
    return paths;
  }

  /// The `-L` physical position when printed (the real Go file), else the position itself.
  Place PlaceOf(const Position& pos) {
    if (pos.physical != 0) {
      PosText t;
      if (ParsePosition(m_->str(pos.physical), &t) && t.line != 0) {
        return Place{m_->strings.Intern(t.file), t.line, t.col};
      }
    }
    return Place{pos.file, pos.line, pos.col};
  }

  /// The extents of `file`, read once per file name; nullptr if it cannot be read.
  const std::vector<GoFuncExtent>* Extents(StrId file) {
    auto known = extents_.find(file);
    if (known != extents_.end()) return known->second;
    const std::string_view path = m_->str(file);
    const std::vector<GoFuncExtent>* extents = nullptr;
    if (IsGoFile(path)) {
      SourceStatus status = SourceStatus::kMissing;
      extents = tree_->Functions(path, &status);
      if (extents != nullptr) {
        ++stats_.files_read;
      } else if (status == SourceStatus::kRefused) {
        ++stats_.files_refused;  // warned by the tree (SourceTree::WarnRefused)
      } else {
        if (stats_.files_missing++ == 0) first_missing_ = std::string(path);
      }
    }
    extents_.emplace(file, extents);
    return extents;
  }

  /// The state of `file` in `package`, or nullptr if its source is unreadable or stale.
  FileState* State(uint32_t package, StrId file) {
    const uint64_t key = Key(package, file);
    auto known = files_.find(key);
    if (known != files_.end()) return known->second.extents ? &known->second : nullptr;
    FileState& fs = files_[key];
    const std::vector<GoFuncExtent>* extents = Extents(file);
    if (extents == nullptr || Stale(package, file, *extents)) return nullptr;
    fs.extents = extents;
    fs.file = file;
    fs.function.assign(extents->size(), kUnset);
    fs.ordinal.assign(extents->size(), 0);
    std::unordered_map<int, uint32_t> literals;  // parent -> literals so far
    for (size_t i = 0; i < extents->size(); ++i) {
      if ((*extents)[i].literal) fs.ordinal[i] = ++literals[(*extents)[i].parent];
    }
    return &fs;
  }

  /// True if the log declares functions in `file` and none of them is where the source has
  /// one: the source is not what was compiled. Warned once per file.
  bool Stale(uint32_t package, StrId file, const std::vector<GoFuncExtent>& extents) {
    auto decls = decls_by_file_.find(Key(package, file));
    if (decls == decls_by_file_.end()) return false;
    // Mostly the first declaration is there: looked for before building a set.
    const uint64_t first = decls->second.front();
    for (const GoFuncExtent& e : extents) {
      if (first == LineCol(e.decl_line, e.decl_col) || first == LineCol(e.decl_line, 0)) {
        return false;
      }
    }
    std::unordered_set<uint64_t> at;
    for (const GoFuncExtent& e : extents) {
      at.insert(LineCol(e.decl_line, e.decl_col));
      at.insert(LineCol(e.decl_line, 0));  // declared without a column
    }
    for (uint64_t d : decls->second) {
      if (at.count(d) != 0) return false;
    }
    if (stale_warned_.insert(file).second && ++stats_.files_stale <= kShownStale) {
      diag_->Warning(fmt::format(
          "{}: source not used: none of the {} function{} the log declares in it is there "
          "(the file changed since the build?)",
          m_->str(file), decls->second.size(), decls->second.size() == 1 ? "" : "s"));
    }
    return true;
  }

  /// The function of extent `i`: the one the log declares at its place, else one named after
  /// the source (created if the log never names it); kNone if the name cannot be known.
  uint32_t FunctionOf(uint32_t package, FileState& fs, int i) {
    if (fs.function[i] != kUnset) return fs.function[i];
    const GoFuncExtent& e = (*fs.extents)[i];
    const Place decl{fs.file, e.decl_line, e.decl_col};
    uint32_t f = kNone;
    auto declared = by_decl_.find(DeclKey{package, decl.file, decl.line, decl.col});
    if (declared == by_decl_.end()) {
      declared = by_decl_.find(DeclKey{package, decl.file, decl.line, 0});  // without a column
    }
    if (declared != by_decl_.end()) {
      f = declared->second;
    } else if (!e.literal) {
      // `init` functions are `init.0`, `init.1`, ... numbered across the package.
      if (!e.name.empty() && e.name != "init" && e.name != "_") f = ByName(package, e.name, decl);
    } else if (e.parent >= 0) {
      // Closures are numbered in source order within their parent: `F.func1`, `F.func2`, and
      // inside a closure `F.func1.1`. (Package-level literals are `glob..funcN` before Go
      // 1.22 and `init.funcN` since, numbered across the package: left alone.)
      const uint32_t parent = FunctionOf(package, fs, e.parent);
      if (parent != kNone) {
        const bool in_literal = (*fs.extents)[e.parent].literal;
        f = ByName(package,
                   fmt::format("{}{}{}", m_->FunctionName(parent), in_literal ? "." : ".func",
                               fs.ordinal[i]),
                   decl);
      }
    }
    fs.function[i] = f;
    return f;
  }

  /// The function named `name` in `package`, created (declared at `decl`) if new.
  uint32_t ByName(uint32_t package, std::string_view name, const Place& decl) {
    const StrId n = m_->strings.Intern(name);
    auto it = by_name_.find(Key(package, n));
    if (it != by_name_.end()) return it->second;
    const uint32_t f = static_cast<uint32_t>(m_->functions.size());
    Function fn;
    fn.name = n;
    fn.package = package;
    fn.decl.file = decl.file;
    fn.decl.line = decl.line;
    fn.decl.col = decl.col;
    m_->functions.push_back(fn);
    by_name_.emplace(Key(package, n), f);
    ++stats_.functions_added;
    return f;
  }

  Model* m_;
  SourceTree* tree_;
  Diagnostics* diag_;
  SourceAttributionStats stats_;
  std::string first_missing_;
  /// Holds the nodes of the maps below, tens of thousands allocated one after another and freed
  /// all at once (std 1.27: construction and destruction 8 -> 4 ms).
  std::pmr::monotonic_buffer_resource arena_;
  /// (package, name) -> function
  std::pmr::unordered_map<uint64_t, uint32_t> by_name_{&arena_};
  std::pmr::unordered_map<DeclKey, uint32_t, DeclHash> by_decl_{&arena_};
  /// (package, file) -> declarations
  std::pmr::unordered_map<uint64_t, std::vector<uint64_t>> decls_by_file_{&arena_};
  std::pmr::unordered_map<StrId, const std::vector<GoFuncExtent>*> extents_{&arena_};
  /// (package, file) -> state
  std::pmr::unordered_map<uint64_t, FileState> files_{&arena_};
  std::unordered_set<StrId> stale_warned_;
};

}  // namespace

SourceAttributionStats AttributeFromSources(Model* model, SourceTree* tree, Diagnostics* diag) {
  SourceAttributionStats stats = Attributor(model, tree, diag).Run();
  // An explanation belongs to its verdict's function, or to one its ` in FUNC` names.
  if (stats.changed > 0 || stats.functions_added > 0) model->IndexExplanations();
  return stats;
}

}  // namespace escviz
