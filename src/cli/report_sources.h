#pragma once
/// Source files for the report's source view, read only from inside --source-root. A log path
/// is tried as itself when it is absolute and lies under the root, then as printed under the
/// root (`./main.go`, `sub/x.go`), then by its suffixes of two components or more, longest
/// first, so that
/// `/usr/lib/go-1.19/src/fmt/print.go` or `$GOROOT/src/fmt/print.go` is found under a root that
/// holds `src/fmt/print.go` or `fmt/print.go`. A path with a `..` component, or one whose file
/// is a symbolic link leading out of the root, is refused with a warning naming it.

#include <string>
#include <string_view>

#include "src/diagnostics.h"

namespace escviz {

class ReportSources {
 public:
  /// `root` empty: no source view (Resolve always fails, silently).
  explicit ReportSources(const std::string& root);

  /// False (with an error) if a root was given and is not a readable folder.
  bool Check(Diagnostics* diag) const;
  bool enabled() const { return !root_.empty(); }

  /// The real path of the file `log_path` names, inside the root; false if there is none, or
  /// (with a warning, for the first kMaxWarnings) if the path is refused.
  bool Resolve(std::string_view log_path, std::string* real, Diagnostics* diag);
  /// Says how many refusals were not shown, if any.
  void ReportHidden(Diagnostics* diag) const;

  static constexpr size_t kMaxWarnings = 10;

  /// The text of a file Resolve returned (up to 16 MiB); false if unreadable.
  static bool Read(const std::string& real, std::string* text);

 private:
  std::string given_;
  std::string root_;  ///< canonical
  size_t refused_ = 0;
};

}  // namespace escviz
