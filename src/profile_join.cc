#include "src/profile_join.h"

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <tuple>

#include "src/str_util.h"

namespace escviz {

std::string_view ProfilePackage(std::string_view function) {
  const size_t slash = function.rfind('/', function.find_first_of("[("));
  const size_t from = slash == std::string_view::npos ? 0 : slash + 1;
  const size_t dot = function.find('.', from);
  return dot == std::string_view::npos ? std::string_view() : function.substr(0, dot);
}

std::string ImportPathOf(std::string_view function) {
  std::string path(ProfilePackage(function));
  for (size_t at = path.find("%2e"); at != std::string::npos; at = path.find("%2e", at)) {
    path.replace(at, 3, ".");
  }
  return path;
}

std::string_view ProfileFunction(std::string_view function) {
  const std::string_view package = ProfilePackage(function);
  return package.empty() ? function : function.substr(package.size() + 1);
}

std::string FormatBytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", b / 1024);
  if (bytes < int64_t{1024} * 1024 * 1024) return fmt::format("{:.1f} MiB", b / (1024 * 1024));
  return fmt::format("{:.2f} GiB", b / (1024.0 * 1024 * 1024));
}

bool AllocatorOfLine(std::string_view text, std::string* allocator, std::string* advice) {
  const size_t comment = text.find("//");
  if (comment != std::string_view::npos) text = text.substr(0, comment);
  auto has = [text](std::string_view s) { return text.find(s) != std::string_view::npos; };
  if (has("append([]") && (has("(nil)") || has("{},"))) {
    *allocator = "runtime.growslice: a copy of a slice (append to an empty one)";
    *advice = "one allocation per copy: avoid the copy, or append into a buffer that is reused";
  } else if (has("append(")) {
    *allocator = "runtime.growslice: append growth";
    *advice =
        "escape analysis does not report a grown backing array; give the slice its capacity "
        "up front (make([]T, 0, n))";
  } else if (has("go func") || StartsWith(TrimSpaces(text), "go ")) {
    *allocator = "runtime.newproc: a goroutine's stack and closure";
    *advice = "start fewer goroutines (a worker pool)";
  } else if (has("make(map") || (has("map[") && has("{"))) {
    *allocator = "runtime.makemap: a map (its header; buckets come at the first insert)";
    *advice = "reuse the map (clear(m)), or a slice or struct for a few keys";
  } else if (text.find("] = ") != std::string_view::npos ||
             text.find("]++") != std::string_view::npos) {
    *allocator = "runtime.mapassign: map buckets, allocated as keys are inserted";
    *advice =
        "a size hint (make(map[K]V, n)) allocates them once instead of growing; a map's first "
        "bucket comes at its first insert whatever the hint: reuse the map (clear(m)) on hot "
        "paths";
  } else if (has("+=") || (has("+") && has("\""))) {
    *allocator = "runtime.concatstrings: string concatenation";
    *advice = "build the string once with a strings.Builder (Grow first)";
  } else if (has("string(")) {
    *allocator = "runtime.slicebytetostring: a []byte converted to a string";
    *advice = "keep the []byte, or convert where the string is needed only";
  } else if (has("[]byte(") || has("[]rune(")) {
    *allocator = "runtime.stringtoslicebyte: a string converted to a slice";
    *advice = "keep one form of the text, or write it with append into a reused buffer";
  } else if (has("make(")) {
    *allocator = "runtime.makeslice: a slice";
    *advice = "reuse the slice (a sync.Pool, or a buffer kept by the caller)";
  } else {
    return false;
  }
  return true;
}

ProfileFigures ProfileJoin::Of(const Model& m, uint32_t v) const {
  if (v >= site_figures.size()) return {};
  return site_figures[m.site_first.empty() ? v : m.site_first[v]];
}

bool ProfileJoin::Sampled(const Model& m, uint32_t v) const {
  return v < sampled.size() && sampled[m.site_first.empty() ? v : m.site_first[v]];
}

