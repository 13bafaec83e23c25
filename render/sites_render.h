#pragma once
/// `escviz sites`: one heap allocation per line (issue 22), for grep, awk and jq: its position,
/// kind, expression, function, package, pattern (src/patterns.h) and cause.

#include <iosfwd>
#include <string>
#include <vector>

#include "src/chains.h"
#include "src/model.h"
#include "src/patterns.h"

namespace escviz {

struct SitesOptions {
  enum class Format { kText, kTsv, kJsonl };
  Format format = Format::kText;
  /// Only these patterns (any of them as the pattern, not the second tag); all when empty.
  std::vector<Pattern> patterns;
};

/// One line per heap allocation site (Model::SiteFirst), in input order: the counted ones and
/// those that allocate nothing (pattern no-allocation). `patterns` is ClassifyPatterns(m, a).
/// Text: `POS: PATTERN: SENTENCE (in FUNC; FINAL STEP)`. TSV: a header row, then the fields
/// position, kind, expression, function, package, pattern, second, where, callee, cause,
/// copies; tabs and line ends in a field are written `\t` and `\n`. JSONL: one object per line
/// with those fields and final_step, inline_hint and allocates.
void RenderSites(const Model& m, const Analysis& a, const std::vector<AllocationPattern>& patterns,
                 const SitesOptions& options, std::ostream* out);

}  // namespace escviz
