#pragma once
/// Go source files read from under one root directory, and never from outside it; optionally
/// also at the absolute paths a log gives.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parsers/go_source.h"

namespace escviz {

/// What looking up a log path found.
enum class SourceStatus : uint8_t {
  kFound,    ///< a regular file, allowed
  kMissing,  ///< no such file (or no root to look under, or not a regular file)
  kRefused,  ///< the file exists, but reaching it leaves the root (`..`, a symlink) or, for an
             ///< absolute path read as given, the path has `.`/`..` parts or is a symlink
};

/// Reads Go source files confined to a root directory, caching their text and extents. Not
/// thread-safe (Preload() uses threads of its own).
class SourceTree {
 public:
  /// `root` is made absolute and canonical (std::filesystem::weakly_canonical); empty for no
  /// root (then only absolute paths can be found, with `absolute_paths`). With `absolute_paths`,
  /// an absolute path that is not under the root is read as given, if it has no `.` or `..`
  /// part and is itself not a symlink (directories on the way may be: Debian's
  /// `/usr/lib/go-1.19/src` is one).
  explicit SourceTree(std::string root, bool absolute_paths = false);

  /// The canonical root directory, or empty.
  const std::string& root() const { return root_; }

  /// Maps a path as printed in a log (`./main.go`, `sub/x.go`, `/abs/path.go`,
  /// `$GOROOT/src/fmt/print.go`) to the canonical path of an existing regular file under the
  /// root (or read as given, above). `$GOROOT/` stands for the root, or for its parent when the
  /// root is a GOROOT's `src` directory.
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

  /// The file's extents (ScanGoFunctions), scanned once and cached; nullptr if unresolvable or
  /// unreadable, with `*status` (if given) saying why.
  const std::vector<GoFuncExtent>* Functions(std::string_view log_path,
                                             SourceStatus* status = nullptr);

 private:
  struct File {
    std::string real_path;
    std::string text;
    std::vector<GoFuncExtent> functions;
    bool text_read = false;
    bool scanned = false;
  };
  struct Lookup {
    File* file = nullptr;  ///< null: not found or unreadable
    SourceStatus status = SourceStatus::kMissing;
  };

  /// Find() for a path relative to the root.
  SourceStatus FindUnderRoot(std::string_view relative, std::string* real_path) const;
  /// The cached lookup for `log_path` (loading the file on first use).
  const Lookup& Load(std::string_view log_path);

  std::string root_;
  bool absolute_paths_ = false;
  std::unordered_map<std::string, std::unique_ptr<File>> by_real_path_;  ///< null: unreadable
  std::unordered_map<std::string, Lookup> by_log_path_;
};

}  // namespace escviz
