#include "parsers/line_reader.h"

#include <fcntl.h>
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
  if (gz_ != nullptr) gzclose(gz_);
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
  gz_ = gzdopen(fd, "rb");
  if (gz_ == nullptr) {
    close(fd);
    *err = "cannot read (out of memory)";
    return false;
  }
  gzbuffer(gz_, 256 * 1024);
  buf_.resize(4 * kChunk);
  return true;
}

namespace {

/// zlib's message for a gzip stream that cannot be read, without the `<fd:N>: ` it puts first
/// (the caller names the input), with how far the uncompressed text got.
std::string GzipError(const char* msg, z_off_t uncompressed) {
  std::string_view m = msg != nullptr ? msg : "";
  if (m.substr(0, 4) == "<fd:") {
    const size_t colon = m.find(": ");
    if (colon != std::string_view::npos) m.remove_prefix(colon + 2);
  }
  const std::string where =
      " (after " + std::to_string(uncompressed < 0 ? 0 : uncompressed) + " bytes uncompressed)";
  if (m == "unexpected end of file") return "the gzip data ends too early" + where;
  return "corrupt gzip data" + where + ": " + std::string(m);
}

}  // namespace

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the unread tail at the front
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kChunk) buf_.resize(std::max(buf_.size() * 2, end_ + kChunk));
  int n = gzread(gz_, buf_.data() + end_, static_cast<unsigned>(buf_.size() - end_));
  if (n < 0) {
    int code = 0;
    const char* msg = gzerror(gz_, &code);
    error_ = code == Z_ERRNO ? std::strerror(errno) : GzipError(msg, gztell(gz_));
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    // A truncated gzip stream ends without error from gzread; gzerror tells.
    int code = 0;
    const char* msg = gzerror(gz_, &code);
    if (code != Z_OK && code != Z_STREAM_END) error_ = GzipError(msg, gztell(gz_));
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
