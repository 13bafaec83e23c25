#include "parsers/source_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <utility>

namespace escviz {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kGoroot = "$GOROOT/";

/// The non-empty components of `path` between `/` separators.
std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

/// `parts[from..]` joined by `/`.
std::string Join(const std::vector<std::string_view>& parts, size_t from) {
  std::string out;
  for (size_t i = from; i < parts.size(); ++i) {
    if (!out.empty()) out += '/';
    out += parts[i];
  }
  return out;
}

/// True if `path` is `root` or lies under it, comparing components (both absolute and
/// lexically normal).
bool IsUnder(std::string_view path, std::string_view root) {
  const std::vector<std::string_view> p = Components(path), r = Components(root);
  return p.size() >= r.size() && std::equal(r.begin(), r.end(), p.begin());
}

/// True if `path` has a `.` or `..` component or an empty one (`a//b`).
bool HasDotParts(const fs::path& path) {
  for (const fs::path& part : path.relative_path()) {
    if (part == "." || part == ".." || part.empty()) return true;
  }
  return false;
}

/// `path` without a trailing separator (but `/` itself).
std::string WithoutTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

/// Reads up to `limit` bytes of the file at `path` into `*text`: one read() for its size as
/// fstat gives it, then on to the end of file. False if it cannot be opened; a read error ends
/// the text where it occurs.
bool ReadWhole(const std::string& path, std::string* text,
               size_t limit = std::numeric_limits<size_t>::max()) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  const size_t size = ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0;
  text->resize(std::min(size, limit));
  size_t got = 0;
  for (;;) {
    char more[4096];
    const bool room = got < text->size();
    if (!room && got >= limit) break;
    const size_t want = room ? text->size() - got : std::min(sizeof more, limit - got);
    const ssize_t n = ::read(fd, room ? text->data() + got : more, want);
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
  fs::path abs = fs::absolute(fs::path(root), ec);
  if (ec) abs = fs::path(root);
  given_root_ = WithoutTrailingSlash(abs.lexically_normal().string());
  const fs::path canon = fs::weakly_canonical(abs, ec);
  root_ = WithoutTrailingSlash(ec ? given_root_ : canon.string());
  // A GOROOT whose `src` is a symbolic link elsewhere (Debian's link farms): inside as well.
  const fs::path src = fs::path(root_) / "src";
  if (fs::is_symlink(fs::symlink_status(src, ec))) {
    const fs::path real_src = fs::canonical(src, ec);
    if (!ec && fs::is_directory(real_src, ec) && !IsUnder(real_src.string(), root_)) {
      src_root_ = real_src.string();
    }
  }
}

bool SourceTree::CheckRoot(const std::string& root, Diagnostics* diag) {
  if (root.empty()) return true;
  std::error_code ec;
  if (fs::is_directory(root, ec)) return true;
  diag->Error("--source-root " + root + ": not a directory");
  return false;
}

bool SourceTree::Inside(const std::string& path) const {
  return IsUnder(path, root_) || (!src_root_.empty() && IsUnder(path, src_root_));
}

namespace {

/// True if the existing file `real` is one to read: a regular file of at most kMaxSourceBytes.
/// Else false, with `*loc` refused and saying why.
bool Readable(const fs::path& real, std::string_view log_path, SourceLocation* loc) {
  std::error_code ec;
  const fs::file_status st = fs::status(real, ec);
  std::string why;
  if (!fs::is_regular_file(st)) {
    why = fs::is_directory(st) ? "it is a directory"
          : fs::is_fifo(st)    ? "it is a FIFO (named pipe), not a regular file"
          : fs::is_socket(st)  ? "it is a socket, not a regular file"
          : fs::is_block_file(st) || fs::is_character_file(st)
              ? "it is a device, not a regular file"
              : "it is not a regular file";
  } else if (const uintmax_t size = fs::file_size(real, ec);
             !ec && size > SourceTree::kMaxSourceBytes) {
    why = fmt::format("it is {} bytes, over the {} MiB escviz reads of a source file", size,
                      SourceTree::kMaxSourceBytes >> 20);
  }
  if (why.empty()) return true;
  loc->status = SourceStatus::kRefused;
  loc->refusal = fmt::format("{}: source not read: {}", log_path, why);
  return false;
}

}  // namespace

SourceLocation SourceTree::Locate(std::string_view log_path) const {
  SourceLocation loc;
  if (log_path.empty() || log_path.front() == '<') return loc;  // `<autogenerated>`
  const bool absolute = log_path.front() == '/';
  std::vector<std::string_view> parts;
  for (std::string_view part : Components(log_path)) {
    if (part == "..") {
      loc.status = SourceStatus::kRefused;
      loc.refusal = root_.empty()
                        ? fmt::format("{}: source not read: it has a '..' component", log_path)
                        : fmt::format(
                              "{}: source not read: it has a '..' component (sources are read "
                              "only inside --source-root {})",
                              log_path, given_root_);
      return loc;
    }
    if (part != ".") parts.push_back(part);
  }
  if (parts.empty()) return loc;

  if (!root_.empty()) {
    // The spellings under the root to try, relative to it, in order.
    std::vector<std::string> candidates;
    auto add = [&](std::string rel) {
      if (std::find(candidates.begin(), candidates.end(), rel) == candidates.end()) {
        candidates.push_back(std::move(rel));
      }
    };
    if (absolute) {
      for (const std::string* r : {&root_, &given_root_}) {
        const size_t depth = Components(*r).size();
        if (depth < parts.size() && IsUnder(log_path, *r)) add(Join(parts, depth));
      }
    }
    size_t first = 0;  // `$GOROOT/`, `$WORK/`: not a folder under the root
    while (first < parts.size() && parts[first].front() == '$') ++first;
    const size_t n = parts.size();
    const size_t last = n - first <= 1 ? n : n - 1;  // suffixes of two components at least
    for (size_t i = first; i < last; ++i) add(Join(parts, i));
    // `$GOROOT/src/x.go` in a root that is a GOROOT's `src`.
    if (log_path.substr(0, kGoroot.size()) == kGoroot && n == first + 2 && parts[first] == "src") {
      add(Join(parts, n - 1));
    }
    std::error_code ec;
    for (const std::string& rel : candidates) {
      const fs::path cand = fs::path(root_) / rel;
      const fs::path real = fs::canonical(cand, ec);
      if (ec) continue;  // missing, a dangling link or a loop: the next
      if (!Inside(real.string())) {
        loc.status = SourceStatus::kRefused;
        loc.refusal = fmt::format(
            "{}: source not read: {}/{} leads out of --source-root {} through a symbolic link "
            "(to {})",
            log_path, given_root_, rel, given_root_, real.string());
        return loc;
      }
      if (!fs::exists(real, ec) || fs::is_directory(real, ec)) continue;
      if (!Readable(real, log_path, &loc)) return loc;
      loc.status = SourceStatus::kFound;
      loc.real_path = real.string();
      loc.relative = rel;
      return loc;
    }
  }
  if (!absolute) return loc;

  // Not under the root: an absolute path read as given, if allowed.
  const fs::path given{std::string(log_path)};
  std::error_code ec;
  const fs::file_status own = fs::symlink_status(given, ec);
  if (ec || !fs::exists(own)) return loc;
  if (!absolute_paths_ || HasDotParts(given) || fs::is_symlink(own)) {
    loc.status = SourceStatus::kRefused;
    loc.refusal =
        !absolute_paths_
            ? fmt::format("{}: source not read: it is outside --source-root {}", log_path,
                          given_root_)
            : fmt::format(
                  "{}: source not read: an absolute path {}is read only as given, without `.` "
                  "parts and not through a symbolic link",
                  log_path, root_.empty() ? "" : "outside --source-root ");
    return loc;
  }
  const fs::path real = fs::canonical(given, ec);  // directories on the way may be links
  if (ec) return loc;
  if (!Readable(real, log_path, &loc)) return loc;
  loc.status = SourceStatus::kFound;
  loc.real_path = real.string();
  return loc;
}

SourceStatus SourceTree::Find(std::string_view log_path, std::string* real_path) const {
  SourceLocation loc = Locate(log_path);
  if (loc.status == SourceStatus::kFound) *real_path = std::move(loc.real_path);
  return loc.status;
}

const SourceTree::Lookup& SourceTree::Remember(std::string_view log_path, const SourceLocation& loc,
                                               File* file) {
  Lookup lookup;
  lookup.status = loc.status;
  lookup.file = file;
  lookup.relative = loc.relative;
  if (loc.status == SourceStatus::kFound && file == nullptr) {
    lookup.status = SourceStatus::kMissing;  // unreadable
  }
  if (loc.status == SourceStatus::kRefused) refusals_.push_back(loc.refusal);
  return by_log_path_.emplace(std::string(log_path), std::move(lookup)).first->second;
}

const SourceTree::Lookup& SourceTree::Load(std::string_view log_path) {
  auto known = by_log_path_.find(std::string(log_path));
  if (known != by_log_path_.end()) return known->second;
  const SourceLocation loc = Locate(log_path);
  File* file = nullptr;
  if (loc.status == SourceStatus::kFound) {
    std::unique_ptr<File>& slot = by_real_path_[loc.real_path];
    if (slot == nullptr) {  // read when its text or extents are asked for
      slot = std::make_unique<File>();
      slot->real_path = loc.real_path;
    }
    file = slot.get();
  }
  return Remember(log_path, loc, file);
}

bool SourceTree::ReadText(File* f) {
  if (!f->text_read && !f->unreadable) {
    f->text_read = ReadWhole(f->real_path, &f->text);
    f->unreadable = !f->text_read;
  }
  return f->text_read;
}

const std::string* SourceTree::Text(std::string_view log_path) {
  File* f = Load(log_path).file;
  return f != nullptr && ReadText(f) ? &f->text : nullptr;
}

void SourceTree::Preload(const std::vector<std::string>& log_paths) { Scan(log_paths, true); }

void SourceTree::Scan(const std::vector<std::string>& log_paths, bool functions) {
  std::vector<const std::string*> todo;  // distinct, not looked up yet, in order
  std::unordered_set<std::string_view> seen;
  for (const std::string& p : log_paths) {
    if (by_log_path_.count(p) == 0 && seen.insert(p).second) todo.push_back(&p);
  }
  struct Result {
    SourceLocation loc;
    bool read = false;  ///< read and scanned here (not when the real path is cached already)
    std::vector<GoFuncExtent> functions;
    GoFileNames names;
    bool names_scanned = false;
  };
  std::vector<Result> results(todo.size());
  // Locate() is const and the maps are only read here: the threads share nothing else.
  ForEachOnAllCores(todo.size(), [&](size_t i, std::string* text) {
    Result& r = results[i];
    r.loc = Locate(*todo[i]);
    if (r.loc.status != SourceStatus::kFound || by_real_path_.count(r.loc.real_path) != 0) return;
    if (!ReadWhole(r.loc.real_path, text)) return;
    if (functions) r.functions = ScanGoFunctions(*text);
    auto want = want_names_.find(*todo[i]);  // WantNames(): true for all names
    r.names_scanned = want != want_names_.end();
    if (r.names_scanned) r.names = ScanGoNames(*text, !want->second);
    r.read = true;
  });
  // What Load(), Functions() and Names() would have cached, in the same order.
  for (size_t i = 0; i < todo.size(); ++i) {
    Result& r = results[i];
    File* file = nullptr;
    if (r.loc.status == SourceStatus::kFound) {
      std::unique_ptr<File>& slot = by_real_path_[r.loc.real_path];
      if (slot == nullptr) {
        slot = std::make_unique<File>();
        slot->real_path = r.loc.real_path;
        slot->functions = std::move(r.functions);
        slot->scanned = r.read && functions;
        slot->names = std::move(r.names);
        slot->names_scanned = r.read && r.names_scanned;
        slot->unreadable = !r.read;
      }
      file = slot->unreadable ? nullptr : slot.get();
    }
    Remember(*todo[i], r.loc, file);
  }
}

std::vector<std::string> SourceTree::NamesBeside(std::string_view log_path) {
  std::vector<std::string> out;
  const File* f = Load(log_path).file;
  if (f == nullptr) return out;
  const size_t slash = f->real_path.rfind('/');
  if (slash == std::string::npos) return out;
  DIR* dir = opendir(f->real_path.substr(0, slash + 1).c_str());
  if (dir == nullptr) return out;
  while (const dirent* e = readdir(dir)) out.emplace_back(e->d_name);
  closedir(dir);
  return out;
}

void SourceTree::WantNames(const std::vector<std::string>& full,
                           const std::vector<std::string>& package_level) {
  for (const std::string& p : package_level) want_names_.emplace(p, false);
  for (const std::string& p : full) want_names_[p] = true;
}

bool SourceTree::HasNames(const File& f, bool package_level_only) {
  return f.names_scanned && (package_level_only || !f.names.package_level_only);
}

void SourceTree::PreloadNames(const std::vector<std::string>& log_paths,
                              const std::vector<std::string>& package_level) {
  WantNames(log_paths, package_level);
  Scan(log_paths, true);
  Scan(package_level, false);
  // The names of files looked up before: on all cores too, each thread reading the text it
  // scans (kept only where it was kept already).
  std::vector<std::pair<File*, bool>> todo;  // and whether package-level names will do
  std::unordered_set<File*> queued;
  for (const auto* paths : {&log_paths, &package_level}) {
    for (const std::string& p : *paths) {
      File* f = Load(p).file;
      const bool package_level_only = !want_names_[p];
      if (f != nullptr && !HasNames(*f, package_level_only) && queued.insert(f).second) {
        todo.emplace_back(f, package_level_only);
      }
    }
  }
  ForEachOnAllCores(todo.size(), [&](size_t i, std::string* text) {
    auto [f, package_level_only] = todo[i];
    if (f->text_read) {
      f->names = ScanGoNames(f->text, package_level_only);
    } else if (ReadWhole(f->real_path, text)) {
      f->names = ScanGoNames(*text, package_level_only);
    } else {
      return;  // unreadable now: Names() says so when asked
    }
    f->names_scanned = true;
  });
}

const GoFileNames* SourceTree::Names(std::string_view log_path, bool package_level_only) {
  File* f = Load(log_path).file;
  if (f == nullptr) return nullptr;
  if (!HasNames(*f, package_level_only)) {
    if (!ReadText(f)) return nullptr;
    f->names = ScanGoNames(f->text, package_level_only);
    f->names_scanned = true;
  }
  return &f->names;
}

const std::vector<GoFuncExtent>* SourceTree::Functions(std::string_view log_path,
                                                       SourceStatus* status) {
  const Lookup& lookup = Load(log_path);
  File* f = lookup.file;
  if (f != nullptr && !f->scanned) {
    if (ReadText(f)) {
      f->functions = ScanGoFunctions(f->text);
      f->scanned = true;
    } else {
      f = nullptr;
    }
  }
  if (status)
    *status = f == nullptr && lookup.status == SourceStatus::kFound
                  ? SourceStatus::kMissing  // unreadable
                  : lookup.status;
  return f ? &f->functions : nullptr;
}

std::optional<std::string> SourceTree::RelativeToRoot(std::string_view log_path) {
  const Lookup& lookup = Load(log_path);
  if (lookup.file == nullptr || lookup.file->unreadable || lookup.relative.empty()) {
    return std::nullopt;
  }
  return lookup.relative;
}

bool SourceTree::ReadView(std::string_view log_path, std::string* real_path, std::string* text) {
  const Lookup& lookup = Load(log_path);
  if (lookup.file == nullptr || lookup.relative.empty()) return false;
  *real_path = lookup.file->real_path;
  if (lookup.file->text_read) {
    *text = lookup.file->text.substr(0, kMaxViewBytes);
    return true;
  }
  return ReadWhole(*real_path, text, kMaxViewBytes);  // not kept: pages are written one by one
}

void SourceTree::WarnRefused(Diagnostics* diag) {
  size_t hidden = 0;
  for (; warned_ < refusals_.size(); ++warned_) {
    if (warned_ < kShownRefusals) {
      diag->Warning(refusals_[warned_]);
    } else {
      ++hidden;
    }
  }
  if (hidden > 0) {
    diag->Warning(
        fmt::format("{} more source path{} refused (not shown)", hidden, hidden == 1 ? "" : "s"));
  }
}

}  // namespace escviz
