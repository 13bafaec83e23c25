#pragma once
/// The facts of the Go source that allocation patterns need (src/patterns.h) and the log does
/// not say: which `func literal` a `go` statement starts, and which `X[K] = V` stores into a map
/// rather than a slice or array (the compiler prints both as `(assign)`).

#include "parsers/source_tree.h"
#include "src/model.h"

namespace escviz {

/// Fills Model::go_literals and Model::map_store_notes from the sources `tree` reads (nothing
/// when `tree` is null or a file cannot be read):
/// - a heap verdict `func literal` at a position where the source has `go func` (the keyword
///   `go` right before the literal), or the keyword `go` itself (the compiler's wrapper of
///   `go f(x)` is placed at the statement);
/// - an `(assign)` note `X[K] = V` (X a name, or a selector's last name) whose X the note's
///   file declares as a map somewhere (`X map[`, `X := map[`, `X = make(map[`, ...): a name
///   is not resolved to its declaration, so a map and a slice of one name in one file both
///   count as maps.
void FindPatternFacts(Model* m, SourceTree* tree);

}  // namespace escviz
