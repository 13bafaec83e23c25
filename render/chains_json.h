#pragma once
/// `explain --format json`: chains as data (schema `escviz-chains/1`, README "explain --format
/// json"), for scripts and for the checks that chains are true (tests/truth/).

#include <cstdint>
#include <ostream>
#include <vector>

#include "src/chains.h"
#include "src/model.h"

namespace escviz {

/// Every chain of the verdicts `verdicts` and, with `with_blocks` (`explain --all`), of the
/// blocks no verdict claims (their "verdict" has kind null and the block's header), with the
/// count of explanation blocks of the model and of those that start a chain.
void RenderChainsJson(const Model& m, const Analysis& a, const std::vector<uint32_t>& verdicts,
                      bool with_blocks, std::ostream* out);

}  // namespace escviz
