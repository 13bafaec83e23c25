#pragma once
/// What an input is, told apart by its content (README "Input"): a text log (plain or gzip), the
/// compiler's JSON form (a `-json=0,DIR` directory or one of its `.json` files), or a snapshot of
/// `escviz export --format json` (plain or gzip, any JSON layout: `jq .` output is one too).

#include <string>

namespace escviz {

enum class InputKind : unsigned char {
  kTextLog,   ///< compiler text output; also standard input, always
  kJsonForm,  ///< a directory, a file whose first JSON key is `"version"`, or a `.json` name
  kSnapshot,  ///< a JSON object whose first key is "schema" (or "escviz": keys sorted), or any
              ///< other JSON object not named `.json`
};

/// The kind of the input at `path` (`-` is standard input). A file that cannot be read is a
/// text log here: opening it then reports why.
InputKind InputKindOf(const std::string& path);

}  // namespace escviz
