#pragma once
/// Reads the compiler's JSON form (`go build -gcflags=-json=0,DIR`; go-diagnostics.md
/// section 9) into a Model through the same ModelBuilder as text logs, so the model is the same
/// as the text log of the same build, less what the JSON form does not carry (README, "The
/// compiler's JSON form").
///
/// An input is DIR itself (`DIR/<package>/<file>.json`), one package directory, or single
/// `.json` files (`.json.gz` too). Directories are walked recursively in sorted path order;
/// each file's header names its package. Each diagnostic becomes text lines
/// (parsers/json_translator.h) classified by the Classifier like any log line; SourceRefs point
/// at the JSON file and line, so messages name them.

#include <string>
#include <string_view>
#include <vector>

#include "parsers/model_builder.h"
#include "parsers/source_tree.h"
#include "src/diagnostics.h"
#include "src/model.h"

namespace escviz {

struct JsonLogOptions {
  /// Where the Go sources the headers name are found and read, for function names (the same
  /// tree as the source pass after the parse); null: none read (placeholder names).
  SourceTree* sources = nullptr;
};

/// True if `path` ends in `.json` or `.json.gz`.
bool IsJsonFileName(const std::string& path);

/// Reads one input (directory or file) into `builder`. Returns false after an error on `diag`
/// (unreadable input, a file without a valid header, a directory without `.json` files).
/// Lines that are not valid JSON or not diagnostics are warned about with their file and line,
/// counted as unrecognized, and skipped; the rest is still read.
bool ReadJsonLog(const std::string& path, const JsonLogOptions& options, ModelBuilder* builder,
                 Diagnostics* diag);

/// Parses `paths` (each as ReadJsonLog) into `model`. For tests.
bool ParseJsonLogs(const std::vector<std::string>& paths, const JsonLogOptions& options,
                   Model* model, Diagnostics* diag);

/// Parses `data` as one JSON-form file named `name` (through a memory file descriptor, on the
/// same path as files). For tests and fuzzing.
bool ParseJsonMemory(std::string_view data, const std::string& name, Model* model,
                     Diagnostics* diag);

}  // namespace escviz
