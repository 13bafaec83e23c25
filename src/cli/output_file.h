#pragma once
/// The one output writer: where a command's result goes. Standard output when the name is empty
/// or `-`; otherwise a temporary file in the same folder, renamed over the name only once the
/// whole output is written and closed without error, so that a failure never leaves a partial
/// file. A name ending in `.gz` is written gzip-compressed. Every failure names the file and the
/// system's reason.

#include <iosfwd>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

#include "src/diagnostics.h"

namespace escviz {

class OutputFile {
 public:
  /// `standard_output` is where `-` goes.
  explicit OutputFile(std::ostream& standard_output);
  ~OutputFile();  ///< removes the temporary file if Commit() did not rename it
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// How a named file is written.
  enum class Mode : unsigned char {
    kReplace,  ///< into a temporary file beside it, renamed over it by Commit (whole or absent)
    kDirect,   ///< into the file itself (a report's pages: the folder is the unit, not the page)
  };

  /// Opens `path` for writing; false (reported) if its folder cannot take a file, or if it names
  /// one of `inputs` (the result would overwrite what it is made from).
  bool Open(const std::string& path, const std::vector<std::string>& inputs, Diagnostics* diag,
            Mode mode = Mode::kReplace);
  /// The stream to write to; valid after a successful Open.
  std::ostream& stream() { return *stream_; }
  /// Ends the output: flushes and closes it, then renames the temporary file into place. False
  /// (reported, naming the file and the reason) if anything failed on the way.
  bool Commit(Diagnostics* diag);

  /// True if `path` ends in `.gz`.
  static bool IsGzipName(const std::string& path);

 private:
  /// Writes to `fd` (owned from now on), the file that will be called `path`.
  void Attach(int fd, const std::string& path);

  std::ostream& standard_output_;
  std::string path_;  ///< empty for standard output
  std::string temp_;  ///< the temporary file, until renamed
  std::unique_ptr<std::streambuf> buf_;
  std::unique_ptr<std::ostream> own_;
  std::ostream* stream_ = nullptr;
};

/// A stream over standard output's file descriptor that remembers why a write failed, for
/// CheckStream (std::cout forgets: a full disk would read as a bare "write error").
std::unique_ptr<std::ostream> NewStandardOutput();

/// Flushes `out` and reports a write failure on it as `name: cannot write: REASON`; false then.
bool CheckStream(std::ostream& out, const std::string& name, Diagnostics* diag);

}  // namespace escviz
