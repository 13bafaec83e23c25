#include "parsers/source_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

namespace escviz {
namespace {

namespace fs = std::filesystem;

/// True if `path` is `root` or lies under it (both lexically normal and absolute).
bool IsUnder(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // trailing separator of the root
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

/// True if `path` has a `.` or `..` component or an empty one (`a//b`).
bool HasDotParts(const fs::path& path) {
  for (const fs::path& part : path.relative_path()) {
    if (part == "." || part == ".." || part.empty()) return true;
  }
  return false;
}

constexpr std::string_view kGoroot = "$GOROOT/";

/// Reads the file at `path` into `*text`: one read() for its size as fstat gives it, then on to
/// the end of file. False if it cannot be opened; a read error ends the text where it occurs.
bool ReadWhole(const std::string& path, std::string* text) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  text->resize(::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t got = 0;
  for (;;) {
    char more[4096];
    const bool room = got < text->size();
    const ssize_t n =
        room ? ::read(fd, text->data() + got, text->size() - got) : ::read(fd, more, sizeof more);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (!room) text->append(more, static_cast<size_t>(n));  // the file grew
    got += static_cast<size_t>(n);
  }
  text->resize(got);
  ::close(fd);
  return true;
}

}  // namespace

SourceTree::SourceTree(std::string root, bool absolute_paths) : absolute_paths_(absolute_paths) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(root), ec);
  if (ec) p = fs::path(root);
  fs::path canon = fs::weakly_canonical(p, ec);
  root_ = (ec ? p.lexically_normal() : canon).string();
}

SourceStatus SourceTree::FindUnderRoot(std::string_view relative, std::string* real_path) const {
  if (root_.empty()) return SourceStatus::kMissing;
  const fs::path root{root_};
  std::error_code ec;
  const fs::path real = fs::canonical(root / fs::path(std::string(relative)), ec);
  if (ec) return SourceStatus::kMissing;
  if (!IsUnder(real, root)) return SourceStatus::kRefused;
  if (!fs::is_regular_file(real, ec) || ec) return SourceStatus::kMissing;
  *real_path = real.string();
  return SourceStatus::kFound;
}

SourceStatus SourceTree::Find(std::string_view log_path, std::string* real_path) const {
  if (log_path.empty()) return SourceStatus::kMissing;
  if (log_path.substr(0, kGoroot.size()) == kGoroot) {
    // `$GOROOT/src/x.go`: the root is GOROOT itself, or its src directory.
    const std::string_view rest = log_path.substr(kGoroot.size());
    SourceStatus s = FindUnderRoot(rest, real_path);
    if (s == SourceStatus::kMissing && rest.substr(0, 4) == "src/") {
      s = FindUnderRoot(rest.substr(4), real_path);
    }
    return s;
  }
  const fs::path given{std::string(log_path)};
  if (!given.is_absolute()) return FindUnderRoot(log_path, real_path);

  std::error_code ec;
  const fs::path real = fs::canonical(given, ec);
  if (ec) return SourceStatus::kMissing;
  if (!root_.empty()) {
    const fs::path root{root_};
    if (IsUnder(real, root)) {
      if (!fs::is_regular_file(real, ec) || ec) return SourceStatus::kMissing;
      *real_path = real.string();
      return SourceStatus::kFound;
    }
    // Spelled under the root but leading out of it (`ROOT/link.go`, `ROOT/../x.go`).
    if (IsUnder(given.lexically_normal(), root)) return SourceStatus::kRefused;
  }
  if (!absolute_paths_) return SourceStatus::kRefused;
  if (HasDotParts(given)) return SourceStatus::kRefused;
  const fs::file_status own = fs::symlink_status(given, ec);
  if (ec) return SourceStatus::kMissing;
  if (fs::is_symlink(own)) return SourceStatus::kRefused;
  if (!fs::is_regular_file(own)) return SourceStatus::kMissing;
  *real_path = real.string();
  return SourceStatus::kFound;
}

const SourceTree::Lookup& SourceTree::Load(std::string_view log_path) {
  const std::string key(log_path);
  auto known = by_log_path_.find(key);
  if (known != by_log_path_.end()) return known->second;
  Lookup lookup;
  std::string real;
  lookup.status = Find(log_path, &real);
  if (lookup.status == SourceStatus::kFound) {
    auto it = by_real_path_.find(real);
    if (it == by_real_path_.end()) {
      std::unique_ptr<File> loaded = std::make_unique<File>();
      if (!ReadWhole(real, &loaded->text)) loaded.reset();
      it = by_real_path_.emplace(real, std::move(loaded)).first;
    }
    lookup.file = it->second.get();
    if (!lookup.file) lookup.status = SourceStatus::kMissing;  // unreadable
  }
  return by_log_path_.emplace(key, lookup).first->second;
}

const std::string* SourceTree::Text(std::string_view log_path) {
  File* f = Load(log_path).file;
  return f ? &f->text : nullptr;
}

const std::vector<GoFuncExtent>* SourceTree::Functions(std::string_view log_path,
                                                       SourceStatus* status) {
  const Lookup& lookup = Load(log_path);
  if (status) *status = lookup.status;
  File* f = lookup.file;
  if (!f) return nullptr;
  if (!f->scanned) {
    f->functions = ScanGoFunctions(f->text);
    f->scanned = true;
  }
  return &f->functions;
}

}  // namespace escviz
