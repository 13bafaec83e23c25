#pragma once
/// The bytes of a file descriptor, gunzipped when they start with gzip's magic number (1f 8b),
/// else as they are: what LineReader splits into lines and ReadGunzipped reads whole. Gzip
/// members one after another (`cat a.gz b.gz`) are one text; bytes after the last member that
/// are not another member are ignored with a warning (gzip(1): "trailing garbage ignored").

#include <sys/types.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace escviz {

class GzipInput {
 public:
  /// Reads from `fd`, which it then owns.
  explicit GzipInput(int fd);
  ~GzipInput();
  GzipInput(const GzipInput&) = delete;
  GzipInput& operator=(const GzipInput&) = delete;

  /// Up to `size` more bytes: 0 at the end, -1 on an error (error() says it).
  ssize_t Read(char* out, size_t size);
  /// What ended the input early: a read error, corrupt or cut gzip data (with how much text
  /// came before), or empty.
  const std::string& error() const { return error_; }
  /// At the end: the bytes after the gzip data that were ignored, or empty.
  const std::string& warning() const { return warning_; }

 private:
  /// Reads more of the file into in_; false at its end or on an error (error_).
  bool ReadRaw();

  int fd_;
  enum class Mode { kDetect, kPlain, kGzip, kDone } mode_ = Mode::kDetect;
  z_stream zs_{};
  bool inflating_ = false;         ///< zs_ is initialized
  bool member_ended_ = false;      ///< a gzip member ended; another may follow
  std::vector<unsigned char> in_;  ///< raw bytes read, [in_begin_, in_end_) not used yet
  size_t in_begin_ = 0, in_end_ = 0;
  bool raw_eof_ = false;
  uint64_t out_total_ = 0;  ///< bytes given out (uncompressed)
  std::string error_, warning_;
};

}  // namespace escviz
