#pragma once
/// Which allocations matter (issue 23): a heap profile's samples joined with the escape verdicts.
///
/// A sample's allocation site is its leaf frame in code that is not the runtime's: Go's heap
/// profiles already drop the allocator's frames (`runtime.mallocgc`, `runtime.newobject`, ...:
/// runtime/pprof/protomem.go hides the leading `runtime.` frames of every stack), and this skips
/// any that are left. Within a location the innermost inlined function comes first, so an
/// allocation in an inlined helper is the helper's line, as `go tool pprof -lines` shows it. The
/// site's figures are pprof's "flat" figures of that line. A line is matched to the log's file of
/// the longest common path suffix (the profile has absolute paths, the log relative ones), and to
/// the heap verdicts at that line; several verdicts on one line share the line's figures.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/heap_profile.h"
#include "src/model.h"
#include "src/package_scope.h"

namespace escviz {

struct ProfileFigures {
  int64_t objects = 0;
  int64_t bytes = 0;
  ProfileFigures& operator+=(const ProfileFigures& o) {
    objects += o.objects;
    bytes += o.bytes;
    return *this;
  }
};

/// One source line where the profile's samples allocate.
struct ProfileLine {
  std::string function;  ///< as the profile names it: `example.com/p.(*T).M`
  std::string file;      ///< as the profile names it (absolute)
  int64_t line = 0;
  ProfileFigures figures;
  StrId log_file = kNone;  ///< the log's file of this path, kNone if the log has none
  /// Heap verdicts at this line, each the first of its site (Model::SiteFirst), in input order;
  /// those that allocate nothing included.
  std::vector<uint32_t> verdicts;
  uint32_t counted = 0;  ///< how many of `verdicts` are counted (Model::Counted)
  bool runtime = false;  ///< the whole stack is the runtime's (goroutine stacks, ...)
  /// its file is the runtime's (in the log or a GOROOT's src/runtime), its function another
  /// package's (linkname: reflect.unsafe_New in runtime/malloc.go)
  bool path_in_log = false;
  /// For a line without a counted verdict: what allocates there (`runtime.growslice: append
  /// growth`), and what would explain it or what to do.
  std::string allocator;
  std::string advice;
  /// The first frame below in a file of the log (`./main.go:12 (main.handler)`), for a line
  /// outside the log's files; empty otherwise.
  std::string caller;
  /// For a line with counted verdicts: an allocation on it that none of them makes, whose bytes
  /// its figures include (`append growth (runtime.growslice), which no heap verdict here
  /// makes`: Go before 1.25 prints none for it); empty if the line shows none.
  std::string also;
};

/// The join of one run's profiles (their samples added up) with a model.
struct ProfileJoin {
  std::vector<std::string> paths;  ///< the profiles, as given
  /// `a.pprof, b.pprof`: the profiles, for messages and headings.
  std::string PathList() const {
    std::string names;
    for (const std::string& path : paths) names += (names.empty() ? "" : ", ") + path;
    return names;
  }
  std::string sample_index;      ///< `alloc_space`, `alloc_objects`, `inuse_space`, ...
  bool by_objects = false;       ///< ranked by objects (an `_objects` sample index)
  ProfileFigures total;          ///< every sample
  ProfileFigures explained;      ///< samples on lines with a counted heap verdict
  ProfileFigures outside_scope;  ///< samples in packages outside the model's scope
  /// Every line in scope, most (bytes or objects) first: one per function and line, as pprof
  /// -lines shows them (two generic instances of one line are two lines).
  std::vector<ProfileLine> lines;
  /// Per verdict that is the first of its site: the figures of every line at its position (the
  /// instances of a generic line added up), whether a sample reached it, and how many counted
  /// sites share that position.
  std::vector<ProfileFigures> site_figures;
  std::vector<bool> sampled;
  std::vector<uint32_t> shared;
  /// Per verdict that is the first of its site: the line (index into `lines`) its figures come
  /// from most, or kNone. When that is not the verdict's own line, the allocation is inlined
  /// here (`append` in the inlined `(*builder).Push` at builder.go:51, printed at the call).
  std::vector<uint32_t> line_of;
  size_t hot_sites = 0;      ///< counted sites at a sampled line
  size_t cold_sites = 0;     ///< counted sites no sample reached ("not exercised")
  size_t files_matched = 0;  ///< profile files matched to a file of the log

  /// The figures of verdict v's line (zero when not sampled; v may be any copy of a site).
  ProfileFigures Of(const Model& m, uint32_t v) const;
  /// True if a sample reached verdict v's line.
  bool Sampled(const Model& m, uint32_t v) const;
  /// The ranking figure of `f`: bytes, or objects with an `_objects` sample index.
  int64_t Rank(const ProfileFigures& f) const { return by_objects ? f.objects : f.bytes; }
  /// The ranking figure of verdict v's site: what lists of allocations are sorted by.
  int64_t RankOf(const Model& m, uint32_t v) const { return Rank(Of(m, v)); }
  /// The profile's line where verdict v's allocation is, when it is inlined code of another
  /// line (InlinedFrom), else nullptr.
  const ProfileLine* InlinedFrom(const Model& m, uint32_t v) const;
  /// The line verdict v's figures come from most (line_of), or nullptr.
  const ProfileLine* LineOf(const Model& m, uint32_t v) const;
  /// How many counted sites share verdict v's line (1 when alone, 0 when not sampled).
  uint32_t SharedBy(const Model& m, uint32_t v) const;
  /// The share of `f` in the total, in percent of the ranking figure.
  double Percent(const ProfileFigures& f) const;
};

/// Reads a source line for the allocator of a line without a verdict: the text of line `line`
/// of `path` (a path as the log prints it, or the profile's absolute one), or empty.
using SourceLineReader = std::function<std::string(std::string_view path, uint32_t line)>;

/// Joins `profiles` (their sample types must agree) with `m`. False with `*error` when the
/// sample index is not in a profile, or when no frame of any profile is in a file of the log
/// (a profile of another program). `scope` is the model's (RestrictToScope), so that samples
/// of the packages it left out are counted apart, not taken for allocations without a verdict.
bool JoinProfiles(const Model& m, const std::vector<HeapProfile>& profiles,
                  const std::string& sample_index, const PackageScope& scope,
                  const SourceLineReader& read_line, ProfileJoin* out, std::string* error);

/// `1.2 MB`, `340 kB`, `12 B` (decimal units, as pprof's -unit=MB is).
std::string FormatBytes(int64_t bytes);

/// The import path of a profile's function name (`example.com/p.(*T).M` -> `example.com/p`,
/// `main.main` -> `main`) and the function as the log prints it (`(*T).M`).
std::string_view ProfilePackage(std::string_view function);
std::string_view ProfileFunction(std::string_view function);
/// ProfilePackage with the profile's escapes undone: Go writes a dot in a path's last element
/// as `%2e` (`gopkg.in/yaml%2ev3.init.1` -> `gopkg.in/yaml.v3`).
std::string ImportPathOf(std::string_view function);

/// For a line of Go source that allocates without an escape verdict: the runtime allocator the
/// line goes through and what would help, by its text (`append(` -> growslice); false if the
/// text says nothing.
bool AllocatorOfLine(std::string_view text, std::string* allocator, std::string* advice);

}  // namespace escviz
