#pragma once
/// Go source files read from under one root directory, and never from outside it.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parsers/go_source.h"

namespace escviz {

/// Reads Go source files confined to a root directory, caching their text and extents. Not
/// thread-safe.
class SourceTree {
 public:
  /// `root` is made absolute and canonical (std::filesystem::weakly_canonical).
  explicit SourceTree(std::string root);

  /// The canonical root directory.
  const std::string& root() const { return root_; }

  /// Maps a path as printed in a log (`./main.go`, `sub/x.go`, `/abs/path.go`) to the canonical
  /// path of an existing regular file under the root. False if the file is missing or the path
  /// leaves the root (`..`, a symlink pointing out of it, an absolute path elsewhere). No
  /// `$GOROOT` expansion: such paths resolve only if they literally exist under the root.
  bool Resolve(std::string_view log_path, std::string* real_path) const;

  /// The file's text, read once and cached; nullptr if unresolvable or unreadable.
  const std::string* Text(std::string_view log_path);

  /// The file's extents (ScanGoFunctions), scanned once and cached; nullptr if unresolvable or
  /// unreadable.
  const std::vector<GoFuncExtent>* Functions(std::string_view log_path);

 private:
  struct File {
    std::string text;
    std::vector<GoFuncExtent> functions;
    bool scanned = false;
  };

  /// The cached file for `log_path` (loading it on first use), or nullptr.
  File* Load(std::string_view log_path);

  std::string root_;
  std::unordered_map<std::string, std::unique_ptr<File>> by_real_path_;  ///< null: unreadable
  std::unordered_map<std::string, File*> by_log_path_;                   ///< null: unresolvable
};

}  // namespace escviz
