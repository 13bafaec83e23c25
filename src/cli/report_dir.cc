#include "src/cli/report_dir.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "src/cli/output_file.h"

namespace escviz {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMark = ".escviz-report";
/// What a report consists of: removed when an earlier report is replaced.
constexpr std::string_view kOwned[] = {kMark,
                                       "index.html",
                                       "functions.html",
                                       "files.html",
                                       "causes.html",
                                       "chokepoints.html",
                                       "patterns.html",
                                       "search.js",
                                       "assets",
                                       "f",
                                       "p",
                                       "s",
                                       "g",
                                       "t"};
constexpr std::string_view kSubdirs[] = {"assets", "f", "p", "s", "g", "t"};

}  // namespace

bool ReportDir::SafeName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char ch : part) {
      bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '.' || ch == '_' || ch == '-';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

bool ReportDir::Check(const std::string& dir, Diagnostics* diag) {
  std::error_code ec;
  fs::path root(dir);
  fs::file_status st = fs::status(root, ec);
  if (!fs::exists(st)) return true;
  if (!fs::is_directory(st)) {
    diag->Error(dir +
                ": exists and is not a folder; give a new or empty folder, or an "
                "earlier report's folder");
    return false;
  }
  bool marked = fs::exists(fs::symlink_status(root / std::string(kMark), ec));
  bool empty = fs::is_empty(root, ec);
  if (ec) {
    diag->Error(fmt::format("{}: cannot read the folder: {}", dir, ec.message()));
    return false;
  }
  if (!empty && !marked) {
    diag->Error(dir + ": the folder is not empty and holds no escviz report (no " +
                std::string(kMark) + "); give a new or empty folder");
    return false;
  }
  return true;
}

ReportDir::~ReportDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the folder
}

bool ReportDir::Lock(const std::string& dir, Diagnostics* diag) {
  // The folder itself is locked (flock on its descriptor), so the lock is never among the files
  // an earlier report's removal takes, and it ends with the process however it ends. The
  // drawing process forked later shares it.
  lock_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd_ < 0) {
    diag->Error(fmt::format("{}: cannot open the folder: {}", dir, std::strerror(errno)));
    return false;
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    diag->Error(err == EWOULDBLOCK
                    ? dir + ": another escviz report is being written into this folder; wait " +
                          "for it to end, or give another folder"
                    : fmt::format("{}: cannot lock the folder: {}", dir, std::strerror(err)));
    return false;
  }
  return true;
}

bool ReportDir::Open(const std::string& dir, Diagnostics* diag) {
  if (!Check(dir, diag)) return false;
  std::error_code ec;
  fs::path root(dir);
  if (!fs::exists(fs::status(root, ec))) {
    fs::create_directories(root, ec);
    if (ec) {
      diag->Error(fmt::format("{}: cannot create the folder: {}", dir, ec.message()));
      return false;
    }
  }
  if (!Lock(dir, diag)) return false;
  {
    for (std::string_view owned : kOwned) {
      fs::remove_all(root / std::string(owned), ec);  // does not follow symbolic links
      if (ec) {
        diag->Error(
            fmt::format("{}: cannot remove the earlier report's {}: {}", dir, owned, ec.message()));
        return false;
      }
    }
  }
  dir_ = dir;
  diag_ = diag;
  for (std::string_view sub : kSubdirs) {
    fs::create_directory(root / std::string(sub), ec);
    if (ec) {
      diag->Error(fmt::format("{}/{}: cannot create: {}", dir, sub, ec.message()));
      return false;
    }
  }
  return Write(kMark, "escviz report: this folder's report files are replaced by the next run\n");
}

bool ReportDir::Write(std::string_view name, std::string_view data) {
  Diagnostics* diag = diag_;
  if (!SafeName(name)) {
    diag->Error(fmt::format("refusing to write '{}': not a plain name inside the report", name));
    return false;
  }
  // Through the one output writer, straight into the file (a temporary and a rename per page
  // cost the std report of Go 1.27, 12,499 files, 3 s of system time); a failure names the file
  // and the system's reason.
  const std::string path = dir_ + "/" + std::string(name);
  OutputFile out(std::cout);  // never standard output: `path` is a file's name
  if (!out.Open(path, {}, diag, OutputFile::Mode::kDirect)) return false;
  out.stream().write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out.Commit(diag)) return false;
  ++files_;
  bytes_ += data.size();
  if (name.size() > 5 && name.substr(name.size() - 5) == ".html" &&
      data.size() > largest_page_bytes_) {
    largest_page_bytes_ = data.size();
    largest_page_ = std::string(name);
  }
  return true;
}

}  // namespace escviz
