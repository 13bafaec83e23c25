#include "parsers/source_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_set>
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

/// Calls `work(i, &buffer)` for each i < n, on up to hardware_concurrency() threads (the caller's
/// among them), each with a buffer of its own; rethrows the first exception thrown.
template <typename Work>
void ForEachOnAllCores(size_t n, const Work& work) {
  const size_t threads = std::min<size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto run = [&] {
    std::string buffer;
    try {
      for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) work(i, &buffer);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next.store(n);
    }
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(run);
    } catch (const std::system_error&) {
      break;  // no more threads: fewer do the work
    }
  }
  run();
  for (std::thread& t : helpers) t.join();
  if (failure) std::rethrow_exception(failure);
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
      loaded->real_path = real;
      loaded->text_read = ReadWhole(real, &loaded->text);
      if (!loaded->text_read) loaded.reset();
      it = by_real_path_.emplace(real, std::move(loaded)).first;
    }
    lookup.file = it->second.get();
    if (!lookup.file) lookup.status = SourceStatus::kMissing;  // unreadable
  }
  return by_log_path_.emplace(key, lookup).first->second;
}

const std::string* SourceTree::Text(std::string_view log_path) {
  File* f = Load(log_path).file;
  if (f == nullptr) return nullptr;
  if (!f->text_read) {  // preloaded
    if (!ReadWhole(f->real_path, &f->text)) return nullptr;
    f->text_read = true;
  }
  return &f->text;
}

void SourceTree::Preload(const std::vector<std::string>& log_paths) {
  std::vector<const std::string*> todo;  // distinct, not looked up yet, in order
  std::unordered_set<std::string_view> seen;
  for (const std::string& p : log_paths) {
    if (by_log_path_.count(p) == 0 && seen.insert(p).second) todo.push_back(&p);
  }
  struct Result {
    SourceStatus status = SourceStatus::kMissing;
    std::string real;
    bool read = false;  ///< read and scanned here (not when the real path is cached already)
    std::vector<GoFuncExtent> functions;
  };
  std::vector<Result> results(todo.size());
  // Find() is const and the maps are only read here: the threads share nothing else.
  ForEachOnAllCores(todo.size(), [&](size_t i, std::string* text) {
    Result& r = results[i];
    r.status = Find(*todo[i], &r.real);
    if (r.status != SourceStatus::kFound || by_real_path_.count(r.real) != 0) return;
    if (!ReadWhole(r.real, text)) return;
    r.functions = ScanGoFunctions(*text);
    r.read = true;
  });
  // What Load() and Functions() would have cached, in the same order.
  for (size_t i = 0; i < todo.size(); ++i) {
    Result& r = results[i];
    Lookup lookup;
    lookup.status = r.status;
    if (r.status == SourceStatus::kFound) {
      auto it = by_real_path_.find(r.real);
      if (it == by_real_path_.end()) {
        std::unique_ptr<File> loaded;
        if (r.read) {
          loaded = std::make_unique<File>();
          loaded->real_path = r.real;
          loaded->functions = std::move(r.functions);
          loaded->scanned = true;
        }
        it = by_real_path_.emplace(r.real, std::move(loaded)).first;
      }
      lookup.file = it->second.get();
      if (!lookup.file) lookup.status = SourceStatus::kMissing;  // unreadable
    }
    by_log_path_.emplace(*todo[i], lookup);
  }
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
