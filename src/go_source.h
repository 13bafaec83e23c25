#pragma once
/// Go source scanning: extents of function declarations and literals, from files under a root.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace escviz {

/// A function declaration or function literal in Go source. Positions are a 1-based line and a
/// 1-based byte column (tabs count 1), as the Go compiler prints them.
struct GoFuncExtent {
  uint32_t func_line = 0, func_col = 0;  ///< the `func` keyword
  uint32_t name_line = 0, name_col = 0;  ///< the declared name (`main`, `String`); 0,0 for literals
  /// The closing `}` of the body; for a declaration without a body, the last byte of the line
  /// its signature ends on; for a body left unclosed, the position just past the end of text.
  uint32_t end_line = 0, end_col = 0;
  /// Compiler-style name of a declaration: `main`, `(*T).M`, `T.M`, `Map`; type parameters are
  /// dropped (`func (l *List[T]) Push` gives `(*List).Push`). Empty for literals.
  std::string name;
  bool literal = false;  ///< a function literal (closure)
  int parent = -1;       ///< index of the innermost enclosing extent, or -1
};

/// Scans Go source text for function declarations and literals, in order of their `func`
/// keyword (so an extent's parent always precedes it). Never fails: malformed or truncated source
/// gives the extents that could be found. `func` types without a body (parameters, variables,
/// fields, interface method results, `[]func(){...}` element types) give no extent.
std::vector<GoFuncExtent> ScanGoFunctions(std::string_view source);

/// Index of the innermost extent containing (line, col), that is with its `func` keyword <= pos
/// <= its end, or -1 if none does.
int InnermostExtent(const std::vector<GoFuncExtent>& extents, uint32_t line, uint32_t col);

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
