#include "parsers/input_chunks.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "parsers/mapping_guard.h"
#include "parsers/record_tracker.h"
#include "src/position.h"

namespace escviz {

namespace {

constexpr size_t kMaxLine = LineReader::kMaxLine;
/// How far past a chunk's target size a line with a position is looked for, before records are
/// followed line by line from the chunk's start (input with few positions: noise, dumps).
constexpr size_t kQuickSearch = 64u << 10;

const size_t kPage = static_cast<size_t>(sysconf(_SC_PAGESIZE));
size_t PageFloor(size_t n) { return n / kPage * kPage; }
size_t PageCeil(size_t n) { return PageFloor(n + kPage - 1); }

/// The line at `p` without its terminator and '\r' (as LineReader returns it).
std::string_view LineAt(const char* p, const char* nl) {
  size_t len = static_cast<size_t>(nl - p);
  if (len > 0 && p[len - 1] == '\r') --len;
  return std::string_view(p, std::min(len, kMaxLine));
}

}  // namespace

InputChunks::~InputChunks() {
  guard_.reset();  // before the pages go
  if (map_ != nullptr) munmap(const_cast<char*>(map_ - map_offset_), size_ + map_offset_);
}

bool InputChunks::Open(const std::string& path, std::string* err) {
  name_ = path == "-" ? "<stdin>" : path;
  int fd = OpenInputFd(path, err);
  return fd >= 0 && OpenFd(fd, err);
}

bool InputChunks::OpenMemory(std::string_view data, std::string* err) {
  int fd = MemoryFd(data, err);
  return fd >= 0 && OpenFd(fd, err);
}

bool InputChunks::OpenFd(int fd, std::string* err) {
  struct stat st {};
  unsigned char magic[2] = {0, 0};
  // A regular file is read from its current offset: 0 when opened here, wherever the shell left
  // it for standard input (`{ read -r first; escviz summary; } < build.log`).
  const off_t start = lseek(fd, 0, SEEK_CUR);
  const bool regular =
      fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && start >= 0 && st.st_size > start;
  const bool gzip =
      regular && pread(fd, magic, 2, start) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (regular && !gzip) {
    void* m = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      close(fd);
      madvise(m, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
      guard_ = std::make_unique<MappingGuard>(m, static_cast<size_t>(st.st_size), name_);
      map_offset_ = static_cast<size_t>(start);
      map_ = static_cast<const char*>(m) + map_offset_;
      size_ = static_cast<size_t>(st.st_size) - map_offset_;
      return true;
    }
  }
  return reader_.OpenFd(fd, err);  // a stream, gzip, or a file that cannot be mapped
}

bool InputChunks::Next(RawChunk* c) {
  c->text = std::string_view();
  c->cut_lines.clear();
  c->unterminated = false;
  c->mapped_end = 0;
  c->strip_cr = map_ != nullptr;
  return map_ != nullptr ? NextMapped(c) : NextStreamed(c);
}

const char* InputChunks::LineEnd(const char* line) const {
  const size_t rest = static_cast<size_t>(map_ + size_ - line);
  const void* nl = std::memchr(line, '\n', std::min(rest, kMaxLine + 2));
  if (nl != nullptr) return static_cast<const char*>(nl);
  return rest > kMaxLine + 1 ? nullptr : map_ + size_;
}

size_t InputChunks::Boundary(size_t start, size_t target) const {
  if (target >= size_) return size_;
  const char* base = map_;
  const char* end = base + size_;
  // The first line that starts at or after the target: after the end of the line that holds
  // the byte before it. If that line is over-long, the chunk ends before it (NextMapped takes
  // it on its own; it cannot start the chunk, NextMapped would have taken it already).
  const void* before = memrchr(base + start, '\n', target - 1 - start);
  const char* ls = before == nullptr ? base + start : static_cast<const char*>(before) + 1;
  const char* nl = LineEnd(ls);
  if (nl == nullptr) return ls > base + start ? static_cast<size_t>(ls - base) : size_;
  if (nl == end) return size_;
  // The quick way: the first line with a position from there on.
  const char* line = nl + 1;
  PosText pos;
  while (line < end && static_cast<size_t>(line - base) - target < kQuickSearch) {
    nl = LineEnd(line);
    if (nl == nullptr) return static_cast<size_t>(line - base);  // over-long: a record of its own
    if (ParsePositionPrefix(LineAt(line, nl), &pos) != std::string_view::npos) {
      return static_cast<size_t>(line - base);
    }
    line = nl + 1;
  }
  if (line >= end) return size_;
  // Few positions here: follow records from the chunk's start (where one starts) instead.
  RecordTracker records;
  for (line = base + start; line < end; line = nl + 1) {
    nl = LineEnd(line);
    if (nl == nullptr) return static_cast<size_t>(line - base);
    if (records.Feed(LineAt(line, nl)) && line >= base + target) {
      return static_cast<size_t>(line - base);
    }
  }
  return size_;
}

bool InputChunks::NextMapped(RawChunk* c) {
  if (pos_ >= size_) return false;
  const size_t start = pos_;
  const char* base = map_;
  // A line longer than kMaxLine is a chunk of its own: its first kMaxLine bytes, cut. The rest
  // is skipped, a window at a time, handing the pages back as it goes.
  const size_t first = std::min(size_ - start, kMaxLine + 2);
  if (first == kMaxLine + 2 && std::memchr(base + start, '\n', first) == nullptr) {
    c->text = std::string_view(base + start, kMaxLine);
    c->cut_lines.push_back(0);
    size_t p = start + kMaxLine;
    // Pages are counted from the mapping's own start (page-aligned; map_ may not be).
    char* const mapping = const_cast<char*>(map_) - map_offset_;
    size_t dropped = PageCeil(p + map_offset_);  // pages before the kept part's end stay
    for (;;) {
      size_t n = std::min(size_ - p, kMaxLine);
      const char* nl = static_cast<const char*>(std::memchr(base + p, '\n', n));
      if (nl != nullptr) {
        p = static_cast<size_t>(nl - base) + 1;
        break;
      }
      p += n;
      // Hand back the pages of the line skipped so far (they hold nothing else).
      if (PageFloor(p + map_offset_) > dropped) {
        madvise(mapping + dropped, PageFloor(p + map_offset_) - dropped, MADV_DONTNEED);
        dropped = PageFloor(p + map_offset_);
      }
      if (p >= size_) break;  // (cut, so not also reported as unterminated, as LineReader)
    }
    pos_ = p;
    c->mapped_end = pos_;
    return true;
  }
  const size_t end = Boundary(start, std::min(start + chunk_bytes_, size_));
  c->text = std::string_view(base + start, end - start);
  c->unterminated = end == size_ && base[size_ - 1] != '\n';
  pos_ = end;
  c->mapped_end = end;
  return true;
}

bool InputChunks::NextStreamed(RawChunk* c) {
  std::string& buf = c->buffer;
  buf.clear();
  uint32_t lines = 0;
  std::string_view line;
  bool cut = false;
  for (;;) {
    if (has_held_) {
      has_held_ = false;
      line = held_;
      cut = held_cut_;
    } else if (reader_.Next(&line)) {
      cut = reader_.cut();
      // A line that starts a record may start the next chunk, once this one is big enough.
      if (records_.Feed(line) && buf.size() >= chunk_bytes_) {
        held_.assign(line);
        held_cut_ = cut;
        has_held_ = true;
        break;
      }
    } else {
      c->unterminated = reader_.unterminated();
      break;
    }
    if (cut) c->cut_lines.push_back(lines);
    buf.append(line);
    buf += '\n';
    ++lines;
  }
  if (lines == 0) return false;
  c->text = buf;
  return true;
}

void InputChunks::Release(size_t mapped_end) {
  if (map_ == nullptr) return;
  // Offsets from the mapping's own start, which is page-aligned (map_ may not be: offset).
  const size_t to = PageFloor(mapped_end + map_offset_);
  if (to <= released_) return;
  madvise(const_cast<char*>(map_ - map_offset_) + released_, to - released_, MADV_DONTNEED);
  released_ = to;
}

}  // namespace escviz
