#pragma once
/// Streams lines from a file, standard input (`-`) or a gzip file, in one pass with a bounded
/// buffer: no whole-file copies. Handles `\n` and `\r\n` ends, a last line without newline,
/// NUL bytes (kept as data) and lines longer than kMaxLine (cut; the rest is skipped).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/gzip_input.h"

namespace escviz {

/// A file descriptor for reading `path` (`-`: a duplicate of standard input), or -1 with `*err`.
int OpenInputFd(const std::string& path, std::string* err);
/// A memory file descriptor holding `data`, positioned at its start, or -1 with `*err`. Tests
/// and fuzzing read memory through it, so that they take the path files take.
int MemoryFd(std::string_view data, std::string* err);

/// Up to `limit` bytes of the file at `path`, gunzipped when it is gzip, into `*out`; false if
/// it cannot be opened or its data cannot be read (what was read before stays in `*out`).
bool ReadGunzipped(const std::string& path, size_t limit, std::string* out);

class LineReader {
 public:
  /// Bytes kept of one line. Real `can inline` lines hold whole function bodies (the longest
  /// in the Go 1.19 standard library is far below this); anything longer is cut here.
  static constexpr size_t kMaxLine = 16u << 20;

  LineReader() = default;
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Opens `path` (`-` for standard input). Gzip data is detected by its magic number.
  bool Open(const std::string& path, std::string* err);
  /// Reads from an open file descriptor, which the reader then owns (tests and fuzzing feed
  /// memory through a memfd this way, so they use the same code path as files).
  bool OpenFd(int fd, std::string* err);
  /// Reads `data` as if it were a file, through a memory file descriptor (OpenFd), so that tests
  /// and fuzzing take the same path as files.
  bool OpenMemory(std::string_view data, std::string* err);
  /// The next line without its terminator; the view lives until the next call. False at the
  /// end of input or on a read error (see `error()`).
  bool Next(std::string_view* line);
  /// True if the line last returned was longer than kMaxLine and was cut.
  bool cut() const { return cut_; }
  /// True once the last line of input was returned and had no line end (a log cut off mid-line;
  /// the go command ends every line).
  bool unterminated() const { return unterminated_; }
  /// The read error that ended input, or empty.
  const std::string& error() const { return error_; }
  /// At the end of input: what was read but ignored (bytes after the end of the gzip data,
  /// which are neither another gzip member nor nothing), or empty.
  const std::string& warning() const { return warning_; }

 private:
  bool Fill();
  /// Returns the first kMaxLine bytes of an over-long line and skips the rest of it.
  bool SkipRest(std::string_view* line);

  std::unique_ptr<GzipInput> in_;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool cut_ = false;
  bool unterminated_ = false;
  std::string error_;
  std::string warning_;
  std::string kept_;  ///< the kept part of a cut line
};

}  // namespace escviz
