// Gzip output in members compressed beside the writing (src/cli/gzip_writer.h).
#include "src/cli/gzip_writer.h"

#include <libdeflate.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <utility>

namespace escviz {
namespace {

constexpr int kLevel = 6;  // as zlib's default, and gzip(1)'s

/// Compresses `block` into one gzip member and writes it to `fd`: 0, or the errno of the failure.
int CompressAndWrite(int fd, const std::string& block) {
  std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(
      libdeflate_alloc_compressor(kLevel), libdeflate_free_compressor);
  if (c == nullptr) return ENOMEM;
  std::string out(libdeflate_gzip_compress_bound(c.get(), block.size()), '\0');
  const size_t size =
      libdeflate_gzip_compress(c.get(), block.data(), block.size(), out.data(), out.size());
  if (size == 0) return EIO;  // the bound is enough, always: never here
  const char* p = out.data();
  size_t left = size;
  while (left > 0) {
    errno = 0;
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 && errno != 0 ? errno : EIO;
    p += n;
    left -= static_cast<size_t>(n);
  }
  return 0;
}

}  // namespace

GzipWriter::~GzipWriter() { Wait(); }

void GzipWriter::Wait() {
  if (!writing_.valid()) return;
  const int err = writing_.get();
  if (error_ == 0) error_ = err;
}

void GzipWriter::Launch() {
  Wait();
  wrote_member_ = true;
  if (error_ != 0) {
    block_.clear();
    return;
  }
  writing_ = std::async(std::launch::async, [fd = fd_, block = std::move(block_)] {
    return CompressAndWrite(fd, block);
  });
  block_ = std::string();
}

bool GzipWriter::Write(const char* p, size_t n) {
  while (n > 0 && error_ == 0) {
    if (block_.capacity() < kBlockBytes) block_.reserve(kBlockBytes);
    const size_t take = std::min(n, kBlockBytes - block_.size());
    block_.append(p, take);
    p += take;
    n -= take;
    if (block_.size() == kBlockBytes) Launch();
  }
  return error_ == 0;
}

bool GzipWriter::Finish() {
  if (!block_.empty() || !wrote_member_) Launch();
  Wait();
  return error_ == 0;
}

}  // namespace escviz
