#pragma once
/// `escviz export --format json`: the whole model as a snapshot (schema escviz.snapshot.v1,
/// README "Snapshots"), which parsers/snapshot_reader reads back into the same model.

#include <string>

#include "src/model.h"

namespace escviz {

/// The snapshot of `m` as one JSON text (compact: records are arrays of string-table ids and
/// numbers), ending in a newline. `version` is escviz's version.
std::string WriteSnapshot(const Model& m, const std::string& version);

}  // namespace escviz
