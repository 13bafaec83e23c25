#pragma once
/// `escviz export --format json`: the whole model as a snapshot (schema escviz.snapshot.v2,
/// README "Snapshots"), which parsers/snapshot_reader reads back into the same model.

#include <ostream>
#include <string>
#include <vector>

#include "src/model.h"
#include "src/patterns.h"

namespace escviz {

struct SnapshotOptions {
  std::string version;  ///< escviz's version
  /// The pattern of every heap verdict (ClassifyPatterns), written for readers of the snapshot
  /// ("pattern_ids" and "patterns": [site, pattern, second or -1], one per source site); not
  /// read back (every command works them out again from the model). Null: not written.
  const std::vector<AllocationPattern>* patterns = nullptr;
};

/// Writes the snapshot of `m` as one JSON text (compact: records are arrays of string-table ids
/// and numbers), ending in a newline, record by record (the text is never held whole).
void WriteSnapshot(const Model& m, const SnapshotOptions& opt, std::ostream* out);

}  // namespace escviz
