// Gzip or plain bytes of a file descriptor (parsers/gzip_input.h).

#include "parsers/gzip_input.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace escviz {

namespace {

/// zlib's message for a gzip stream that cannot be read, without the `<fd:N>: ` it puts first
/// (the caller names the input), with how far the uncompressed text got.
std::string GzipError(const char* msg, uint64_t uncompressed) {
  std::string_view m = msg != nullptr ? msg : "";
  if (m.substr(0, 4) == "<fd:") {
    const size_t colon = m.find(": ");
    if (colon != std::string_view::npos) m.remove_prefix(colon + 2);
  }
  const std::string where = " (after " + std::to_string(uncompressed) + " bytes uncompressed)";
  if (m == "unexpected end of file") return "the gzip data ends too early" + where;
  return "corrupt gzip data" + where + ": " + std::string(m);
}

}  // namespace

GzipInput::GzipInput(int fd) : fd_(fd), in_(256 * 1024) {}

GzipInput::~GzipInput() {
  if (inflating_) inflateEnd(&zs_);
  if (fd_ >= 0) close(fd_);
}

bool GzipInput::ReadRaw() {
  if (raw_eof_) return false;
  if (in_begin_ > 0) {  // keep what is not used yet at the front
    std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, in_.data() + in_end_, in_.size() - in_end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = std::strerror(errno);
      raw_eof_ = true;
      return false;
    }
    if (n == 0) {
      raw_eof_ = true;
      return false;
    }
    in_end_ += static_cast<size_t>(n);
    return true;
  }
}

ssize_t GzipInput::Read(char* out, size_t size) {
  for (;;) {
    switch (mode_) {
      case Mode::kDone:
        return 0;
      case Mode::kDetect:
        // Gzip by its magic number (1f 8b), else the bytes as they are.
        while (in_end_ - in_begin_ < 2 && ReadRaw()) {
        }
        if (!error_.empty()) return -1;
        mode_ = in_end_ - in_begin_ >= 2 && in_[in_begin_] == 0x1f && in_[in_begin_ + 1] == 0x8b
                    ? Mode::kGzip
                    : Mode::kPlain;
        if (mode_ == Mode::kGzip) {
          if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
            error_ = "cannot read (out of memory)";
            return -1;
          }
          inflating_ = true;
        }
        break;
      case Mode::kPlain: {
        if (in_begin_ == in_end_ && !ReadRaw()) {
          mode_ = Mode::kDone;
          return error_.empty() ? 0 : -1;
        }
        const size_t n = std::min(size, in_end_ - in_begin_);
        std::memcpy(out, in_.data() + in_begin_, n);
        in_begin_ += n;
        out_total_ += n;
        return static_cast<ssize_t>(n);
      }
      case Mode::kGzip: {
        if (in_begin_ == in_end_ && !ReadRaw()) {
          mode_ = Mode::kDone;
          if (!error_.empty()) return -1;
          if (member_ended_) return 0;  // the end of the last member: the end of the data
          error_ = GzipError("unexpected end of file", out_total_);
          return -1;
        }
        if (member_ended_) {
          // After a member: another one (1f 8b), or bytes that are none, ignored with a warning
          // as gzip(1) does ("trailing garbage ignored").
          while (in_end_ - in_begin_ < 2 && ReadRaw()) {
          }
          if (!error_.empty()) return -1;
          if (in_end_ - in_begin_ >= 2 && in_[in_begin_] == 0x1f && in_[in_begin_ + 1] == 0x8b) {
            inflateReset(&zs_);
            member_ended_ = false;
          } else {
            uint64_t ignored = in_end_ - in_begin_;
            in_begin_ = in_end_;
            while (ReadRaw()) {
              ignored += in_end_ - in_begin_;
              in_begin_ = in_end_;
            }
            if (!error_.empty()) return -1;
            warning_ = fmt::format(
                "{} byte{} after the end of the gzip data (after {} bytes uncompressed) ignored: "
                "not another gzip stream",
                ignored, ignored == 1 ? "" : "s", out_total_);
            mode_ = Mode::kDone;
            return 0;
          }
        }
        zs_.next_in = in_.data() + in_begin_;
        zs_.avail_in = static_cast<uInt>(in_end_ - in_begin_);
        zs_.next_out = reinterpret_cast<Bytef*>(out);
        zs_.avail_out = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
        const int rc = inflate(&zs_, Z_NO_FLUSH);
        in_begin_ = in_end_ - zs_.avail_in;
        const size_t n = static_cast<size_t>(zs_.next_out - reinterpret_cast<Bytef*>(out));
        out_total_ += n;
        if (rc == Z_STREAM_END) {
          member_ended_ = true;
        } else if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR) {
          error_ = GzipError(zs_.msg != nullptr ? zs_.msg : "invalid data", out_total_);
          mode_ = Mode::kDone;
          return -1;
        }
        if (n > 0) return static_cast<ssize_t>(n);
        break;  // no output yet: more input, or the next member
      }
    }
  }
}

}  // namespace escviz
