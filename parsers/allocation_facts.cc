// Heap verdicts that allocate nothing, decided with the Go source (parsers/allocation_facts.h).

#include "parsers/allocation_facts.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <vector>

#include "parsers/go_names.h"
#include "parsers/go_source.h"
#include "src/allocation.h"
#include "src/str_util.h"

namespace escviz {
namespace {

using Name = SourceFacts::Name;

/// A file's declarations, each with the innermost function extent it is in (-1: package level).
struct FileNames {
  std::vector<GoNameDecl> decls;
  std::vector<int> extent;
  const std::vector<GoFuncExtent>* extents = nullptr;  ///< owned by the tree
};

/// The package-level names of one folder's `.go` files.
struct FolderNames {
  absl::flat_hash_map<std::string, Name> names;
  /// Type definitions, for ZeroSizeType of local variables' types.
  absl::flat_hash_map<std::string, std::string> types;
  absl::flat_hash_map<std::string, int> zero;     ///< memo: 1 zero-size, 0 not, -1 being decided
  absl::flat_hash_set<std::string> conflicting;   ///< declared as two kinds of name
  absl::flat_hash_set<std::string> size_unknown;  ///< a type or variable of two definitions
  absl::flat_hash_set<std::string> variables;     ///< every package-level `var`
};

class Facts : public SourceFacts {
 public:
  Facts(const Model& m, SourceTree* tree) : m_(m), tree_(*tree) {
    package_file_.resize(m.packages.size());
    for (const Verdict& v : m.verdicts) {
      std::string& f = package_file_[v.package];
      const std::string_view file = m.str(v.pos.file);
      if (f.empty() && EndsWith(file, ".go")) f = std::string(file);
    }
    for (uint32_t p = 0; p < m.packages.size(); ++p) {
      std::string path = m.PackageName(p);
      const size_t space = path.find(' ');  // `p [p.test]`
      if (space != std::string::npos) path.resize(space);
      const size_t slash = path.rfind('/');
      by_last_element_[slash == std::string::npos ? path : path.substr(slash + 1)].push_back(p);
    }
  }

  uint64_t folders_scanned() const { return folders_.size(); }

  /// True if `name`, used at `pos` in a file of package `p`, is a variable by the source: a
  /// parameter or `var`/`:=` of a function around it, else a package-level `var`.
  bool DeclaresVariable(uint32_t p, const Position& pos, std::string_view name) {
    FileNames* file = File(m_.str(pos.file));
    if (file != nullptr && file->extents != nullptr) {
      for (int e = InnermostExtent(*file->extents, pos.line, pos.col); e >= 0;
           e = (*file->extents)[e].parent) {
        for (std::string_view q : SplitParams((*file->extents)[e].params)) {
          if (q == name) return true;
        }
        for (size_t i = 0; i < file->decls.size(); ++i) {
          const GoNameDecl& d = file->decls[i];
          if (file->extent[i] != e || d.name != name) continue;
          return d.what == GoNameDecl::What::kVar || d.what == GoNameDecl::What::kShort;
        }
      }
    }
    FolderNames* f = Folder(p);
    return f != nullptr && f->variables.count(std::string(name)) > 0;
  }

  Name Lookup(const Verdict& v, std::string_view qualifier, std::string_view name) override {
    if (qualifier.empty()) {
      Name local;
      if (Local(v, name, &local)) return local;
      FolderNames* f = Folder(v.package);
      return f == nullptr ? Name::kUnknown : Get(*f, name);
    }
    auto it = by_last_element_.find(std::string(qualifier));
    if (it == by_last_element_.end()) return Name::kUnknown;
    Name found = Name::kUnknown;
    for (uint32_t p : it->second) {
      FolderNames* f = Folder(p);
      const Name n = f == nullptr ? Name::kUnknown : Get(*f, name);
      if (n == Name::kUnknown) continue;
      if (found != Name::kUnknown && found != n) return Name::kUnknown;  // two packages differ
      found = n;
    }
    return found;
  }

 private:
  static Name Get(const FolderNames& f, std::string_view name) {
    auto it = f.names.find(std::string(name));
    return it == f.names.end() ? Name::kUnknown : it->second;
  }

  /// Whether `type` has size 0, names resolved among the folder's type definitions.
  bool Zero(FolderNames* f, std::string_view type) {
    return ZeroSizeType(type, [&](std::string_view n) { return ZeroNamed(f, n); });
  }
  bool ZeroNamed(FolderNames* f, std::string_view n) {
    const std::string key(n);
    if (f->conflicting.count(key) > 0 || f->size_unknown.count(key) > 0) return false;
    auto memo = f->zero.find(key);
    if (memo != f->zero.end()) return memo->second == 1;
    auto def = f->types.find(key);
    if (def == f->types.end()) return false;
    f->zero[key] = -1;  // a cycle (invalid Go) is not zero
    const bool z = Zero(f, def->second);
    f->zero[key] = z ? 1 : 0;
    return z;
  }