const ProfileLine* ProfileJoin::LineOf(const Model& m, uint32_t v) const {
  if (v >= line_of.size()) return nullptr;
  const uint32_t l = line_of[m.site_first.empty() ? v : m.site_first[v]];
  return l == kNone ? nullptr : &lines[l];
}

const ProfileLine* ProfileJoin::InlinedFrom(const Model& m, uint32_t v) const {
  const ProfileLine* line = LineOf(m, v);
  if (line == nullptr) return nullptr;
  const Position& at = m.verdicts[m.site_first.empty() ? v : m.site_first[v]].pos;
  const bool own = line->log_file == at.file && line->line == static_cast<int64_t>(at.line);
  return own ? nullptr : line;
}

uint32_t ProfileJoin::SharedBy(const Model& m, uint32_t v) const {
  if (!Sampled(m, v)) return 0;
  return std::max<uint32_t>(shared[m.site_first.empty() ? v : m.site_first[v]], 1);
}

double ProfileJoin::Percent(const ProfileFigures& f) const {
  const int64_t all = Rank(total);
  return all == 0 ? 0.0 : 100.0 * static_cast<double>(Rank(f)) / static_cast<double>(all);
}

namespace profile_join {  // named, not anonymous: a unity build joins this file with others

bool IsRuntime(std::string_view function) { return StartsWith(function, "runtime."); }

/// Whether `path` (a profile's absolute one) is a file of a GOROOT's src/runtime folder itself.
bool InRuntimeFolder(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash != std::string_view::npos && EndsWith(path.substr(0, slash), "/src/runtime");
}

/// The log's files by path, to find the file of a profile's absolute path: each file by its
/// path without `./`, and an absolute one also by what follows its last `/src/` (a GOROOT or
/// GOPATH file of another machine).
class LogFiles {
 public:
  explicit LogFiles(const Model& m) {
    absl::flat_hash_set<StrId> seen;
    for (const Verdict& v : m.verdicts) {
      if (v.pos.file == 0 || !seen.insert(v.pos.file).second) continue;
      std::string_view path = m.str(v.pos.file);
      while (StartsWith(path, "./")) path.remove_prefix(2);
      by_path_.try_emplace(path, v.pos.file);
      const size_t src = path.rfind("/src/");
      if (StartsWith(path, "/") && src != std::string_view::npos) {
        by_path_.try_emplace(path.substr(src + 5), v.pos.file);
      }
    }
  }
  /// The log's file whose path is the longest suffix of `path` at a `/`, or kNone; with
  /// `*with_folder` true when that suffix has a folder in it (`zap/buffer/pool.go`), not only
  /// a file name (`alloc.go`).
  StrId Find(std::string_view path, bool* with_folder) const {
    for (size_t at = 0;;) {
      auto it = by_path_.find(path.substr(at));
      if (it != by_path_.end()) {
        *with_folder = path.substr(at).find('/') != std::string_view::npos;
        return it->second;
      }
      const size_t slash = path.find('/', at);
      if (slash == std::string_view::npos) return kNone;
      at = slash + 1;
    }
  }

 private:
  absl::flat_hash_map<std::string_view, StrId, StringViewHash> by_path_;
};

using VerdictsAt = absl::flat_hash_map<std::pair<StrId, uint32_t>, std::vector<uint32_t>>;

/// What the join needs of the log, from one pass over its verdicts.
struct LogIndex {
  LogIndex(const Model& m, const PackageScope& scope) {
    for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
      const Verdict& vd = m.verdicts[v];
      package_of_file.try_emplace(vd.pos.file, vd.package);
      has_own_package = has_own_package ||
                        (vd.package != 0 &&
                         !IsStandardPackage(m.str(m.packages[vd.package].name), scope.module_path));
      if (!m.SiteFirst(v)) continue;
      if (IsHeap(vd.kind)) {
        at_line[{vd.pos.file, vd.pos.line}].push_back(v);
      } else if (vd.kind == VerdictKind::kDoesNotEscape && StartsWith(m.str(vd.subject), "make(")) {
        stack_makes[{vd.pos.file, vd.pos.line}].push_back(v);
      }
    }
  }
  absl::flat_hash_map<StrId, uint32_t> package_of_file;  ///< from the file's first verdict
  bool has_own_package = false;  ///< a package outside the standard library has a verdict
  VerdictsAt at_line;            ///< heap verdicts by file and line, each site once
  /// `make(...) does not escape` verdicts by file and line: from Go 1.25 a non-constant make
  /// that does not escape is on the stack only up to 32 bytes, and on the heap above.
  VerdictsAt stack_makes;
};

