#include "src/cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <ostream>
#include <system_error>

#include "src/cli/gzip_writer.h"

namespace escviz {
namespace {

namespace fs = std::filesystem;

std::string Reason(int err) { return err == 0 ? "write error" : std::strerror(err); }

/// A stream buffer over a file descriptor it owns, or over a gzip stream on it. Keeps the first
/// error's errno, so the message can say why.
class FdBuf : public std::streambuf {
 public:
  FdBuf(int fd, bool gzip, bool owned = true) : fd_(fd), owned_(owned) {
    if (gzip) {
      gz_ = std::make_unique<GzipWriter>(fd);
    }
    setp(buf_, buf_ + sizeof buf_);
  }
  ~FdBuf() override { Close(); }

  /// Flushes and closes; false (error() says why) if any write or the close failed.
  bool Close() {
    if (closed_) return error_ == 0;
    closed_ = true;
    Drain();
    if (gz_ != nullptr && !gz_->Finish() && error_ == 0) error_ = gz_->error();
    gz_.reset();
    if (owned_ && ::close(fd_) != 0 && error_ == 0) {
      error_ = errno;
    }
    return error_ == 0;
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  /// Writes what is buffered; false after any error.
  bool Drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    setp(buf_, buf_ + sizeof buf_);
    while (error_ == 0 && left > 0) {
      ssize_t n;
      errno = 0;
      if (gz_ != nullptr) {
        if (!gz_->Write(p, left)) error_ = gz_->error();
        break;
      } else {
        n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          error_ = n < 0 ? errno : EIO;
          break;
        }
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    return error_ == 0;
  }

  int fd_;
  bool owned_;
  std::unique_ptr<GzipWriter> gz_;
  int error_ = 0;
  bool closed_ = false;
  char buf_[1 << 16];
};

/// An ostream that owns its FdBuf.
class StandardOutput : public std::ostream {
 public:
  StandardOutput() : std::ostream(nullptr), buf_(STDOUT_FILENO, false, false) { rdbuf(&buf_); }

 private:
  FdBuf buf_;
};

}  // namespace

bool OutputFile::IsGzipName(const std::string& path) {
  return path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

OutputFile::OutputFile(std::ostream& standard_output) : standard_output_(standard_output) {}

OutputFile::~OutputFile() {
  own_.reset();
  buf_.reset();
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

bool OutputFile::Open(const std::string& path, const std::vector<std::string>& inputs,
                      Diagnostics* diag, Mode mode) {
  if (path.empty() || path == "-") {
    stream_ = &standard_output_;
    return true;
  }
  if (mode == Mode::kDirect) {  // no checks beyond open's own: a report writes thousands
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
      diag->Error(path + ": cannot write: " + Reason(errno));
      return false;
    }
    Attach(fd, path);
    return true;
  }
  std::error_code ec;
  for (const std::string& in : inputs) {
    if (in != "-" && fs::equivalent(path, in, ec)) {
      diag->Error(path + ": is also an input; write the output to another file");
      return false;
    }
  }
  if (fs::is_directory(path, ec)) {
    diag->Error(path + ": cannot write: it is a folder");
    return false;
  }
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".escviz-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    diag->Error(path + ": cannot write: " + Reason(errno));
    return false;
  }
  // mkstemp makes the file 0600; the output gets the mode a new file would have.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  temp_ = temp;
  Attach(fd, path);
  return true;
}

void OutputFile::Attach(int fd, const std::string& path) {
  path_ = path;
  buf_ = std::make_unique<FdBuf>(fd, IsGzipName(path));
  own_ = std::make_unique<std::ostream>(buf_.get());
  stream_ = own_.get();
}

bool OutputFile::Commit(Diagnostics* diag) {
  if (stream_ == nullptr) return false;
  if (path_.empty()) return CheckStream(*stream_, "standard output", diag);
  own_->flush();
  auto* buf = static_cast<FdBuf*>(buf_.get());
  if (!buf->Close()) {
    diag->Error(path_ + ": cannot write: " + Reason(buf->error()));
    return false;
  }
  if (!temp_.empty() && std::rename(temp_.c_str(), path_.c_str()) != 0) {
    diag->Error(path_ + ": cannot write: " + Reason(errno));
    return false;
  }
  temp_.clear();
  return true;
}

std::unique_ptr<std::ostream> NewStandardOutput() { return std::make_unique<StandardOutput>(); }

bool CheckStream(std::ostream& out, const std::string& name, Diagnostics* diag) {
  errno = 0;
  out.flush();
  if (out) return true;
  int err = errno;
  if (auto* fd = dynamic_cast<FdBuf*>(out.rdbuf()); fd != nullptr && fd->error() != 0) {
    err = fd->error();
  }
  diag->Error(name + ": cannot write: " + Reason(err));
  return false;
}

}  // namespace escviz
