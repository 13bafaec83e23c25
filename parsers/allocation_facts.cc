// Heap verdicts that allocate nothing, decided with the Go source (parsers/allocation_facts.h).

#include "parsers/allocation_facts.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "parsers/go_names.h"
#include "parsers/go_source.h"
#include "src/allocation.h"
#include "src/str_util.h"

namespace escviz {
namespace allocation_facts {  // named, not anonymous: AllocationClassifier::State holds a Facts

using Name = SourceFacts::Name;

/// `x_linux.go`, `x_amd64.go`, `x_windows_arm64.go`: compiled for one GOOS or GOARCH only.
bool HasBuildSuffix(std::string_view file) {
  static constexpr std::string_view kWords[] = {
      "aix",     "android", "darwin",  "dragonfly", "freebsd", "hurd",     "illumos",
      "ios",     "js",      "linux",   "nacl",      "netbsd",  "openbsd",  "plan9",
      "solaris", "wasip1",  "windows", "zos",       "386",     "amd64",    "arm",
      "arm64",   "loong64", "mips",    "mipsle",    "mips64",  "mips64le", "ppc64",
      "ppc64le", "riscv64", "s390x",   "wasm",      "unix"};
  file.remove_suffix(3);  // .go
  const size_t us = file.rfind('_');
  if (us == std::string_view::npos) return false;
  const std::string_view last = file.substr(us + 1);
  for (std::string_view w : kWords) {
    if (last == w) return true;
  }
  return false;
}

/// A file's declarations and function extents, both in source order (owned by the tree).
struct FileNames {
  const std::vector<GoNameDecl>* decls = nullptr;
  const std::vector<GoFuncExtent>* extents = nullptr;  ///< null if the file has none
  /// Indices into decls of the declarations in functions, by name (indexed when first asked).
  absl::flat_hash_map<std::string_view, std::vector<uint32_t>, StringViewHash> in_functions;
  bool indexed = false;

  const std::vector<uint32_t>& InFunctions(std::string_view name) {
    static const std::vector<uint32_t> kNone;
    if (!indexed) {
      for (uint32_t i = 0; i < decls->size(); ++i) {
        if (!(*decls)[i].package_level) in_functions[(*decls)[i].name].push_back(i);
      }
      indexed = true;
    }
    auto it = in_functions.find(name);
    return it == in_functions.end() ? kNone : it->second;
  }

  /// Calls f(decl) for each declaration of `name` in extent `e`'s own body (not in a function
  /// nested in it), in source order, until f returns false.
  template <typename F>
  void EachIn(int e, std::string_view name, F f) const {
    const GoFuncExtent& x = (*extents)[e];
    using Pos = std::pair<uint32_t, uint32_t>;
    auto it = std::lower_bound(decls->begin(), decls->end(), Pos{x.func_line, x.func_col},
                               [](const GoNameDecl& d, const Pos& p) {
                                 return Pos{d.line, d.col} < p;
                               });
    for (; it != decls->end() && Pos{it->line, it->col} <= Pos{x.end_line, x.end_col}; ++it) {
      if (it->name != name || InnermostExtent(*extents, it->line, it->col) != e) continue;
      if (!f(*it)) return;
    }
  }
};

/// The package-level names of one folder's `.go` files.
struct FolderNames {
  /// As declared: kType, kConstant, or kZeroSizeVariable for any variable (Facts::Get decides).
  absl::flat_hash_map<std::string, Name> names;
  absl::flat_hash_map<std::string, Name> decided;  ///< Facts::Get's answers
  /// Every package-level `var`, with its declared type (empty when it comes from `= value`).
  absl::flat_hash_map<std::string, std::string> var_types;
  /// Type definitions, for ZeroSizeType of local variables' types.
  absl::flat_hash_map<std::string, std::string> types;
  absl::flat_hash_map<std::string, int> zero;     ///< memo: 1 zero-size, 0 not, -1 being decided
  absl::flat_hash_set<std::string> conflicting;   ///< declared as two kinds of name
  absl::flat_hash_set<std::string> size_unknown;  ///< a type or variable of two definitions
};

class Facts : public SourceFacts {
 public:
  Facts(const Model& m, SourceTree* tree) : m_(m), tree_(*tree) {
    package_file_.resize(m.packages.size());
    folder_of_package_.assign(m.packages.size(), nullptr);
    absl::flat_hash_set<StrId> seen;
    auto add_file = [&](uint32_t package, StrId id) {
      const std::string_view file = m.str(id);
      if (!EndsWith(file, ".go")) return;
      std::string& f = package_file_[package];
      if (f.empty()) f = std::string(file);
      if (!seen.insert(id).second) return;
      const size_t slash = file.rfind('/');
      files_of_dir_[std::string(slash == std::string_view::npos ? "" : file.substr(0, slash + 1))]
          .insert(std::string(file));
    };
    for (const Verdict& v : m.verdicts) add_file(v.package, v.pos.file);
    for (const Function& fn : m.functions) add_file(fn.package, fn.decl.file);
    for (uint32_t p = 0; p < m.packages.size(); ++p) {
      std::string path = m.PackageName(p);
      const size_t space = path.find(' ');  // `p [p.test]`
      if (space != std::string::npos) path.resize(space);
      const size_t slash = path.rfind('/');
      by_last_element_[slash == std::string::npos ? path : path.substr(slash + 1)].push_back(p);
    }
  }