/// The sample types of one profile for a sample index: (objects, bytes) indices.
bool FigureIndices(const HeapProfile& p, const std::string& sample_index, int* objects, int* bytes,
                   std::string* error) {
  const size_t underscore = sample_index.find('_');
  const std::string family = sample_index.substr(0, underscore);
  *objects = p.SampleTypeIndex(family + "_objects");
  *bytes = p.SampleTypeIndex(family + "_space");
  if (p.SampleTypeIndex(sample_index) >= 0 && *objects >= 0 && *bytes >= 0) return true;
  std::string types;
  for (const HeapProfile::ValueType& t : p.sample_types) {
    types += (types.empty() ? "" : ", ") + t.type;
  }
  *error = fmt::format("{}: no sample type {} (it has {}); choose one with --sample-index", p.path,
                       sample_index, types.empty() ? "none" : types);
  return false;
}

/// What of a verdict's expression the source line shows: up to the compiler's first elision
/// (`&ResponseRecorder{...}` -> `&ResponseRecorder{`, `make(http.Header)` as it is); empty
/// for expressions the source does not spell (`... argument`).
std::string_view SubjectCore(std::string_view subject) {
  if (StartsWith(subject, "...") || subject.empty()) return {};
  for (std::string_view elision : {"{...}", "(...)", "..."}) {
    const size_t at = subject.find(elision);
    if (at != std::string_view::npos) subject = subject.substr(0, at + (elision[0] == '.' ? 0 : 1));
  }
  return subject;
}

/// `core` without package qualifiers (`&httptest.ResponseRecorder{` -> `&ResponseRecorder{`):
/// the inlined callee's own line names its package's types unqualified.
std::string Unqualified(std::string_view core) {
  std::string out;
  for (size_t i = 0; i < core.size();) {
    size_t j = i;
    while (j < core.size() && IsGoIdentChar(core[j])) ++j;
    const bool word_start = i == 0 || !IsGoIdentChar(core[i - 1]);
    if (word_start && j > i && j + 1 < core.size() && core[j] == '.' &&
        std::islower(static_cast<unsigned char>(core[i])) &&
        std::isupper(static_cast<unsigned char>(core[j + 1]))) {
      i = j + 1;  // drop `pkg.`
      continue;
    }
    if (j > i) {
      out.append(core.substr(i, j - i));
      i = j;
    } else {
      out += core[i++];
    }
  }
  return out;
}

