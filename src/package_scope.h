#pragma once
/// Scoping to your own code (issue 23): `--package P` (repeatable, an import path prefix),
/// `--module` (the main module's packages) and `--exclude-std`, for every command. Built with
/// `-gcflags=all=-m=2`, a service's own few allocations drown among the standard library's; a
/// scope removes the heap verdicts (and the `does not escape` ones) of the packages outside it
/// from the model, so that every count, ranking, chain list, graph, report, snapshot and diff is
/// of the packages inside. The leak verdicts of every package stay: a chain from inside the scope
/// still continues into a callee outside it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace escviz {

struct Model;

struct PackageScope {
  std::vector<std::string> prefixes;  ///< --package: import path prefixes (at a `/` boundary)
  bool module = false;                ///< --module
  std::string module_path;            ///< the main module's path (go.mod), empty if unknown
  bool exclude_std = false;           ///< --exclude-std
  bool Empty() const { return prefixes.empty() && !module && !exclude_std; }
};

/// True if import path `path` is `prefix` or below it (`net` covers `net/http`, not `netip`);
/// a prefix ending in `/` or `.` matches as a plain prefix.
bool PackageUnder(std::string_view path, std::string_view prefix);

/// True if `path` is a standard-library import path: its first element has no dot (`fmt`,
/// `net/http`, `internal/abi`, `vendor/golang.org/x/net/...`), and it is not `main`,
/// `command-line-arguments` or the main module's path `module_path` (or below it), which may be
/// dotless (`module myapp`).
bool IsStandardPackage(std::string_view path, std::string_view module_path);

/// The scope in words, for every output that shows counts: `packages example.com/svc;
/// standard library excluded`. Empty for an empty scope.
std::string DescribeScope(const PackageScope& scope);

/// What RestrictToScope did.
struct ScopeResult {
  size_t packages_in = 0, packages_out = 0;
  size_t verdicts_removed = 0;  ///< heap and does-not-escape verdicts of packages outside
  std::string module_path;      ///< the module path used for --module (given or inferred)
};

/// Removes from `m` the heap and `does not escape` verdicts of the packages outside `scope`, and
/// the explanations of those verdicts; reindexes (Model::IndexExplanations). For --module
/// without a module path, the main module's packages are those with a verdict at a relative
/// path (the go command prints the main module's files relative to the working folder, and
/// other modules' and the standard library's at absolute paths).
ScopeResult RestrictToScope(Model* m, const PackageScope& scope);

/// The `module` line of `go_mod` (the text of a go.mod file), or empty.
std::string ModulePathOf(std::string_view go_mod);

}  // namespace escviz
