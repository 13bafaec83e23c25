#pragma once
/// The one policy for finding the Go source file a log path names, and the only reader of
/// source files: source attribution, the JSON form's function names, the report's source view
/// and SARIF all go through one SourceTree.
///
/// Under a root directory (`--source-root`), a log path is tried
/// 1. as itself when it is absolute and lies under the root (as given or made canonical);
/// 2. as printed under the root (`./main.go`, `sub/x.go`), then by its suffixes of two
///    components or more, longest first, so that `example.com/m/main.go`,
///    `/usr/lib/go-1.19/src/fmt/print.go` and `$GOROOT/src/fmt/print.go` find `m/main.go`,
///    `src/fmt/print.go` or `fmt/print.go` under the root (a lone `main.go` of a longer path is
///    never tried: it may be another module's). `$GOROOT/src/x.go` also finds `x.go` under a
///    root that is a GOROOT's `src`.
/// The first candidate that exists decides. A file is inside the root when its canonical path
/// is under the canonical root, or under the canonical `src` of the root when that `src` is a
/// symbolic link (Debian's `/usr/lib/go-1.19` is a link farm whose `src` leads to
/// `/usr/share/go-1.19/src`). A path with a `..` component, or whose candidate is a symbolic
/// link leading out of the root, is refused. With `absolute_paths`, an absolute path not found
/// under the root is read as given, if it has no `.` part and is itself not a symbolic link
/// (directories on the way may be).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parsers/go_names.h"
#include "parsers/go_source.h"
#include "src/diagnostics.h"
#include "src/source_files.h"

namespace escviz {

/// What looking up a log path found.
enum class SourceStatus : uint8_t {
  kFound,    ///< a regular file, allowed
  kMissing,  ///< no such file (or no root to look under)
  kRefused,  ///< a `..` component, a symbolic link out of the root, an absolute path that may
             ///< not be read as given, not a regular file (a FIFO, a directory), or larger than
             ///< SourceTree::kMaxSourceBytes
};

/// Where a log path leads (SourceTree::Locate).
struct SourceLocation {
  SourceStatus status = SourceStatus::kMissing;
  std::string real_path;  ///< kFound: the file's canonical path
  std::string relative;   ///< kFound under the root: the path under it; empty if read as given
  std::string refusal;    ///< kRefused: the warning's text
};

/// Reads Go source files by the policy above, caching their text and extents. Not thread-safe
/// (Preload() uses threads of its own).
class SourceTree : public SourceFiles {
 public:
  /// Refused paths named one by one (WarnRefused) before only a count is given.
  static constexpr size_t kShownRefusals = 10;
  /// A source file larger than this is not read (refused, with a warning): no Go file of the
  /// standard library comes near (the largest, about 0.5 MiB).
  static constexpr uint64_t kMaxSourceBytes = 64ull << 20;

  /// `root` is made absolute and canonical; empty for no root (then only absolute paths can be
  /// found, with `absolute_paths`).
  explicit SourceTree(std::string root, bool absolute_paths = false);

  /// True if `root` is empty or a directory; otherwise false, with the one error for a bad
  /// `--source-root`.
  static bool CheckRoot(const std::string& root, Diagnostics* diag);

  /// The canonical root directory, or empty.
  const std::string& root() const { return root_; }

  /// Where `log_path` leads, by the policy above (looks at the file system; caches nothing).
  SourceLocation Locate(std::string_view log_path) const;

  /// Locate(log_path).status, with the canonical path of a file found.
  SourceStatus Find(std::string_view log_path, std::string* real_path) const;
  /// Find(...) == kFound.
  bool Resolve(std::string_view log_path, std::string* real_path) const {
    return Find(log_path, real_path) == SourceStatus::kFound;
  }

  /// The file's text, read once and cached; nullptr if unresolvable or unreadable.
  const std::string* Text(std::string_view log_path);