/// The heap verdicts that explain a sample whose leaf is line `leaf` of `leaf_file` (in its
/// location, whose outermost line is `outer` of `outer_file`, kNone if the same line), sorted.
/// An allocation inlined into a caller has its verdict at the call (the outer line), where
/// the caller's other allocations are too: of those, the ones whose expression the leaf's own
/// source line spells (`return &ResponseRecorder{` ...). If it spells none of them, the
/// allocation is not theirs (a map insert inlined from net/http): the leaf line's own
/// verdicts, if any. Without the source, all of the call's.
std::vector<uint32_t> ExplainingVerdicts(const Model& m, const VerdictsAt& at_line, StrId leaf_file,
                                         const HeapProfile::Line& leaf,
                                         std::string_view leaf_function, StrId outer_file,
                                         const HeapProfile::Line& outer,
                                         const std::function<std::string()>& leaf_text) {
  auto verdicts_at = [&](StrId file, int64_t line) -> const std::vector<uint32_t>* {
    if (file == kNone) return nullptr;
    auto it = at_line.find(std::make_pair(file, static_cast<uint32_t>(line)));
    return it == at_line.end() ? nullptr : &it->second;
  };
  const std::vector<uint32_t>* own_all = verdicts_at(leaf_file, leaf.line);
  // Of the line's own verdicts, those of the profile's function when some are (the instances
  // of a generic line: Collect[go.shape.int64] and Collect[go.shape.string]).
  std::vector<uint32_t> own_of_function;
  if (own_all != nullptr) {
    for (uint32_t v : *own_all) {
      if (m.FunctionName(m.verdicts[v].function) == leaf_function) own_of_function.push_back(v);
    }
  }
  const std::vector<uint32_t>* own = own_of_function.empty() ? own_all : &own_of_function;
  const std::vector<uint32_t>* call = verdicts_at(outer_file, outer.line);
  if (call == nullptr) return own == nullptr ? std::vector<uint32_t>() : *own;
  const std::string text = leaf_text();
  if (text.empty()) return *call;
  std::vector<uint32_t> spelled;
  for (uint32_t v : *call) {
    const std::string_view core = SubjectCore(m.str(m.verdicts[v].subject));
    if (core.empty()) continue;
    if (text.find(core) != std::string::npos || text.find(Unqualified(core)) != std::string::npos) {
      spelled.push_back(v);
    }
  }
  if (!spelled.empty()) return spelled;
  return own == nullptr ? std::vector<uint32_t>() : *own;
}

/// How a sampled line without a counted heap verdict allocates, and what to do (`allocator`,
/// `advice`): a make that does not escape, the runtime's own, a line outside the log's files
/// (said from its source at the profile's path when readable), or a line of the log's files.
/// The source text of a line of the log's files: at the log's path, else at the profile's
/// (the log's path may be relative to a folder not given; the profile's is absolute); empty if
/// neither is readable.
std::string LogLineText(const Model& m, const SourceLineReader& read_line,
                        const ProfileLine& line) {
  if (!read_line || line.line <= 0) return {};
  std::string text = read_line(m.str(line.log_file), static_cast<uint32_t>(line.line));
  if (text.empty()) text = read_line(line.file, static_cast<uint32_t>(line.line));
  return text;
}

/// For a line with counted verdicts: its append, when no verdict of the line is the append's
/// (Go before 1.25 prints none for append growth), whose bytes the profile gives the line all
/// the same: a heap profile's stacks start at the line, not at the runtime's allocator, so
/// nothing tells the growth from the verdicts' allocations. The line's text is read as for a
/// line without a verdict (AllocatorOfLine: an `append(` is growslice's).
std::string AlsoOnLine(const Model& m, const SourceLineReader& read_line, const ProfileLine& line) {
  for (uint32_t v : line.verdicts) {
    if (StartsWith(m.str(m.verdicts[v].subject), "append")) return {};
  }
  std::string allocator, advice;
  if (!AllocatorOfLine(LogLineText(m, read_line, line), &allocator, &advice) ||
      !StartsWith(allocator, "runtime.growslice")) {
    return {};
  }
  return "append growth (runtime.growslice), which no heap verdict here makes";
}

