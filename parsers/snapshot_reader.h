#pragma once
/// Reads a snapshot written by `escviz export --format json` (schema escviz.snapshot.v1,
/// render/snapshot_writer.h) back into a model, so that `diff` takes a snapshot wherever it
/// takes a log. Inputs are told apart by content: a snapshot is a JSON object whose first key
/// is `"schema"` with that value (gzip or not).

#include <string>

#include "src/diagnostics.h"
#include "src/model.h"

namespace escviz {

/// True if the file at `path` (gzip or not) starts as a snapshot does.
bool IsSnapshotFile(const std::string& path);

/// True if `data` starts as a snapshot does.
bool LooksLikeSnapshot(std::string_view data);

/// Reads the snapshot in `data` into an empty `model`; false (reported, naming `name`) if it is
/// not valid JSON, not schema escviz.snapshot.v1, or has a record out of range.
bool ReadSnapshot(std::string_view data, const std::string& name, Model* model, Diagnostics* diag);

/// Reads the file at `path` (gzip or not) with ReadSnapshot.
bool ReadSnapshotFile(const std::string& path, Model* model, Diagnostics* diag);

}  // namespace escviz
