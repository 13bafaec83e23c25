#include "parsers/line_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace escviz {

namespace {
constexpr size_t kChunk = 1u << 20;
}

LineReader::~LineReader() {
  if (inflating_) inflateEnd(&zs_);
  if (fd_ >= 0) close(fd_);
}

int OpenInputFd(const std::string& path, std::string* err) {
  int fd = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY);
  if (fd < 0) *err = std::strerror(errno);
  return fd;
}

int MemoryFd(std::string_view data, std::string* err) {
  int fd = memfd_create("escviz-input", MFD_CLOEXEC);
  if (fd < 0) {
    *err = "memfd_create failed";
    return -1;
  }
  for (size_t off = 0; off < data.size();) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n <= 0) {
      close(fd);
      *err = "write to memfd failed";
      return -1;
    }
    off += static_cast<size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

bool ReadGunzipped(const std::string& path, size_t limit, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n = 0;
  while (out->size() < limit &&
         (n = gzread(f, buf, static_cast<unsigned>(std::min(sizeof buf, limit - out->size())))) >
             0) {
    out->append(buf, static_cast<size_t>(n));
  }
  gzclose(f);
  return n >= 0;
}

bool LineReader::Open(const std::string& path, std::string* err) {
  int fd = OpenInputFd(path, err);
  return fd >= 0 && OpenFd(fd, err);
}

bool LineReader::OpenFd(int fd, std::string* err) {
  (void)err;
  fd_ = fd;
  in_.resize(256 * 1024);
  buf_.resize(4 * kChunk);
  return true;
}

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

bool LineReader::ReadRaw() {
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

ssize_t LineReader::Read(char* out, size_t size) {
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

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the unread tail at the front
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kChunk) buf_.resize(std::max(buf_.size() * 2, end_ + kChunk));
  const ssize_t n = Read(buf_.data() + end_, buf_.size() - end_);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<size_t>(n);
  return true;
}

bool LineReader::OpenMemory(std::string_view data, std::string* err) {
  int fd = MemoryFd(data, err);
  return fd >= 0 && OpenFd(fd, err);
}

bool LineReader::Next(std::string_view* line) {
  cut_ = false;
  // A kept line is at most kMaxLine bytes, plus a '\r' before its '\n'.
  constexpr size_t kSearch = kMaxLine + 2;
  size_t scanned = 0;  // bytes of the current line already searched for '\n'
  for (;;) {
    const char* start = buf_.data() + begin_;
    size_t avail = end_ - begin_;
    size_t limit = std::min(avail, kSearch);
    const char* nl = static_cast<const char*>(std::memchr(start + scanned, '\n', limit - scanned));
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(nl - start);
      begin_ += len + 1;
      if (len > 0 && start[len - 1] == '\r') --len;
      if (len > kMaxLine) {  // one byte over: cut like any longer line
        len = kMaxLine;
        cut_ = true;
      }
      *line = std::string_view(start, len);
      return true;
    }
    if (avail >= kSearch) return SkipRest(line);
    scanned = avail;
    if (!Fill()) {
      avail = end_ - begin_;
      if (avail == 0) return false;
      start = buf_.data() + begin_;
      size_t len = avail;
      begin_ = end_;
      unterminated_ = true;
      if (start[len - 1] == '\r') --len;
      if (len > kMaxLine) {  // one byte over: cut like any longer line
        len = kMaxLine;
        cut_ = true;
      }
      *line = std::string_view(start, len);
      return true;
    }
  }
}

bool LineReader::SkipRest(std::string_view* line) {
  // Keep the first kMaxLine bytes (copied: refilling moves the buffer) and drop the rest of the
  // line, reading on to its '\n' or the end of input.
  cut_ = true;
  kept_.assign(buf_.data() + begin_, kMaxLine);
  *line = kept_;
  begin_ += kMaxLine;
  for (;;) {
    const char* s = buf_.data() + begin_;
    const char* e = static_cast<const char*>(std::memchr(s, '\n', end_ - begin_));
    if (e != nullptr) {
      begin_ += static_cast<size_t>(e - s) + 1;
      return true;
    }
    begin_ = end_;
    if (!Fill()) return true;
  }
}

}  // namespace escviz