void Describe(const Model& m, const std::string& package, bool stack_make,
              const SourceLineReader& read_line, ProfileLine* line) {
  if (stack_make) {
    line->allocator =
        "runtime.makeslice: a make that does not escape but is allocated on the heap: its "
        "size is not constant (from Go 1.25 such a make is on the stack only up to 32 "
        "bytes) or too large for the stack";
    line->advice = "a constant size, a smaller buffer, or one reused by the caller";
  } else if (line->runtime) {
    line->allocator = line->function + ": the runtime's own allocation";
    line->advice = "no Go code of yours is on its stack";
  } else if (line->log_file == kNone) {
    // Its source may still be readable at the profile's path: say how it allocates too.
    std::string how, advice;
    const std::string text =
        read_line ? read_line(line->file, static_cast<uint32_t>(line->line)) : std::string();
    if (line->path_in_log) {
      // `reflect.unsafe_New` in runtime/malloc.go: the runtime's code under another
      // package's name, which no build flag explains.
      line->allocator = fmt::format(
          "in {}, the runtime's code under package {}'s name: the allocation is its "
          "caller's",
          line->function, package);
      line->advice = "look at where it is reached from; no build flag explains it";
    } else if (AllocatorOfLine(text, &how, &advice)) {
      // Growth and conversions: a rebuild with -m=2 prints no verdict for them either.
      line->allocator =
          fmt::format("{}, in {} (package {}, not in the log)", how, line->function, package);
      line->advice = advice;
    } else {
      line->allocator =
          fmt::format("in {} (package {}), whose file is not in the log", line->function, package);
      line->advice =
          fmt::format("build with -gcflags=all=-m=2 (or -gcflags={}=-m=2) to explain it", package);
    }
  } else {
    const std::string text = LogLineText(m, read_line, *line);
    if (!AllocatorOfLine(text, &line->allocator, &line->advice)) {
      line->allocator = "no escape verdict at this line";
      line->advice = text.empty() ? "read the line (its source was not found)"
                                  : "an allocation the escape analysis does not print";
    }
  }
}

}  // namespace profile_join