  /// While recording, Lookup() answers kUnknown and notes what it would read (asked() says if
  /// it was called since the last ClearAsked()); WantVariable() notes what DeclaresVariable()
  /// will read. Then Wanted() lists those files, for SourceTree::PreloadNames.
  void Record(bool on) { recording_ = on; }
  bool asked() const { return asked_; }
  void ClearAsked() { asked_ = false; }
  void WantVariable(uint32_t p, const Position& pos) {
    full_files_.insert(std::string(m_.str(pos.file)));
    WantFolder(p);
  }
  /// The files whose every name is wanted (the files of the positions asked about), and those
  /// whose package-level names will do: the other files the log names in the folders asked
  /// about (Unlisted() adds the rest of those folders).
  void Wanted(std::vector<std::string>* full, std::vector<std::string>* package_level) {
    full->assign(full_files_.begin(), full_files_.end());
    std::sort(full->begin(), full->end());
    for (const std::string& dir : WantedFolders()) {
      for (const std::string& f : files_of_dir_[dir]) {
        if (full_files_.count(f) == 0) package_level->push_back(f);
      }
    }
  }
  /// The unlisted files of the folders asked about (listing a folder looks its files up: after
  /// a Preload of them, that is cached).
  std::vector<std::string> Unlisted() {
    std::vector<std::string> out;
    for (const std::string& dir : WantedFolders()) {
      const std::set<std::string>& files = files_of_dir_[dir];
      if (files.empty()) continue;
      const std::vector<std::string>& more = Unlisted(dir, *files.begin());
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }
  std::vector<std::string> WantedFolders() const {
    std::vector<std::string> dirs(folders_wanted_.begin(), folders_wanted_.end());
    std::sort(dirs.begin(), dirs.end());
    return dirs;
  }

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
        int found = -1;
        file->EachIn(e, name, [&](const GoNameDecl& d) {
          found = d.what == GoNameDecl::What::kVar || d.what == GoNameDecl::What::kShort;
          return false;
        });
        if (found >= 0) return found == 1;
      }
    }
    FolderNames* f = Folder(p);
    return f != nullptr && f->var_types.count(std::string(name)) > 0;
  }

