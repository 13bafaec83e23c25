#pragma once
/// Go source scanning: extents of function declarations and literals (parsers/source_tree.h
/// reads the files).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace escviz {

/// A function declaration or function literal in Go source. Positions are a 1-based line and a
/// 1-based byte column (tabs count 1), as the Go compiler prints them.
struct GoFuncExtent {
  uint32_t func_line = 0, func_col = 0;  ///< the `func` keyword
  uint32_t name_line = 0, name_col = 0;  ///< the declared name (`main`, `String`); 0,0 for literals
  /// Where the compiler's `can inline` / `cannot inline` line places the function: the name of a
  /// function, the receiver's `(` of a method, the `func` keyword of a literal.
  uint32_t decl_line = 0, decl_col = 0;
  /// The closing `}` of the body; for a declaration without a body, the last byte of the line
  /// its signature ends on; for a body left unclosed, the position just past the end of text.
  uint32_t end_line = 0, end_col = 0;
  /// Compiler-style name of a declaration: `main`, `(*T).M`, `T.M`, `Map`; type parameters are
  /// dropped (`func (l *List[T]) Push` gives `(*List).Push`). Empty for literals.
  std::string name;
  bool literal = false;       ///< a function literal (closure)
  bool go_statement = false;  ///< a literal right after `go`: the goroutine `go func() {...}()`
  /// The names of its parameters in declaration order, the receiver's first (a method), joined
  /// by ','; `_` for an unnamed or blank one (`func(int, string)` gives `_,_`).
  std::string params;
  bool receiver = false;  ///< `params` starts with a receiver
  bool variadic = false;  ///< the last parameter is `...T`
  int parent = -1;        ///< index of the innermost enclosing extent, or -1
};

/// Scans Go source text for function declarations and literals, in order of their `func`
/// keyword (so an extent's parent always precedes it). Never fails: malformed or truncated source
/// gives the extents that could be found. `func` types without a body (parameters, variables,
/// fields, interface method results, `[]func(){...}` element types) give no extent.
std::vector<GoFuncExtent> ScanGoFunctions(std::string_view source);

/// Index of the innermost extent containing (line, col), that is with its `func` keyword <= pos
/// <= its end, or -1 if none does.
int InnermostExtent(const std::vector<GoFuncExtent>& extents, uint32_t line, uint32_t col);

}  // namespace escviz