bool JoinProfiles(const Model& m, const std::vector<HeapProfile>& profiles,
                  const std::string& sample_index, const PackageScope& scope,
                  const SourceLineReader& read_line, ProfileJoin* out, std::string* error) {
  using namespace profile_join;
  *out = ProfileJoin();
  out->sample_index = sample_index;
  out->by_objects =
      sample_index.size() > 8 && sample_index.compare(sample_index.size() - 8, 8, "_objects") == 0;
  const LogFiles files(m);
  const LogIndex index(m, scope);
  const auto& package_of_file = index.package_of_file;
  const auto& at_line = index.at_line;
  const auto& stack_makes = index.stack_makes;

  struct Fn {
    std::string name, file;
    StrId log_file;
    bool path_in_log = false;  ///< the runtime's file, another package's function (linkname)
  };
  std::vector<Fn> fns;           // the profiles' functions, one per (name, file)
  size_t own_files_matched = 0;  // ... of files of the log's packages outside the std library
  absl::flat_hash_map<std::pair<std::string, std::string>, uint32_t> fn_ids;
  absl::flat_hash_map<uint64_t, uint32_t> line_ids;  // (function << 32 | line) -> line
  std::vector<ProfileLine>& lines = out->lines;
  // The sets of verdicts samples are explained by (each sorted), their figures, and for each
  // line the sets of its samples.
  absl::flat_hash_map<std::vector<uint32_t>, uint32_t> set_ids;
  std::vector<std::vector<uint32_t>> sets;
  std::vector<ProfileFigures> set_figures;
  std::vector<std::vector<uint32_t>> sets_of_line;
  for (const HeapProfile& p : profiles) {
    out->paths.push_back(p.path);
    int objects = -1, bytes = -1;
    if (!FigureIndices(p, sample_index, &objects, &bytes, error)) return false;
    std::vector<uint32_t> fn_of(p.functions.size());
    for (size_t f = 0; f < p.functions.size(); ++f) {
      const HeapProfile::Function& pf = p.functions[f];
      auto [it, added] = fn_ids.try_emplace(std::make_pair(pf.name, pf.filename),
                                            static_cast<uint32_t>(fns.size()));
      if (added) {
        bool with_folder = false;
        StrId log_file = files.Find(pf.filename, &with_folder);
        // The same file name in another package (`alloc.go` of another program) is not it:
        // the function's package must be the file's (or `main`, which the log names by its
        // import path).
        auto pkg = log_file == kNone ? package_of_file.end() : package_of_file.find(log_file);
        if (pkg != package_of_file.end() && pkg->second != 0) {
          const std::string_view log_package = m.str(m.packages[pkg->second].name);
          const std::string package = ImportPathOf(pf.name);
          // A path matched with its folders is the file, whatever the function's name says:
          // Go 1.19 names a closure inlined into another package after that package
          // (zap/buffer/pool.go's closure as internal/bufferpool.init.func1). But the runtime's
          // files hold other packages' functions (reflect.unsafe_New in runtime/malloc.go).
          if (package != log_package && package != "main" &&
              package != std::string(log_package) + "_test" &&  // an external test package
              (!with_folder || log_package == "runtime")) {
            log_file = kNone;
          }
        }
        // The runtime's own code under another package's name (reflect.unsafe_New in
        // GOROOT/src/runtime/malloc.go, linknamed), whether or not the log has the runtime's
        // files: no build flag gives it a verdict.
        const bool path_in_log =
            log_file == kNone && InRuntimeFolder(pf.filename) && ImportPathOf(pf.name) != "runtime";
        fns.push_back({pf.name, pf.filename, log_file, path_in_log});
        if (log_file != kNone) {
          ++out->files_matched;
          if (pkg != package_of_file.end() &&
              !IsStandardPackage(m.str(m.packages[pkg->second].name), scope.module_path)) {
            ++own_files_matched;
          }
        }
      }
      fn_of[f] = it->second;
    }
    // Per location: the line and the verdict position of the samples whose leaf location it
    // is, once the first such sample found them (kNone: not yet, or not cacheable). Millions
    // of samples share a few thousand leaf locations.
    std::vector<uint32_t> loc_line(p.locations.size(), kNone), loc_at(p.locations.size(), kNone);
    // What the samples that found their leaf's line cached add, per leaf location: summed here,
    // a small array, and added to the lines and sets after the samples.
    std::vector<ProfileFigures> loc_sum(p.locations.size());
    // Per location: its physical function (outermost line) is the runtime's, so Go hides it.
    std::vector<bool> hidden(p.locations.size());
    for (size_t l = 0; l < p.locations.size(); ++l) {
      const HeapProfile::Location& loc = p.locations[l];
      hidden[l] =
          loc.line_count > 0 &&
          IsRuntime(p.functions[p.lines[loc.first_line + loc.line_count - 1].function].name);
    }
    for (size_t s = 0; s < p.samples.size(); ++s) {
      const HeapProfile::Sample& sample = p.samples[s];
      // Go 1.27's profile writer records its own allocations with all values 0; pprof shows
      // no such sample, nor does this.
      bool any = false;
      for (size_t t = 0; t < p.sample_types.size() && !any; ++t) any = p.Value(s, t) != 0;
      if (!any) continue;
      const ProfileFigures figures{p.Value(s, objects), p.Value(s, bytes)};
      out->total += figures;
      // The leaf location: the first one Go does not hide.
      uint32_t loc0 = kNone;
      for (uint32_t i = 0; i < sample.location_count; ++i) {
        const uint32_t l = p.sample_locations[sample.first_location + i];
        if (!hidden[l] && p.locations[l].line_count > 0) {
          loc0 = l;
          break;
        }
      }
      if (loc0 != kNone && loc_line[loc0] != kNone) {
        loc_sum[loc0] += figures;
        continue;
      }
      bool leaf_in_first = false;  // the leaf line is in location loc0 (cacheable)
      // The leaf line outside the runtime, and the first frame below it in a file of the log.
      const HeapProfile::Line* leaf = nullptr;
      const HeapProfile::Line* outer = nullptr;  // the leaf location's outermost line
      const HeapProfile::Line* first = nullptr;
      const HeapProfile::Line* caller = nullptr;
      bool done = false;
      for (uint32_t i = 0; i < sample.location_count && !done; ++i) {
        const HeapProfile::Location& loc =
            p.locations[p.sample_locations[sample.first_location + i]];
        for (uint32_t j = 0; j < loc.line_count && !done; ++j) {
          const HeapProfile::Line& ln = p.lines[loc.first_line + j];
          const bool in_log = fns[fn_of[ln.function]].log_file != kNone;
          if (first == nullptr) first = &ln;
          if (leaf == nullptr) {
            // Go hides a stack's leading locations whose function (the physical one, the
            // location's outermost line) is the runtime's; its inlined lines stay with it.
            const uint32_t physical = p.lines[loc.first_line + loc.line_count - 1].function;
            if (IsRuntime(p.functions[physical].name)) break;
            leaf = &ln;
            leaf_in_first = p.sample_locations[sample.first_location + i] == loc0;
            outer = &p.lines[loc.first_line + loc.line_count - 1];
            done = in_log;  // a caller is looked for only below a leaf outside the log
          } else if (in_log) {
            caller = &ln;
            done = true;
          }
        }
      }
      const bool runtime = leaf == nullptr;
      if (runtime) leaf = first;
      if (outer == nullptr) outer = leaf;
      if (leaf == nullptr) continue;  // a sample without a stack: in the total only
      const uint32_t fn_id = fn_of[leaf->function];
      const uint64_t key = uint64_t{fn_id} << 32 | static_cast<uint32_t>(leaf->line);
      auto [it, added] = line_ids.try_emplace(key, static_cast<uint32_t>(lines.size()));
      if (added) {
        ProfileLine line;
        const Fn& fn = fns[fn_id];
        line.function = fn.name;
        line.file = fn.file;
        line.line = leaf->line;
        line.log_file = fn.log_file;
        line.runtime = runtime;
        line.path_in_log = fn.path_in_log;
        if (fn.log_file == kNone && caller != nullptr) {
          const Fn& c = fns[fn_of[caller->function]];
          line.caller =
              fmt::format("{}:{} ({})", m.str(c.log_file), caller->line, ProfileFunction(c.name));
        }
        lines.push_back(std::move(line));
      }
      ProfileLine& line = lines[it->second];
      line.figures += figures;
      // An allocation inlined into a caller: the compiler prints its verdict at the call in
      // the function it was compiled into, the location's outermost line (`./x.go:150:23:
      // &Point{...} escapes to heap`), while the profile, as pprof -lines, names the innermost
      // (the `&Point{...}` of the inlined newPoint). Its chain is the outer verdict's, when the
      // log has one; else the innermost line's.
      std::vector<uint32_t> targets = ExplainingVerdicts(
          m, at_line, line.log_file, *leaf, ProfileFunction(fns[fn_id].name),
          outer == leaf ? kNone : fns[fn_of[outer->function]].log_file, *outer,
          [&]() { return read_line ? read_line(fns[fn_id].file, leaf->line) : std::string(); });
      if (targets.empty() && line.log_file != kNone) {  // a make that does not escape?
        auto dne = stack_makes.find({line.log_file, static_cast<uint32_t>(leaf->line)});
        if (dne != stack_makes.end()) targets = dne->second;
      }
      uint32_t at_id = kNone;
      if (!targets.empty()) {
        auto [a, new_set] = set_ids.try_emplace(targets, static_cast<uint32_t>(sets.size()));
        if (new_set) {
          sets.push_back(targets);
          set_figures.emplace_back();
        }
        at_id = a->second;
        set_figures[at_id] += figures;
        if (sets_of_line.size() <= it->second) sets_of_line.resize(it->second + 1);
        auto& mine = sets_of_line[it->second];
        if (std::find(mine.begin(), mine.end(), at_id) == mine.end()) mine.push_back(at_id);
      }
      if (leaf_in_first) {
        loc_line[loc0] = it->second;
        loc_at[loc0] = at_id;
      }
    }
    for (size_t l = 0; l < loc_sum.size(); ++l) {
      if (loc_line[l] == kNone) continue;
      lines[loc_line[l]].figures += loc_sum[l];
      if (loc_at[l] != kNone) set_figures[loc_at[l]] += loc_sum[l];
    }
  }
  // Every Go program runs the standard library: a profile of another program matches a log
  // built with -gcflags=all=-m=2 there. It must match a file of the log's own packages.
  if ((out->files_matched == 0 || (index.has_own_package && own_files_matched == 0)) &&
      !lines.empty()) {
    *error = fmt::format(
        "{}: no source file of the profile is a file of the log's packages{} (a profile of "
        "another program, or a log of other packages?)",
        out->PathList(), out->files_matched == 0 ? "" : " outside the standard library");
    return false;
  }
  std::vector<ProfileLine> kept;
  sets_of_line.resize(lines.size());
  for (size_t l = 0; l < lines.size(); ++l) {
    ProfileLine& line = lines[l];
    for (uint32_t set : sets_of_line[l]) {
      for (uint32_t v : sets[set]) {
        if (std::find(line.verdicts.begin(), line.verdicts.end(), v) == line.verdicts.end()) {
          line.verdicts.push_back(v);
        }
      }
    }
    std::sort(line.verdicts.begin(), line.verdicts.end());
    for (uint32_t v : line.verdicts) line.counted += m.Counted(v) ? 1 : 0;
    bool stack_make = false;  // only `make(...) does not escape` verdicts explain it
    for (uint32_t v : line.verdicts) {
      stack_make = stack_make || m.verdicts[v].kind == VerdictKind::kDoesNotEscape;
    }
    if (line.counted == 0) {
      std::string package = ImportPathOf(line.function);
      bool relative = false;
      if (line.log_file != kNone) {
        auto p = package_of_file.find(line.log_file);
        if (p != package_of_file.end() && p->second != 0)
          package = m.str(m.packages[p->second].name);
        relative = IsRelativeLogPath(m.str(line.log_file));
      }
      if (!scope.Empty() && !InScope(scope, package, relative)) {
        out->outside_scope += line.figures;
        continue;
      }
      Describe(m, package, stack_make, read_line, &line);
    } else {
      out->explained += line.figures;
      line.also = AlsoOnLine(m, read_line, line);
    }
    kept.push_back(std::move(line));
  }
  lines = std::move(kept);
  std::stable_sort(lines.begin(), lines.end(), [out](const ProfileLine& a, const ProfileLine& b) {
    const int64_t ra = out->Rank(a.figures), rb = out->Rank(b.figures);
    if (ra != rb) return ra > rb;
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  out->site_figures.assign(m.verdicts.size(), ProfileFigures{});
  out->sampled.assign(m.verdicts.size(), false);
  out->shared.assign(m.verdicts.size(), 0);
  // Each verdict gets the figures of the sets it is in; heap verdicts that allocate nothing
  // get none (the line's bytes are another expression's).
  for (size_t i = 0; i < sets.size(); ++i) {
    uint32_t counted = 0;
    for (uint32_t v : sets[i]) counted += m.Counted(v) ? 1 : 0;
    for (uint32_t v : sets[i]) {
      if (IsHeap(m.verdicts[v].kind) && !m.Counted(v)) continue;
      out->site_figures[v] += set_figures[i];
      out->sampled[v] = true;
      out->shared[v] = std::max(out->shared[v], counted);
    }
  }
  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    if (!m.Counted(v)) continue;
    ++(out->sampled[v] ? out->hot_sites : out->cold_sites);
  }
  // The heaviest line naming each verdict (lines are ranked).
  out->line_of.assign(m.verdicts.size(), kNone);
  for (uint32_t l = 0; l < lines.size(); ++l) {
    for (uint32_t v : lines[l].verdicts) {
      if (out->line_of[v] == kNone) out->line_of[v] = l;
    }
  }
  return true;
}

}  // namespace escviz
