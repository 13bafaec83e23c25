#pragma once
/// Reads compiler text logs into a Model: each input in order, one pass, line by line through
/// the Classifier into the ModelBuilder. Inputs in the compiler's JSON form (a directory, a
/// `.json` file, or a file starting with its header) go to parsers/json_log_parser.h, into the
/// same ModelBuilder.

#include <string>
#include <vector>

#include "parsers/input_kind.h"
#include "parsers/json_log_parser.h"
#include "src/diagnostics.h"
#include "src/model.h"

namespace escviz {

/// Parses `paths` (`-` for standard input; none means standard input) into `model`.
/// Returns false after reporting through `diag` if an input cannot be read; unrecognized lines
/// never fail the parse (they are counted in the model and reported by the caller).
/// Inputs in the JSON form are read with `json_options`.
/// With `kinds` (one per path, parsers/input_kind.h), the inputs are not looked at again to tell
/// the JSON form apart.
bool ParseTextLogs(const std::vector<std::string>& paths, Model* model, Diagnostics* diag,
                   const JsonLogOptions& json_options = JsonLogOptions{},
                   const std::vector<InputKind>* kinds = nullptr);

/// Parses `data` as if it were a file named `name` (through a memory file descriptor, so on
/// the same path as files). For tests and fuzzing, which may cut it into chunks of about
/// `chunk_bytes` (parsers/input_chunks.h; 0 for the default) and read them on `workers` threads
/// besides the caller's (-1: one per core but one).
bool ParseTextMemory(std::string_view data, const std::string& name, Model* model,
                     Diagnostics* diag, size_t chunk_bytes = 0, int workers = -1);

/// Reports the unrecognized lines (first samples, then the count) and other input problems on
/// `diag` as warnings. Returns the number of unrecognized lines.
uint64_t ReportInputProblems(const Model& model, Diagnostics* diag);

}  // namespace escviz
