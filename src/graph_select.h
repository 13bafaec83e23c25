#pragma once
/// Which chains `escviz graph` draws: those of the verdicts at a place, in a function or
/// package, or of the top N causes.

#include <optional>
#include <string>
#include <vector>

#include "src/chains.h"
#include "src/query.h"

namespace escviz {

struct GraphSelection {
  std::optional<PlaceQuery> at;
  std::string func;
  /// --package: the heap chains of the packages of these import paths and below them.
  std::vector<std::string> packages;
  size_t top = 0;  ///< top N causes
};

/// Chain indices (into a.chains) for the selection, in verdict order, and a title saying what
/// was selected. Chains without steps (verdicts with no explanation) are left out.
std::vector<uint32_t> SelectChains(const Model& m, const Analysis& a, const GraphSelection& sel,
                                   std::string* title);

}  // namespace escviz
