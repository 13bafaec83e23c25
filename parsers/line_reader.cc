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

LineReader::~LineReader() = default;

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
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  GzipInput in(fd);
  char buf[1 << 16];
  ssize_t n = 0;
  while (out->size() < limit && (n = in.Read(buf, std::min(sizeof buf, limit - out->size()))) > 0) {
    out->append(buf, static_cast<size_t>(n));
  }
  return n >= 0;
}

bool LineReader::Open(const std::string& path, std::string* err) {
  int fd = OpenInputFd(path, err);
  return fd >= 0 && OpenFd(fd, err);
}

bool LineReader::OpenFd(int fd, std::string* err) {
  (void)err;
  in_ = std::make_unique<GzipInput>(fd);
  buf_.resize(4 * kChunk);
  return true;
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the unread tail at the front
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kChunk) buf_.resize(std::max(buf_.size() * 2, end_ + kChunk));
  const ssize_t n = in_->Read(buf_.data() + end_, buf_.size() - end_);
  if (n <= 0) {
    if (n < 0) error_ = in_->error();
    warning_ = in_->warning();
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