  /// The declaration of `name` in the functions around `v`, innermost first: a parameter, or
  /// `var`/`const`/`type`/`:=` in that function's own body. False when none declares it.
  bool Local(const Verdict& v, std::string_view name, Name* out) {
    FileNames* file = File(m_.str(v.pos.file));
    if (file == nullptr || file->extents == nullptr) return false;
    int e = InnermostExtent(*file->extents, v.pos.line, v.pos.col);
    for (; e >= 0; e = (*file->extents)[e].parent) {
      const GoFuncExtent& x = (*file->extents)[e];
      for (std::string_view p : SplitParams(x.params)) {
        if (p == name) {
          *out = Name::kUnknown;  // a parameter: its type is not read
          return true;
        }
      }
      bool any = false, all_zero_var = true, all_const = true;
      for (size_t i = 0; i < file->decls.size(); ++i) {
        const GoNameDecl& d = file->decls[i];
        if (file->extent[i] != e || d.name != name) continue;
        any = true;
        all_const = all_const && d.what == GoNameDecl::What::kConst;
        FolderNames* f = Folder(v.package);
        all_zero_var = all_zero_var && d.what == GoNameDecl::What::kVar && !d.type.empty() &&
                       f != nullptr && Zero(f, d.type);
      }
      if (any) {
        *out =
            all_zero_var ? Name::kZeroSizeVariable : (all_const ? Name::kConstant : Name::kUnknown);
        return true;
      }
    }
    // Not declared around the verdict: an inlined call's variable (its position is the call's).
    // Known only if every function-level declaration of the name in the file is a variable of a
    // zero-size type and no function has a parameter of that name.
    bool any = false;
    for (size_t i = 0; i < file->decls.size(); ++i) {
      const GoNameDecl& d = file->decls[i];
      if (file->extent[i] == -1 || d.name != name) continue;
      FolderNames* f = Folder(v.package);
      if (d.what != GoNameDecl::What::kVar || d.type.empty() || f == nullptr || !Zero(f, d.type)) {
        return false;
      }
      any = true;
    }
    if (!any) return false;
    for (const GoFuncExtent& x : *file->extents) {
      for (std::string_view p : SplitParams(x.params)) {
        if (p == name) return false;
      }
    }
    *out = Name::kZeroSizeVariable;
    return true;
  }

  static std::vector<std::string_view> SplitParams(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
      const size_t comma = s.find(',');
      out.push_back(s.substr(0, comma));
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
    return out;
  }

  FileNames* File(std::string_view log_path) {
    auto [it, added] = files_.try_emplace(std::string(log_path));
    if (!added) return it->second.get();
    const std::string* text = tree_.Text(log_path);
    if (text == nullptr) return nullptr;
    auto f = std::make_unique<FileNames>();
    f->decls = ScanGoNames(*text);
    f->extents = tree_.Functions(log_path);
    f->extent.reserve(f->decls.size());
    for (const GoNameDecl& d : f->decls) {
      f->extent.push_back(f->extents == nullptr ? -1 : InnermostExtent(*f->extents, d.line, d.col));
    }
    it->second = std::move(f);
    return it->second.get();
  }

