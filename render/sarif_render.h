#pragma once
/// `escviz export --format sarif`: SARIF 2.1.0 for code-scanning tools. One rule per verdict
/// kind (SPEC 4.1 names); one result per heap allocation and leaking parameter, whose message
/// carries the chain; locations relative to the source root (uriBaseId `SRCROOT`);
/// `partialFingerprints` from the verdict's key (src/verdict_key.h), so moved lines keep them.

#include <string>

#include "src/chains.h"
#include "src/model.h"

namespace escviz {

struct SarifOptions {
  std::string source_root;  ///< `--source-root`: SRCROOT's URI, and absolute paths under it
  std::string version;      ///< escviz's version
  size_t chain_steps = 6;   ///< steps of the chain in each message
};

/// The SARIF log as one JSON text, ending in a newline.
std::string RenderSarif(const Model& m, const Analysis& a, const SarifOptions& opt);

}  // namespace escviz
