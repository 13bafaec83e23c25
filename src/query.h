#pragma once
/// Finding verdicts: by place (`--at FILE:LINE[:COL]`, where FILE may be a path suffix) and by
/// subject (`--name EXPR`, optionally within `--func F`).

#include <optional>
#include <string>
#include <vector>

#include "src/model.h"

namespace escviz {

struct PlaceQuery {
  std::string file;  ///< a path or path suffix: `main.go`, `cmd/x/main.go`, `./main.go`
  uint32_t line = 0;
  uint32_t col = 0;  ///< 0: any column
};

/// Parses `FILE:LINE[:COL]`; nullopt if it is not of that form.
std::optional<PlaceQuery> ParsePlace(const std::string& text);

/// True if function `f` (index or kNone) is named `name`: exactly (`(*Cache).Get`), or with
/// the package prefix (`example.com/c.(*Cache).Get`).
bool FunctionMatches(const Model& m, uint32_t f, std::string_view name);

/// Verdicts at the place, in input order.
std::vector<uint32_t> FindAt(const Model& m, const PlaceQuery& q);
/// Verdicts whose subject is `expr` (and, if `func` is not empty, in that function).
std::vector<uint32_t> FindByName(const Model& m, std::string_view expr, std::string_view func);
/// Up to `n` verdicts in files matching q.file, nearest to q.line first (for suggestions).
std::vector<uint32_t> Nearest(const Model& m, const PlaceQuery& q, size_t n);

}  // namespace escviz