  /// The names of the folder package `p`'s log files are in, scanned once; null if none can be
  /// read.
  FolderNames* Folder(uint32_t p) {
    const std::string& log_file = package_file_[p];
    if (log_file.empty()) return nullptr;
    std::string real;
    if (!tree_.Resolve(log_file, &real)) return nullptr;
    const std::filesystem::path dir = std::filesystem::path(real).parent_path();
    auto [it, added] = folders_.try_emplace(dir.string());
    if (!added) return it->second.get();
    auto f = std::make_unique<FolderNames>();
    const size_t slash = log_file.rfind('/');
    const std::string log_dir = slash == std::string::npos ? "" : log_file.substr(0, slash + 1);
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string n = entry.path().filename().string();
      if (EndsWith(n, ".go") && entry.is_regular_file(ec)) names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    absl::flat_hash_map<std::string, std::string> vars;
    auto declare = [&](const std::string& name, Name kind) {
      auto [n, fresh] = f->names.try_emplace(name, kind);
      if (!fresh && n->second != kind) f->conflicting.insert(name);
    };
    for (const std::string& n : names) {
      FileNames* file = File(log_dir + n);
      if (file == nullptr) continue;
      for (size_t i = 0; i < file->decls.size(); ++i) {
        const GoNameDecl& d = file->decls[i];
        if (file->extent[i] != -1 || d.name == "_") continue;
        switch (d.what) {
          case GoNameDecl::What::kType: {
            // Defined differently in two files (`uintptr` here, `uint32` for another GOOS):
            // still a type, but its size is not known.
            auto [t, fresh] = f->types.try_emplace(d.name, d.type);
            if (!fresh && t->second != d.type) f->size_unknown.insert(d.name);
            declare(d.name, Name::kType);
            break;
          }
          case GoNameDecl::What::kConst:
            declare(d.name, Name::kConstant);
            break;
          case GoNameDecl::What::kVar: {
            f->variables.insert(d.name);
            auto [t, fresh] = vars.try_emplace(d.name, d.type);
            if (!fresh && t->second != d.type) f->size_unknown.insert(d.name);
            declare(d.name, Name::kZeroSizeVariable);  // decided below
            break;
          }
          case GoNameDecl::What::kShort:
            break;
        }
      }
    }
    FolderNames* out = f.get();
    it->second = std::move(f);
    for (auto& [name, kind] : out->names) {
      if (out->conflicting.count(name) > 0) {
        kind = Name::kUnknown;
      } else if (kind == Name::kType) {
        kind = ZeroNamed(out, name) ? Name::kZeroSizeType : Name::kType;
      } else if (kind == Name::kZeroSizeVariable) {
        const std::string& type = vars[name];
        if (type.empty() || out->size_unknown.count(name) > 0 || !Zero(out, type)) {
          kind = Name::kUnknown;
        }
      }
    }
    return out;
  }

  const Model& m_;
  SourceTree& tree_;
  std::vector<std::string> package_file_;  ///< package -> a `.go` file the log names in it
  absl::flat_hash_map<std::string, std::vector<uint32_t>> by_last_element_;
  absl::flat_hash_map<std::string, std::unique_ptr<FileNames>> files_;
  absl::flat_hash_map<std::string, std::unique_ptr<FolderNames>> folders_;
};

/// The `x` of each `x.M(...)` call a flow passes a value to (a `(call parameter)` note), when the
/// source declares x a variable there: the call is of an interface method or a func-typed field
/// (Model::declared_variables), whose callee the compiler cannot know.
void RecordCallReceivers(Model* m, Facts* facts) {
  StrId call_parameter = 0;
  if (!m->strings.Find("call parameter", &call_parameter)) return;
  absl::flat_hash_set<std::tuple<uint32_t, StrId, StrId, uint32_t, uint32_t>> asked;
  for (const Explanation& x : m->explanations) {
    for (uint32_t s = x.first_step; s < x.first_step + x.step_count; ++s) {
      const FlowStep& st = m->steps[s];
      for (uint32_t k = st.first_note; k < st.first_note + st.note_count; ++k) {
        const Note& n = m->notes[k];
        if (n.reason != call_parameter) continue;
        const std::string_view e = m->str(n.expr);
        size_t i = 0;
        while (i < e.size() && (std::isalnum(static_cast<unsigned char>(e[i])) || e[i] == '_')) ++i;
        if (i == 0 || i >= e.size() || e[i] != '.') continue;
        const std::string_view head = e.substr(0, i);
        if (!asked.insert({x.package, n.pos.file, m->strings.Intern(head), n.pos.line, n.pos.col})
                 .second) {
          continue;
        }
        if (facts->DeclaresVariable(x.package, n.pos, head)) {
          m->declared_variables.insert((static_cast<uint64_t>(x.package) << 32) |
                                       m->strings.Intern(head));
        }
      }
    }
  }
}

}  // namespace

AllocationStats ClassifyAllocations(Model* m, SourceTree* tree) {
  AllocationStats st;
  std::unique_ptr<Facts> facts;
  if (tree != nullptr) facts = std::make_unique<Facts>(*m, tree);
  for (Verdict& v : m->verdicts) {
    if (!IsHeap(v.kind)) continue;
    const std::string_view subject = m->str(v.subject);
    const NoAlloc plain = ClassifyByExpression(v.kind, subject);
    v.no_alloc = facts == nullptr ? plain : ClassifyAllocation(v, subject, facts.get());
    st.constant += v.no_alloc == NoAlloc::kConstant ? 1 : 0;
    st.zero_size += v.no_alloc == NoAlloc::kZeroSize ? 1 : 0;
    st.by_source += v.no_alloc != plain ? 1 : 0;
  }
  if (facts != nullptr) {
    RecordCallReceivers(m, facts.get());
    st.packages_scanned = facts->folders_scanned();
  }
  return st;
}

}  // namespace escviz
