#pragma once
/// Go source scanning: the names a file declares (types, constants, variables, `:=` bindings),
/// for deciding which escapes allocate nothing (src/allocation.h, parsers/allocation_facts.h).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace escviz {

/// One declared name. Positions are 1-based line and byte column, as the compiler prints them.
struct GoNameDecl {
  enum class What : uint8_t { kType, kConst, kVar, kShort };  ///< kShort: `x :=` (or range)
  What what = What::kVar;
  std::string name;
  uint32_t line = 0, col = 0;
  /// kType: the type it is defined as (`struct { emptyCtx }`, `[0]func()`, `int`), tokens joined
  /// by one space; kVar: the declared type, empty when the type comes from `= value`.
  std::string type;
  bool package_level = false;  ///< outside every brace (kShort: never)
};

/// What ScanGoNames finds in a file.
struct GoFileNames {
  std::vector<GoNameDecl> decls;  ///< in source order
  /// A `//go:build` or `// +build` line comes before the package clause: some builds leave the
  /// file out.
  bool build_constraint = false;
  bool package_level_only = false;  ///< scanned for the package-level declarations only
};

/// Every `type`, `const` and `var` declaration (single or grouped, at any depth) and every name
/// bound by `:=`, in source order. Never fails: malformed source gives what could be found.
/// With `package_level_only`, the package-level declarations alone (function bodies are skipped
/// faster): the same as those of a whole scan.
GoFileNames ScanGoNames(std::string_view source, bool package_level_only = false);

/// Whether the type spelled `type` (GoNameDecl::type's form) has size 0: `struct {}`, a struct
/// whose fields all have size 0, `[0]T`, `[N]T` of such a T, or a name for which `named(name)`
/// is true (the caller resolves names of the package; pointers, slices, maps, channels, funcs,
/// interfaces and strings are never 0). Qualified names (`sync.Mutex`) count as not 0.
bool ZeroSizeType(std::string_view type, const std::function<bool(std::string_view)>& named);

}  // namespace escviz
