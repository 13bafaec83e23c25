#pragma once
/// The groupings the HTML report is built from (SPEC section 5): the verdicts of each function,
/// package and file, and the chains that cross into each function (its callers). Computed once
/// from the model and its analysis; every report page reads it. (The function of each
/// explanation is Explanation::function, the chains of each cause and choke point are in the
/// analysis: Cause::chains, ChokePoint::heap_chains.)

#include <cstdint>
#include <vector>

#include "src/chains.h"
#include "src/model.h"

namespace escviz {

struct ReportIndex {
  /// function -> its heap and leaking-parameter verdicts, in input order.
  std::vector<std::vector<uint32_t>> verdicts_of_function;
  /// function -> heap verdicts (moved + escapes).
  std::vector<uint32_t> heap_of_function;
  /// package -> heap and leak verdicts whose function is unknown (`?`), in input order.
  std::vector<std::vector<uint32_t>> unknown_of_package;
  /// package -> functions with a page, ranked by heap verdicts, then name.
  std::vector<std::vector<uint32_t>> functions_of_package;
  /// package -> heap verdicts.
  std::vector<uint32_t> heap_of_package;
  /// function -> chains (indices into Analysis::chains) that cross into it from a caller.
  std::vector<std::vector<uint32_t>> callers_of_function;
  /// true for functions that get a page: heap verdicts, or a chain crosses into them.
  std::vector<bool> has_page;
  /// functions with a page, ranked by heap verdicts (most first), then package and name.
  std::vector<uint32_t> ranked_functions;
  /// file (StrId of Position::file) -> all its verdicts, in input order; only files with at
  /// least one heap verdict are listed.
  std::vector<std::pair<StrId, std::vector<uint32_t>>> files;
};

/// Builds the index. Linear in the model apart from sorting the rankings.
ReportIndex BuildReportIndex(const Model& m, const Analysis& a);

}  // namespace escviz
