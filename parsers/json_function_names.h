#pragma once
/// Function names for the JSON form. Its `canInlineFunction` / `cannotInlineFunction` records
/// mark each declaration by position only (the message is `cost: 60` or the reason), so the name
/// the text log prints (`can inline (*T).M`) is taken from the Go source at that position when
/// it is readable, named as the compiler names it: `F`, `(*T).M`, closures `F.func1`, nested
/// `F.func1.1`, package-level closures `glob..func1` (Go 1.21 and older) or `init.func1`
/// (Go 1.22 and newer), and `func init()` as `init.0`, `init.1`, ..., both numbered across the
/// package's files in file-name order.

#include <cstdint>
#include <string>
#include <vector>

#include "parsers/go_source.h"

namespace escviz {

/// What is numbered across the files of a package.
struct PackageCounters {
  uint32_t closures = 0;  ///< package-level closures named so far
  uint32_t inits = 0;     ///< `init` functions named so far
};

/// Names the declarations of one source file.
class FunctionNamer {
 public:
  /// `extents` are the file's functions (ScanGoFunctions); `go_minor` the Go version of the
  /// build (-1 if unknown: taken as new); `package` counts over the files of the package named
  /// so far, and is advanced past this file's.
  FunctionNamer(const std::vector<GoFuncExtent>& extents, int go_minor, PackageCounters* package);

  /// The name of the function declared at (line, col), where the compiler places it (the name,
  /// a method's receiver `(`, a literal's `func`: GoFuncExtent::decl_*). Empty if none is.
  std::string NameAt(uint32_t line, uint32_t col) const;

  /// True if (line, col) lies inside some function (from its `func` keyword to its end).
  bool InsideFunction(uint32_t line, uint32_t col) const;

 private:
  const std::vector<GoFuncExtent>& extents_;
  std::vector<std::string> names_;  ///< per extent
};

/// The placeholder for a function whose name is unknown: `func@main.go:12:6`.
std::string PlaceholderFunctionName(const std::string& file, uint32_t line, uint32_t col);

}  // namespace escviz
