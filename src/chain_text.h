#pragma once
/// A verdict's chain as short plain lines, for outputs that show only its first steps
/// (`diff` Markdown, SARIF messages). The text is raw log text: each renderer escapes it.

#include <string>
#include <vector>

#include "src/chains.h"
#include "src/model.h"

namespace escviz {

/// Up to `max` steps of the chain of verdict `v`, each `DST = SRC (REASON at POS)` with `&`/`*`
/// on SRC for its derefs and `-> continues in F` on the first step inside a callee; empty when
/// the verdict has no chain. Sets `*more` to the number of steps left out, if non-null.
std::vector<std::string> ChainStepTexts(const Model& m, const Analysis& a, uint32_t v, size_t max,
                                        size_t* more = nullptr);

}  // namespace escviz