  /// Looks up, reads and scans the files `log_paths` name that are not looked up yet, on all
  /// cores, and caches what Functions() gives for each (the same as without Preload). Their texts
  /// are not kept: Text() reads such a file when asked.
  void Preload(const std::vector<std::string>& log_paths);
  /// The names of the entries in the folder of the file `log_path` leads to (looked up once
  /// and cached, as Load() does), in no order; empty if it is not found or cannot be listed.
  std::vector<std::string> NamesBeside(std::string_view log_path);

  /// From now on, Preload() scans the names of the files `full` names (as Names() does) and the
  /// package-level names of those `package_level` names, with their extents.
  void WantNames(const std::vector<std::string>& full,
                 const std::vector<std::string>& package_level);

  /// WantNames(log_paths, package_level), then Preload(log_paths), and of the files
  /// `package_level` names only their names (their extents are not scanned); files looked up
  /// before get their names scanned too; all on all cores.
  void PreloadNames(const std::vector<std::string>& log_paths,
                    const std::vector<std::string>& package_level);

  /// The file's extents (ScanGoFunctions), scanned once and cached; nullptr if unresolvable or
  /// unreadable, with `*status` (if given) saying why.
  const std::vector<GoFuncExtent>* Functions(std::string_view log_path,
                                             SourceStatus* status = nullptr);

  /// The names the file declares (ScanGoNames; with `package_level_only`, perhaps only the
  /// package-level ones), scanned once and cached (by PreloadNames on all cores); nullptr if
  /// unresolvable or unreadable.
  const GoFileNames* Names(std::string_view log_path, bool package_level_only = false);

  std::optional<std::string> RelativeToRoot(std::string_view log_path) override;
  bool ReadView(std::string_view log_path, std::string* real_path, std::string* text) override;

  /// Warns about the paths refused since the last call, each path once over the tree's life:
  /// the first kShownRefusals by name, then one line counting the rest.
  void WarnRefused(Diagnostics* diag);
  /// How many distinct log paths were refused so far.
  size_t refused() const { return refusals_.size(); }

 private:
  struct File {
    std::string real_path;
    std::string text;
    std::vector<GoFuncExtent> functions;
    GoFileNames names;
    bool names_scanned = false;
    bool text_read = false;
    bool unreadable = false;  ///< reading it failed
    bool scanned = false;
  };
  struct Lookup {
    File* file = nullptr;  ///< null: not found or unreadable
    SourceStatus status = SourceStatus::kMissing;
    std::string relative;  ///< SourceLocation::relative
  };

  /// True if the canonical `path` is inside the root (or its linked `src`).
  bool Inside(const std::string& path) const;
  /// Reads the text of `f` if not read yet; false if it cannot be read.
  bool ReadText(File* f);
  /// The cached lookup for `log_path` (its file is read when first asked for).
  const Lookup& Load(std::string_view log_path);
  /// WantNames(): log path -> true for every name, false for package-level ones.
  std::unordered_map<std::string, bool> want_names_;
  /// Preload(), the extents only if `functions`; the names WantNames() asked for.
  void Scan(const std::vector<std::string>& log_paths, bool functions);
  /// Whether f's names are scanned, at least the package-level ones if `package_level_only`.
  static bool HasNames(const File& f, bool package_level_only);
  /// Caches `loc` for `log_path`; `file` is its file when found (null if unreadable).
  const Lookup& Remember(std::string_view log_path, const SourceLocation& loc, File* file);

  std::string root_;        ///< canonical
  std::string given_root_;  ///< absolute, as given
  std::string src_root_;    ///< canonical `root_/src` when that leads out of root_, else empty
  bool absolute_paths_ = false;
  std::unordered_map<std::string, std::unique_ptr<File>> by_real_path_;
  std::unordered_map<std::string, Lookup> by_log_path_;
  std::vector<std::string> refusals_;  ///< warnings, in the order the paths were looked up
  size_t warned_ = 0;                  ///< refusals_ handled by WarnRefused
};

}  // namespace escviz
