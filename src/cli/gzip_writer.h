#pragma once
/// Writes gzip on a file descriptor as the output is made: the bytes are cut into blocks of
/// kBlockBytes, and each is compressed (libdeflate, level 6) into a gzip member of its own and
/// written by a thread of its own while the next block fills. gzip(1), zlib and escviz's own
/// readers read the members one after the other as one stream (RFC 1952 2.2). `export -o
/// S.json.gz` of the standard library's log: 49 MB of JSON compressed beside the writing of it,
/// not after each 64 KiB of it.

#include <cstddef>
#include <future>
#include <string>

namespace escviz {

class GzipWriter {
 public:
  /// Bytes per member: large enough that the members' headers and fresh dictionaries cost
  /// nothing to speak of (a few bytes a megabyte), small enough that two in memory do not count.
  static constexpr size_t kBlockBytes = 4u << 20;

  explicit GzipWriter(int fd) : fd_(fd) {}
  ~GzipWriter();  ///< waits for the block being written; Finish() writes the rest
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;

  /// Adds `n` bytes; false once a write has failed (error() says why).
  bool Write(const char* p, size_t n);
  /// Writes what is left (an empty stream is one empty member) and waits; false if any write
  /// failed.
  bool Finish();
  /// The errno of the first failed write (EIO when there is none to tell), else 0.
  int error() const { return error_; }

 private:
  /// Hands the block to a thread, after waiting for the one before it.
  void Launch();
  /// Waits for the block being written and takes its error.
  void Wait();

  int fd_;
  std::string block_;
  std::future<int> writing_;
  bool wrote_member_ = false;
  int error_ = 0;
};

}  // namespace escviz