  Name Lookup(const Verdict& v, std::string_view qualifier, std::string_view name) override {
    if (recording_) {
      asked_ = true;
      if (qualifier.empty()) {
        WantVariable(v.package, v.pos);
      } else if (auto it = by_last_element_.find(std::string(qualifier));
                 it != by_last_element_.end()) {
        for (uint32_t p : it->second) WantFolder(p);
      }
      return Name::kUnknown;
    }
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
  /// The log folder of package p's files.
  std::string FolderOf(uint32_t p) const {
    const std::string& log_file = package_file_[p];
    const size_t slash = log_file.rfind('/');
    return slash == std::string::npos ? "" : log_file.substr(0, slash + 1);
  }
  void WantFolder(uint32_t p) {
    if (!package_file_[p].empty()) folders_wanted_.insert(FolderOf(p));
  }

  /// What `name` is among the folder's package-level declarations, decided when first asked:
  /// a type (of size 0 or not), a constant, a variable of a zero-size type, else unknown.
  Name Get(FolderNames& f, std::string_view name) {
    const std::string key(name);
    auto it = f.names.find(key);
    if (it == f.names.end()) return Name::kUnknown;
    auto [memo, fresh] = f.decided.try_emplace(key, Name::kUnknown);
    if (!fresh) return memo->second;
    Name kind = it->second;
    if (f.conflicting.count(key) > 0) {
      kind = Name::kUnknown;
    } else if (kind == Name::kType) {
      kind = ZeroNamed(&f, key) ? Name::kZeroSizeType : Name::kType;
    } else if (kind == Name::kZeroSizeVariable) {
      const std::string& type = f.var_types[key];
      if (type.empty() || f.size_unknown.count(key) > 0 || !Zero(&f, type)) kind = Name::kUnknown;
    }
    return f.decided[key] = kind;
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
      file->EachIn(e, name, [&](const GoNameDecl& d) {
        any = true;
        all_const = all_const && d.what == GoNameDecl::What::kConst;
        FolderNames* f = Folder(v.package);
        all_zero_var = all_zero_var && d.what == GoNameDecl::What::kVar && !d.type.empty() &&
                       f != nullptr && Zero(f, d.type);
        return true;
      });
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
    for (uint32_t i : file->InFunctions(name)) {
      const GoNameDecl& d = (*file->decls)[i];
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

  /// The `.go` files of log folder `dir` (one of whose files is `log_file`) that the log does
  /// not name, yet a build may compile (a types.go with no escape of its own): not tests, not
  /// named for a GOOS or GOARCH. Listed once, in order; those with a build constraint are left
  /// out when read (GoFileNames::build_constraint).
  const std::vector<std::string>& Unlisted(const std::string& dir, const std::string& log_file) {
    auto [it, added] = unlisted_.try_emplace(dir);
    if (!added) return it->second;
    const std::set<std::string>& listed = files_of_dir_[dir];
    for (const std::string& n : tree_.NamesBeside(log_file)) {
      std::string log_path = dir + n;
      if (!EndsWith(n, ".go") || EndsWith(n, "_test.go") || HasBuildSuffix(n) ||
          listed.count(log_path) > 0) {
        continue;
      }
      it->second.push_back(std::move(log_path));
    }
    std::sort(it->second.begin(), it->second.end());
    return it->second;
  }

  FileNames* File(std::string_view log_path) {
    auto [it, added] = files_.try_emplace(std::string(log_path));
    if (!added) return it->second.get();
    const GoFileNames* names = tree_.Names(log_path);
    if (names == nullptr) return nullptr;
    it->second = std::make_unique<FileNames>();
    it->second->decls = &names->decls;
    it->second->extents = tree_.Functions(log_path);
    return it->second.get();
  }

  /// The names of the folder package `p`'s log files are in, scanned once; null if none can be
  /// read.
  FolderNames* Folder(uint32_t p) {
    if (folder_of_package_[p] != nullptr || package_file_[p].empty()) {
      return folder_of_package_[p];
    }
    const std::string& log_file = package_file_[p];
    const std::string log_dir = FolderOf(p);
    auto [it, added] = folders_.try_emplace(log_dir);
    if (!added) return folder_of_package_[p] = it->second.get();
    auto f = std::make_unique<FolderNames>();
    // The folder's files the log names (the files the build compiled; files of another GOOS
    // or build tag are not), in order.
    auto files = files_of_dir_.find(log_dir);
    std::vector<std::string> names;
    if (files != files_of_dir_.end()) names.assign(files->second.begin(), files->second.end());
    // And its other files that every build compiles (Unlisted(): not a build-constrained one).
    for (const std::string& n : Unlisted(log_dir, log_file)) {
      const GoFileNames* scanned = tree_.Names(n, true);
      if (scanned != nullptr && !scanned->build_constraint) names.push_back(n);
    }
    auto declare = [&](const std::string& name, Name kind) {
      auto [n, fresh] = f->names.try_emplace(name, kind);
      if (!fresh && n->second != kind) f->conflicting.insert(name);
    };
    for (const std::string& n : names) {
      const GoFileNames* file = tree_.Names(n, true);
      if (file == nullptr) continue;
      for (const GoNameDecl& d : file->decls) {
        if (!d.package_level || d.name == "_") continue;
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
            auto [t, fresh] = f->var_types.try_emplace(d.name, d.type);
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
    folder_of_package_[p] = out;
    return out;
  }

  const Model& m_;
  SourceTree& tree_;
  std::vector<std::string> package_file_;  ///< package -> a `.go` file the log names in it
  absl::flat_hash_map<std::string, std::vector<uint32_t>> by_last_element_;
  absl::flat_hash_map<std::string, std::unique_ptr<FileNames>> files_;
  absl::flat_hash_map<std::string, std::unique_ptr<FolderNames>> folders_;  ///< by log folder
  std::vector<FolderNames*> folder_of_package_;                             ///< cache of Folder()
  /// Log folder (`./`, `/usr/lib/go-1.19/src/fmt/`) -> the `.go` files the log names in it.
  absl::flat_hash_map<std::string, std::set<std::string>> files_of_dir_;
  absl::flat_hash_map<std::string, std::vector<std::string>> unlisted_;  ///< Unlisted(), by folder
  bool recording_ = false, asked_ = false;
  absl::flat_hash_set<std::string> full_files_;      ///< log paths (Wanted)
  absl::flat_hash_set<std::string> folders_wanted_;  ///< log folders (Wanted)
};

/// The `x` of an `x.M(...)` call a flow passes a value to (a `(call parameter)` note): if the
/// source declares x a variable there, the call is of an interface method or a func-typed field
/// (Model::declared_variables), whose callee the compiler cannot know.
struct CallReceiver {
  uint32_t package;
  Position pos;  ///< the note's
  StrId head;    ///< x
};

/// The receivers to ask about: only where a chain asks (src/chains.cc, CallTail), the last note
/// of a last step to the heap; each (package, x, position) once.
std::vector<CallReceiver> CallReceivers(Model* m) {
  std::vector<CallReceiver> out;
  StrId call_parameter = 0, heap = 0;
  if (!m->strings.Find("call parameter", &call_parameter) || !m->strings.Find("{heap}", &heap)) {
    return out;
  }
  absl::flat_hash_set<std::tuple<uint32_t, StrId, StrId, uint32_t, uint32_t>> asked;
  for (const Explanation& x : m->explanations) {
    if (x.step_count == 0) continue;
    const FlowStep& st = m->steps[x.first_step + x.step_count - 1];
    if (st.dst != heap || st.note_count == 0) continue;
    const Note& n = m->notes[st.first_note + st.note_count - 1];
    if (n.reason != call_parameter) continue;
    const std::string_view e = m->str(n.expr);
    size_t i = 0;
    while (i < e.size() && (std::isalnum(static_cast<unsigned char>(e[i])) || e[i] == '_')) ++i;
    if (i == 0 || i >= e.size() || e[i] != '.') continue;
    const StrId head = m->strings.Intern(e.substr(0, i));
    if (asked.insert({x.package, n.pos.file, head, n.pos.line, n.pos.col}).second) {
      out.push_back({x.package, n.pos, head});
    }
  }
  return out;
}

}  // namespace allocation_facts

struct AllocationClassifier::State {
  State(Model* m, SourceTree* tree) : facts(*m, tree) {}
  allocation_facts::Facts facts;
  std::vector<allocation_facts::CallReceiver> receivers;
  std::vector<uint32_t> asked;  ///< the verdicts whose rules asked the source
  std::vector<std::string> full, package_level;
};

AllocationClassifier::AllocationClassifier(Model* m, SourceTree* tree) : m_(m), tree_(tree) {
  if (tree == nullptr) return;  // the builder decided what the expressions show
  state_ = std::make_unique<State>(m, tree);
  allocation_facts::Facts& facts = state_->facts;
  state_->receivers = allocation_facts::CallReceivers(m);
  facts.Record(true);
  for (uint32_t i = 0; i < m->verdicts.size(); ++i) {
    Verdict& v = m->verdicts[i];
    if (!IsHeap(v.kind) || v.no_alloc != NoAlloc::kAllocates) continue;
    facts.ClearAsked();
    ClassifyAllocation(v, m->str(v.subject), &facts);
    if (facts.asked()) state_->asked.push_back(i);
  }
  for (const allocation_facts::CallReceiver& r : state_->receivers)
    facts.WantVariable(r.package, r.pos);
  facts.Record(false);
  facts.Wanted(&state_->full, &state_->package_level);
  tree->WantNames(state_->full, state_->package_level);
}

AllocationClassifier::~AllocationClassifier() = default;

void AllocationClassifier::Classify() {
  if (state_ == nullptr) return;
  // What a Preload since the constructor did not scan yet, and the folders' unlisted files.
  std::vector<std::string> package_level = std::move(state_->package_level);
  for (std::string& f : state_->facts.Unlisted()) package_level.push_back(std::move(f));
  tree_->PreloadNames(state_->full, package_level);
  allocation_facts::Facts& facts = state_->facts;
  for (uint32_t i : state_->asked) {
    Verdict& v = m_->verdicts[i];
    v.no_alloc = ClassifyAllocation(v, m_->str(v.subject), &facts);
  }
  for (const allocation_facts::CallReceiver& r : state_->receivers) {
    if (facts.DeclaresVariable(r.package, r.pos, m_->str(r.head))) {
      m_->declared_variables.insert((static_cast<uint64_t>(r.package) << 32) | r.head);
    }
  }
  state_.reset();
}

void ClassifyAllocations(Model* m, SourceTree* tree) { AllocationClassifier(m, tree).Classify(); }

}  // namespace escviz
