#pragma once
/// The Go source files a log names, as the renderers see them: only files under the source root
/// (`--source-root`), found by the one resolution policy of parsers/source_tree.h, which
/// implements this. render/ reads no file itself; it asks here (the report's source view, the
/// SARIF locations).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace escviz {

class SourceFiles {
 public:
  /// The most of a file the source view shows (16 MiB).
  static constexpr size_t kMaxViewBytes = size_t{16} << 20;

  virtual ~SourceFiles() = default;

  /// The path of the file `log_path` names, relative to the source root (`main.go`,
  /// `src/fmt/print.go`), when it is found under the root; none if there is no root, the file
  /// is missing or refused, or it is read as given outside the root.
  virtual std::optional<std::string> RelativeToRoot(std::string_view log_path) = 0;

  /// For the source view: the real path of the file `log_path` names and its first
  /// kMaxViewBytes bytes, when RelativeToRoot(log_path) has a value; false otherwise or if it
  /// cannot be read. The text is read afresh into `*text`, not kept.
  virtual bool ReadView(std::string_view log_path, std::string* real_path, std::string* text) = 0;
};

}  // namespace escviz
