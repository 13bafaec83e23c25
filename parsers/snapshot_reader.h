#pragma once
/// Reads a snapshot written by `escviz export --format json` (schema escviz.snapshot.v2, or v1 of
/// escviz before issue 22, render/snapshot_writer.h) back into a model, so that every command takes
/// a snapshot where it takes a log. Inputs are told apart by content (parsers/input_kind.h).

#include <string>

#include "src/diagnostics.h"
#include "src/model.h"

namespace escviz {

/// Reads the snapshot in `data` into an empty `model`; false (reported, naming `name`) if it is
/// not valid JSON, not schema escviz.snapshot.v2 or v1, or has a record out of range.
bool ReadSnapshot(std::string_view data, const std::string& name, Model* model, Diagnostics* diag);

/// Reads the file at `path` (gzip or not) with ReadSnapshot.
bool ReadSnapshotFile(const std::string& path, Model* model, Diagnostics* diag);

}  // namespace escviz
