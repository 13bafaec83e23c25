// pprof heap profiles (parsers/pprof_profile.h).
//
// A heap profile is mostly samples: millions of them in a long-running service's profile, each
// a short list of location ids and four values. A regular gzip file is gunzipped whole by
// libdeflate (twice as fast as zlib) into memory on huge pages, and its top-level fields are
// taken apart where they lie; a pipe, plain protobuf or gzip data libdeflate refuses are read by
// a thread of its own in chunks, through zlib, which says where damaged data is cut. Each sample
// is decoded as it comes (FieldSplitter::Sample) into the HeapProfile's arrays, with its
// location ids as they are; every other field is kept as it was, and parsed at the end by
// protobuf's generated parser as one (small) Profile. Then the ids and string indices are
// resolved. Parsing the whole profile as one message, even on an arena, takes several times its
// size in memory and more time.

#include "parsers/pprof_profile.h"

#include <absl/container/flat_hash_map.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <google/protobuf/arena.h>
#include <google/protobuf/stubs/logging.h>
#include <libdeflate.h>
#include <pprof/profile.pb.h>  // generated from pprof's profile.proto into the build folder
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <thread>

#include "src/huge_pages.h"

namespace escviz {
namespace {

namespace pb = perftools::profiles;

constexpr size_t kChunk = 256 * 1024;  ///< bytes handed from the reading thread at a time
constexpr size_t kChunks = 8;          ///< chunks in flight (2 MB)

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
/// Bytes that grow without zero-filling what is written next (malloc'd).
struct Bytes {
  std::unique_ptr<char, FreeDeleter> data;
  size_t size = 0, capacity = 0;

  bool Reserve(size_t n) {
    if (n <= capacity) return true;
    n = std::max(n, capacity + capacity / 2);
    char* p = static_cast<char*>(std::realloc(data.get(), n));
    if (p == nullptr) return false;
    data.release();
    data.reset(p);
    capacity = n;
    return true;
  }
};

/// A large buffer on huge pages (HugePageAllocator, src/huge_pages.h: a 90 MB profile is then
/// some 45 page faults, not 22,000), not zero-filled as a vector would be. Freed at scope exit.
class BigBuffer {
 public:
  BigBuffer() = default;
  ~BigBuffer() { Free(); }
  BigBuffer(const BigBuffer&) = delete;
  BigBuffer& operator=(const BigBuffer&) = delete;

  /// Room for `size` bytes (what was there is lost); false when there is no memory for it.
  bool Allocate(size_t size) {
    Free();
    try {
      data_ = HugePageAllocator<unsigned char>().allocate(std::max<size_t>(size, 1));
    } catch (const std::bad_alloc&) {
      return false;
    }
    size_ = std::max<size_t>(size, 1);
    return true;
  }
  void Free() {
    if (data_ != nullptr) HugePageAllocator<unsigned char>().deallocate(data_, size_);
    data_ = nullptr;
    size_ = 0;
  }
  void Swap(BigBuffer& other) {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }
  unsigned char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  unsigned char* data_ = nullptr;
  size_t size_ = 0;
};

/// A file descriptor, closed at scope exit.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

/// The bytes of a file, gunzipped when they start with gzip's magic number (gzip members one
/// after another are one stream, as gzip(1) reads them; bytes after the last member that are
/// not another member are ignored), in chunks from a thread of its own.
class ChunkReader {
 public:
  /// Reads `fd` (which must outlive the reader) in a thread of its own.
  ChunkReader(const std::string& path, int fd) : path_(path), fd_(fd) {
    for (size_t i = 0; i < kChunks; ++i) free_.emplace_back(new char[kChunk]);
    thread_ = std::thread([this] { Run(); });
  }
  ~ChunkReader() { Stop(); }
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;

  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size = 0;
  };
  /// The next chunk (give it back with Return); false at the end or on an error (error()).
  bool Next(Chunk* c) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) return false;
    *c = std::move(full_.front());
    full_.pop_front();
    return true;
  }
  void Return(Chunk* c) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(c->data));
    }
    cv_.notify_all();
  }
  /// Ends the reading (at once, if it has not ended) and waits for its thread.
  void Stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      cancel_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  /// Whether the input is gzip: known once Next has given a chunk, or after Stop.
  bool gzip() const { return gzip_; }
  /// After Stop: how many bytes the input gave, and what ended it early (a sentence naming the
  /// file), or empty.
  uint64_t total() const { return total_; }
  const std::string& error() const { return error_; }

 private:
  void Run() {
    std::string error;
    try {
      error = Read();
    } catch (const std::exception& e) {
      error = fmt::format("{}: cannot read: {}", path_,
                          dynamic_cast<const std::bad_alloc*>(&e) ? "out of memory" : e.what());
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = std::move(error);
      done_ = true;
    }
    cv_.notify_all();
  }

  /// A free chunk to fill, or nullptr when the reader is cancelled.
  std::unique_ptr<char[]> Take() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty() || cancel_; });
    if (cancel_) return nullptr;
    std::unique_ptr<char[]> c = std::move(free_.back());
    free_.pop_back();
    return c;
  }
  /// Hands `size` bytes of `c` on; false when the reader is cancelled.
  bool Give(std::unique_ptr<char[]> c, size_t size) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (cancel_) return false;
      full_.push_back({std::move(c), size});
      total_ += size;
    }
    cv_.notify_all();
    return true;
  }

  /// Up to `size` bytes of the file into `out`; -1 on a read error (error set).
  ssize_t ReadRaw(char* out, size_t size, std::string* error) {
    for (;;) {
      const ssize_t n = ::read(fd_, out, size);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      *error = fmt::format("{}: cannot read: {}", path_, std::strerror(errno));
      return -1;
    }
  }

  /// Reads the whole input; returns the error, or empty.
  std::string Read() {
    std::string error;
    std::vector<unsigned char> in(1 << 20);
    size_t in_size = 0;
    // Gzip by its magic number (1f 8b), else the bytes as they are.
    while (in_size < 2) {
      const ssize_t n = ReadRaw(reinterpret_cast<char*>(in.data()) + in_size, 2 - in_size, &error);
      if (n < 0) return error;
      if (n == 0) break;
      in_size += static_cast<size_t>(n);
    }
    gzip_ = in_size == 2 && in[0] == 0x1f && in[1] == 0x8b;
    if (!gzip_) {
      std::unique_ptr<char[]> c = Take();
      if (c == nullptr) return error;
      std::memcpy(c.get(), in.data(), in_size);
      size_t size = in_size;
      for (;;) {
        const ssize_t n = ReadRaw(c.get() + size, kChunk - size, &error);
        if (n < 0) return error;
        size += static_cast<size_t>(n);
        if (n == 0 || size == kChunk) {
          if (size > 0 && !Give(std::move(c), size)) return error;
          if (n == 0) return error;
          if ((c = Take()) == nullptr) return error;
          size = 0;
        }
      }
    }

    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
      return fmt::format("{}: cannot gunzip: out of memory", path_);
    }
    struct End {
      z_stream* zs;
      ~End() { inflateEnd(zs); }
    } end{&zs};
    zs.next_in = in.data();
    zs.avail_in = static_cast<uInt>(in_size);
    bool eof = false;
    // More of the file after the input inflate has not used yet; false on a read error.
    auto refill = [&] {
      const size_t left = zs.avail_in;
      std::memmove(in.data(), zs.next_in, left);
      const ssize_t n =
          ReadRaw(reinterpret_cast<char*>(in.data()) + left, in.size() - left, &error);
      if (n < 0) return false;
      eof = n == 0;
      zs.next_in = in.data();
      zs.avail_in = static_cast<uInt>(left + static_cast<size_t>(n));
      return true;
    };
    uint64_t out_total = 0;
    std::unique_ptr<char[]> c;
    size_t size = 0;
    for (;;) {
      if (c == nullptr) {
        if ((c = Take()) == nullptr) return error;
        size = 0;
      }
      if (zs.avail_in == 0 && !eof && !refill()) return error;
      zs.next_out = reinterpret_cast<unsigned char*>(c.get() + size);
      zs.avail_out = static_cast<uInt>(kChunk - size);
      const int rc = inflate(&zs, Z_NO_FLUSH);
      const size_t made = kChunk - size - zs.avail_out;
      size += made;
      out_total += made;
      if (rc == Z_STREAM_END) {
        // Another member follows (its first bytes may not be read yet), or the end.
        while (zs.avail_in < 2 && !eof) {
          if (!refill()) return error;
        }
        if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
          inflateReset(&zs);
        } else {
          if (size > 0 && !Give(std::move(c), size)) return error;
          return error;
        }
      } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && (zs.avail_in > 0 || !eof))) {
        if (rc == Z_BUF_ERROR) {
          return fmt::format("{}: truncated gzip data after {} bytes (uncompressed)", path_,
                             out_total);
        }
        if (rc == Z_MEM_ERROR) return fmt::format("{}: cannot gunzip: out of memory", path_);
        return fmt::format("{}: corrupt gzip data after {} bytes (uncompressed): {}", path_,
                           out_total, zs.msg != nullptr ? zs.msg : "unreadable deflate data");
      }
      if (size == kChunk) {
        if (!Give(std::move(c), size)) return error;
        c = nullptr;
      }
    }
  }

  const std::string path_;
  const int fd_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<char[]>> free_;
  std::deque<Chunk> full_;
  bool cancel_ = false, done_ = false;
  bool gzip_ = false;
  uint64_t total_ = 0;
  std::string error_;
};

/// A regular file of gzip data, gunzipped whole with libdeflate (twice as fast as zlib's
/// inflate) into `*out`, `*made` bytes, in this thread: the samples are then taken apart where
/// they lie, with no copy. False when it is not tried (not gzip, not a regular file, over 1 GiB,
/// no memory) or the data is not whole gzip members: ChunkReader then reads the file, by zlib,
/// which says where gzip data is cut or corrupt. Bytes after the last member that are not
/// another member are ignored, as gzip(1) does.
bool WholeGunzip(int fd, BigBuffer* out, size_t* made) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 18 ||
      st.st_size > (int64_t{1} << 30)) {
    return false;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  BigBuffer in;
  if (!in.Allocate(size)) return false;
  for (size_t got = 0; got < size;) {  // pread: ChunkReader reads from the start if this fails
    const ssize_t n = ::pread(fd, in.data() + got, size - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // ChunkReader's reading says what is wrong
    got += static_cast<size_t>(n);
  }
  const unsigned char* const b = in.data();
  if (b[0] != 0x1f || b[1] != 0x8b) return false;
  const uint64_t isize = uint64_t{b[size - 4]} | uint64_t{b[size - 3]} << 8 |
                         uint64_t{b[size - 2]} << 16 | uint64_t{b[size - 1]} << 24;
  size_t capacity = isize >= size && isize <= uint64_t{size} * 1100 ? isize : size * 4;
  if (!out->Allocate(capacity)) return false;
  capacity = out->size();
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  if (d == nullptr) return false;
  *made = 0;
  for (size_t pos = 0; pos < size;) {
    size_t used_in = 0, used_out = 0;
    const libdeflate_result rc = libdeflate_gzip_decompress_ex(
        d.get(), b + pos, size - pos, out->data() + *made, capacity - *made, &used_in, &used_out);
    if (rc == LIBDEFLATE_INSUFFICIENT_SPACE && capacity < (size_t{1} << 34)) {
      BigBuffer bigger;  // a trailer that undercounts (a size over 4 GiB, several members)
      if (!bigger.Allocate(capacity * 2)) return false;
      std::memcpy(bigger.data(), out->data(), *made);
      out->Swap(bigger);
      capacity = out->size();
      continue;
    }
    if (rc != LIBDEFLATE_SUCCESS) return false;  // zlib says what is wrong, and where
    pos += used_in;
    *made += used_out;
    if (size - pos < 2 || b[pos] != 0x1f || b[pos + 1] != 0x8b) break;  // no member follows
  }
  return true;
}

/// A varint at `*p` (before `end`) into `*v`, moving `*p` past it: 1, 0 if the bytes end first,
/// -1 if it is longer than ten bytes.
inline int ReadVarint(const unsigned char** p, const unsigned char* end, uint64_t* v) {
  if (*p != end && **p < 0x80) {  // one byte: most ids, tags and lengths in a profile
    *v = *(*p)++;
    return 1;
  }
  uint64_t x = 0;
  const unsigned char* q = *p;
  for (int shift = 0; shift < 70; shift += 7) {
    if (q == end) return 0;
    const unsigned char b = *q++;
    x |= uint64_t{b & 0x7fu} << shift;
    if (b < 0x80) {
      *v = x;
      *p = q;
      return 1;
    }
  }
  return -1;
}

/// The profile's top-level fields as they come: samples parsed and kept in `out` (location ids
/// unresolved), everything else kept as it was for one Profile at the end.
class FieldSplitter {
 public:
  explicit FieldSplitter(HeapProfile* out) : out_(*out) {}

  enum class Status { kOk, kIncomplete, kBad };
  /// Takes the whole fields at the front of [*p, end), moving *p past them: kIncomplete when
  /// the last one needs more bytes, kBad when the bytes are not a profile's fields.
  Status Take(const unsigned char** p, const unsigned char* end) {
    const unsigned char* q = *p;
    for (;;) {
      *p = q;
      if (q == end) return Status::kOk;
      uint64_t tag = 0, n = 0;
      int r = ReadVarint(&q, end, &tag);
      if (r <= 0) return r == 0 ? Status::kIncomplete : Status::kBad;
      const unsigned char* body = q;
      switch (tag & 7) {
        case 0:  // varint
          r = ReadVarint(&q, end, &n);
          if (r <= 0) return r == 0 ? Status::kIncomplete : Status::kBad;
          break;
        case 1:  // fixed64
          if (end - q < 8) return Status::kIncomplete;
          q += 8;
          break;
        case 2:  // length-delimited
          r = ReadVarint(&q, end, &n);
          if (r <= 0) return r == 0 ? Status::kIncomplete : Status::kBad;
          if (n > INT_MAX) return Status::kBad;
          if (static_cast<uint64_t>(end - q) < n) return Status::kIncomplete;
          body = q;
          q += n;
          break;
        case 5:  // fixed32
          if (end - q < 4) return Status::kIncomplete;
          q += 4;
          break;
        default:  // groups (no pprof writer uses them) or not protobuf
          return Status::kBad;
      }
      if (tag >> 3 == 0) return Status::kBad;
      if (tag == (2 << 3 | 2)) {
        if (!Sample(body, q)) return Status::kBad;
      } else {
        rest_.append(reinterpret_cast<const char*>(*p), q - *p);
      }
    }
  }

  /// Every field but the samples.
  const std::string& rest() const { return rest_; }
  /// Location ids too large for sample_locations: then they are all here.
  const std::vector<uint64_t>& wide_ids() const { return wide_; }
  bool wide() const { return wide_mode_; }
  /// The first sample whose count of values differs from the first sample's, or -1.
  int64_t odd_sample() const { return odd_sample_; }
  int odd_count() const { return odd_count_; }
  /// The count of values of the first sample (-1 if there is none).
  int first_count() const { return first_count_; }
  size_t location_ids() const { return wide_mode_ ? wide_.size() : out_.sample_locations.size(); }

 private:
  /// A Sample message (profile.proto: `location_id = 1`, `value = 2`, both repeated scalars,
  /// packed or not; `label = 3`, not needed here, skipped, as is any other field) into `out_`:
  /// its location ids as they are and its values. Decoded here, not by protobuf's generated
  /// parser, which took a third of the time of reading Go's profiles of millions of samples;
  /// the rest of the profile is protobuf's. As protobuf does, a field whose wire type is not
  /// its type's is skipped as unknown.
  bool Sample(const unsigned char* p, const unsigned char* end) {
    const size_t first = location_ids();
    const size_t first_value = out_.values.size();
    while (p < end) {
      uint64_t tag = 0, v = 0;
      if (ReadVarint(&p, end, &tag) <= 0 || tag >> 3 == 0) return false;
      const uint64_t field = tag >> 3;
      switch (tag & 7) {
        case 0:  // varint: one location id or value, not packed
          if (ReadVarint(&p, end, &v) <= 0) return false;
          if (field == 1) {
            AddLocation(v);
          } else if (field == 2) {
            out_.values.push_back(static_cast<int64_t>(v));
          }
          break;
        case 1:
          if (end - p < 8) return false;
          p += 8;
          break;
        case 2: {  // length-delimited: packed ids or values, a label, or unknown
          if (ReadVarint(&p, end, &v) <= 0 || v > static_cast<uint64_t>(end - p)) return false;
          const unsigned char* field_end = p + v;
          if (field == 1) {
            while (p < field_end) {
              if (ReadVarint(&p, field_end, &v) <= 0) return false;
              AddLocation(v);
            }
          } else if (field == 2) {
            while (p < field_end) {
              if (ReadVarint(&p, field_end, &v) <= 0) return false;
              out_.values.push_back(static_cast<int64_t>(v));
            }
          }
          p = field_end;
          break;
        }
        case 5:
          if (end - p < 4) return false;
          p += 4;
          break;
        default:  // groups (no pprof writer uses them) or not protobuf
          return false;
      }
    }
    const size_t count = location_ids() - first;
    if (first + count > UINT32_MAX) return false;  // beyond uint32_t indices
    out_.samples.push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(count)});
    const int values = static_cast<int>(out_.values.size() - first_value);
    if (first_count_ < 0) {
      first_count_ = values;
    } else if (values != first_count_ && odd_sample_ < 0) {
      odd_sample_ = static_cast<int64_t>(out_.samples.size()) - 1;
      odd_count_ = values;
    }
    return true;
  }

  /// A sample's location id: in sample_locations while every id fits 32 bits, else all in
  /// wide_.
  void AddLocation(uint64_t id) {
    if (!wide_mode_) {
      if (id <= UINT32_MAX) {
        out_.sample_locations.push_back(static_cast<uint32_t>(id));
        return;
      }
      wide_mode_ = true;
      wide_.assign(out_.sample_locations.begin(), out_.sample_locations.end());
      out_.sample_locations = {};
    }
    wide_.push_back(id);
  }

  HeapProfile& out_;
  std::string rest_;
  bool wide_mode_ = false;
  std::vector<uint64_t> wide_;
  int first_count_ = -1;
  int64_t odd_sample_ = -1;
  int odd_count_ = 0;
};

/// Ids (of functions, of locations) to indices: a vector when they are dense (pprof writers
/// number them 1..N), a hash map otherwise.
class IdIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  /// Indexes `n` elements whose ids `id(i)` gives. On a duplicate or zero id returns false with
  /// `*first` and `*second` the indices of the two elements that share it (equal for id 0).
  template <typename IdOf>
  bool Build(size_t n, IdOf id, size_t* first, size_t* second) {
    uint64_t max_id = 0;
    for (size_t i = 0; i < n; ++i) max_id = std::max(max_id, id(i));
    dense_ = max_id <= 2 * uint64_t{n} + 1024;
    if (dense_) {
      vec_.assign(max_id + 1, kNone);
    } else {
      map_.reserve(n);
    }
    for (size_t i = 0; i < n; ++i) {
      const uint64_t v = id(i);
      uint32_t* slot = dense_ ? &vec_[v] : &map_.try_emplace(v, kNone).first->second;
      if (v == 0 || *slot != kNone) {
        *first = v == 0 ? i : *slot;
        *second = i;
        return false;
      }
      *slot = static_cast<uint32_t>(i);
      identity_ = identity_ && v == i + 1;
    }
    return true;
  }

  /// Whether the ids are 1..N in order, as Go's writer numbers them: then id v is index v-1.
  bool identity() const { return identity_; }

  /// The index of the element with id `v`, or kNone.
  uint32_t Find(uint64_t v) const {
    if (dense_) return v < vec_.size() ? vec_[v] : kNone;
    return FindSparse(v);
  }

 private:
  uint32_t FindSparse(uint64_t v) const {
    const auto it = map_.find(v);
    return it == map_.end() ? kNone : it->second;
  }

  bool dense_ = true;
  bool identity_ = true;
  std::vector<uint32_t> vec_;
  absl::flat_hash_map<uint64_t, uint32_t> map_;
};

/// Resolves the profile's strings and ids into `out`, whose samples FieldSplitter filled;
/// checks every reference. False with `*error` set.
class Resolver {
 public:
  Resolver(const std::string& path, const pb::Profile& p, const FieldSplitter& split,
           HeapProfile* out, std::string* error)
      : path_(path), p_(p), split_(split), out_(*out), error_(*error) {}

  bool Run() {
    return SampleTypes() && IsHeap() && Mappings() && Functions() && Locations() && Values() &&
           SampleLocations();
  }

 private:
  /// String `index` of the table into `*s`; `what` names the field for the message.
  bool Str(int64_t index, const std::string& what, std::string* s) {
    if (index < 0 || index >= p_.string_table_size()) {
      error_ = fmt::format(
          "{}: {} is string {}, which the profile does not have (its string table has {})", path_,
          what, index, p_.string_table_size());
      return false;
    }
    *s = p_.string_table(static_cast<int>(index));
    return true;
  }

  bool SampleTypes() {
    out_.sample_types.resize(p_.sample_type_size());
    for (int i = 0; i < p_.sample_type_size(); ++i) {
      const pb::ValueType& t = p_.sample_type(i);
      HeapProfile::ValueType& v = out_.sample_types[i];
      if (!Str(t.type(), fmt::format("the type of sample type {}", i), &v.type) ||
          !Str(t.unit(), fmt::format("the unit of sample type {}", i), &v.unit)) {
        return false;
      }
    }
    std::string name;
    if (!Str(p_.default_sample_type(), "the default sample type", &name)) return false;
    out_.default_sample_type = name.empty() ? -1 : out_.SampleTypeIndex(name);
    out_.period = p_.period();
    return true;
  }

  /// At least one of the sample types Go's heap profiles have.
  bool IsHeap() {
    for (const char* t : {"alloc_objects", "alloc_space", "inuse_objects", "inuse_space"}) {
      if (out_.SampleTypeIndex(t) >= 0) return true;
    }
    if (out_.sample_types.empty()) {
      error_ = fmt::format("{} is not a heap profile: it has no sample types", path_);
      return false;
    }
    std::string types;
    for (const HeapProfile::ValueType& t : out_.sample_types) {
      types += fmt::format("{}{}/{}", types.empty() ? "" : ", ", t.type, t.unit);
    }
    // What kind of profile it is: pprof names it by its period type (`cpu`, `goroutine`,
    // `contentions`), which the string table may not have in a profile this broken.
    std::string kind;
    if (p_.has_period_type() && p_.period_type().type() > 0 &&
        p_.period_type().type() < p_.string_table_size()) {
      kind = p_.string_table(static_cast<int>(p_.period_type().type()));
    }
    if (kind.empty()) {
      error_ = fmt::format("{} is not a heap profile: its sample types are {}", path_, types);
    } else {
      error_ = fmt::format("{} is a {} profile ({}), not a heap profile", path_, kind, types);
    }
    return false;
  }

  bool Mappings() {
    if (p_.mapping_size() == 0) return true;
    return Str(p_.mapping(0).filename(), "the file name of mapping 0", &out_.main_binary);
  }

  bool Functions() {
    const int n = p_.function_size();
    size_t a = 0, b = 0;
    if (!functions_.Build(
            n, [&](size_t i) { return p_.function(static_cast<int>(i)).id(); }, &a, &b)) {
      return IdError("function", a, b, p_.function(static_cast<int>(b)).id());
    }
    out_.functions.resize(n);
    for (int i = 0; i < n; ++i) {
      const pb::Function& f = p_.function(i);
      HeapProfile::Function& g = out_.functions[i];
      if (!Str(f.name(), fmt::format("the name of function {} (id {})", i, f.id()), &g.name) ||
          !Str(f.filename(), fmt::format("the file name of function {} (id {})", i, f.id()),
               &g.filename)) {
        return false;
      }
    }
    return true;
  }

  bool Locations() {
    const int n = p_.location_size();
    size_t a = 0, b = 0;
    if (!locations_.Build(
            n, [&](size_t i) { return p_.location(static_cast<int>(i)).id(); }, &a, &b)) {
      return IdError("location", a, b, p_.location(static_cast<int>(b)).id());
    }
    size_t lines = 0;
    for (int i = 0; i < n; ++i) lines += p_.location(i).line_size();
    out_.lines.reserve(lines);
    out_.locations.resize(n);
    for (int i = 0; i < n; ++i) {
      const pb::Location& l = p_.location(i);
      HeapProfile::Location& m = out_.locations[i];
      m.first_line = static_cast<uint32_t>(out_.lines.size());
      for (const pb::Line& line : l.line()) {
        if (line.function_id() == 0) continue;  // an address without a function: nothing to join
        const uint32_t f = functions_.Find(line.function_id());
        if (f == IdIndex::kNone) {
          error_ = fmt::format(
              "{}: location {} (id {}) names function {}, which the profile does not have", path_,
              i, l.id(), line.function_id());
          return false;
        }
        out_.lines.push_back({f, line.line()});
      }
      m.line_count = static_cast<uint32_t>(out_.lines.size()) - m.first_line;
    }
    return true;
  }

  /// Every sample has one value per sample type.
  bool Values() {
    const size_t types = out_.sample_types.size();
    int64_t sample = -1, count = 0;
    if (split_.first_count() >= 0 && static_cast<size_t>(split_.first_count()) != types) {
      sample = 0;
      count = split_.first_count();
    } else if (split_.odd_sample() >= 0) {
      sample = split_.odd_sample();
      count = split_.odd_count();
    }
    if (sample < 0) return true;
    error_ = fmt::format("{}: sample {} has {} values, but the profile has {} sample types", path_,
                         sample, count, types);
    return false;
  }

  /// The samples' location ids into indices, in place.
  bool SampleLocations() {
    HugeVector<uint32_t>& locs = out_.sample_locations;
    if (split_.wide()) {
      locs.resize(split_.wide_ids().size());
      return SampleLocations(split_.wide_ids().data());
    }
    if (locations_.identity() && IdentityLocations()) return true;
    return SampleLocations(locs.data());
  }
  /// Ids 1..N to indices 0..N-1 in place, in one pass a compiler vectorizes; false, with the
  /// ids as they were, when one is out of range (SampleLocations then names it).
  bool IdentityLocations() {
    HugeVector<uint32_t>& locs = out_.sample_locations;
    const uint32_t n = static_cast<uint32_t>(out_.locations.size());
    uint32_t* const ids = locs.data();
    const size_t count = locs.size();
    bool bad = false;
    for (size_t k = 0; k < count; ++k) {
      const uint32_t index = ids[k] - 1;  // id 0 wraps to UINT32_MAX: out of range
      bad |= index >= n;
      ids[k] = index;
    }
    if (!bad) return true;
    for (size_t k = 0; k < count; ++k) ++ids[k];
    return false;
  }
  template <typename Id>
  bool SampleLocations(const Id* ids) {
    uint32_t* locs = out_.sample_locations.data();
    for (size_t i = 0; i < out_.samples.size(); ++i) {
      const HeapProfile::Sample& s = out_.samples[i];
      for (uint32_t k = s.first_location; k < s.first_location + s.location_count; ++k) {
        const uint64_t id = ids[k];
        const uint32_t l = locations_.Find(id);
        if (l == IdIndex::kNone) {
          error_ = fmt::format("{}: sample {} names location {}, which the profile does not have",
                               path_, i, id);
          return false;
        }
        locs[k] = l;
      }
    }
    return true;
  }

  bool IdError(const char* what, size_t a, size_t b, uint64_t id) {
    if (id == 0) {
      error_ = fmt::format("{}: {} {} has id 0, which pprof reserves for none", path_, what, b);
    } else {
      error_ = fmt::format("{}: {}s {} and {} both have id {}", path_, what, a, b, id);
    }
    return false;
  }

  const std::string& path_;
  const pb::Profile& p_;
  const FieldSplitter& split_;
  HeapProfile& out_;
  std::string& error_;
  IdIndex functions_, locations_;
};

/// Parses the profile's fields but its samples; protobuf's complaints (a string that is not
/// UTF-8) are not printed: the caller says what is wrong.
bool ParseRest(const std::string& rest, pb::Profile* p) {
  google::protobuf::LogHandler* old = google::protobuf::SetLogHandler(nullptr);
  const bool ok = p->ParseFromString(rest);
  google::protobuf::SetLogHandler(old);
  // Every pprof writer puts "" first in the string table (profile.proto); bytes that happen to
  // parse as protobuf rarely do.
  return ok && p->string_table_size() > 0 && p->string_table(0).empty();
}

/// How many bytes the file will give, for reserving: its size, or for gzip the uncompressed
/// size its trailer records (mod 2^32, of the last member: believed when deflate could have made
/// it, at most ~1032:1).
uint64_t SizeHint(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 18) return 0;
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  unsigned char head[2], tail[4];
  if (::pread(fd, head, 2, 0) != 2 || ::pread(fd, tail, 4, st.st_size - 4) != 4) return 0;
  if (head[0] != 0x1f || head[1] != 0x8b) return size;
  const uint64_t isize = uint64_t{tail[0]} | uint64_t{tail[1]} << 8 | uint64_t{tail[2]} << 16 |
                         uint64_t{tail[3]} << 24;
  return isize >= size && isize <= size * 1100 ? isize : size * 4;
}

bool Read(const std::string& path, HeapProfile* out, std::string* error) {
  const Fd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.fd < 0) {
    *error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return false;
  }
  // Reserved from the size, by the sizes of Go's samples (about 45 bytes, with 11 locations of
  // 2 bytes and 4 values): too much is memory never touched, too little grows (and copies).
  const uint64_t hint = SizeHint(fd.fd);
  out->samples.reserve(hint / 32);
  out->values.reserve(hint / 8);
  out->sample_locations.reserve(hint / 3);

  FieldSplitter split(out);
  bool bad = false, gzip = true;
  uint64_t total = 0;
  BigBuffer whole;
  size_t made = 0;
  if (WholeGunzip(fd.fd, &whole, &made)) {
    total = made;
    const unsigned char* p = whole.data();
    bad = split.Take(&p, whole.data() + made) != FieldSplitter::Status::kOk;
    whole.Free();
  } else {
    ChunkReader reader(path, fd.fd);
    Bytes window;  // the bytes not taken yet: a field cut between chunks, then the next chunk
    ChunkReader::Chunk c;
    while (reader.Next(&c)) {
      if (!bad) {
        if (!window.Reserve(window.size + c.size)) throw std::bad_alloc();
        std::memcpy(window.data.get() + window.size, c.data.get(), c.size);
        window.size += c.size;
        const auto* begin = reinterpret_cast<const unsigned char*>(window.data.get());
        const unsigned char* p = begin;
        bad = split.Take(&p, begin + window.size) == FieldSplitter::Status::kBad;
        window.size -= p - begin;
        std::memmove(window.data.get(), p, window.size);
      }
      reader.Return(&c);
      // After bytes that are not a profile, the rest of gzip data is read still: an error in
      // it is what to report.
      if (bad && !reader.gzip()) break;
    }
    bad = bad || window.size > 0;  // a field cut off by the end of the file
    reader.Stop();
    if (!reader.error().empty()) {
      *error = reader.error();
      return false;
    }
    gzip = reader.gzip();
    total = reader.total();
    if (total == 0 && !gzip) {
      *error = fmt::format("{} is empty", path);
      return false;
    }
  }
  const std::string not_protobuf =
      gzip ? fmt::format("{}: the gzip data is not a protobuf profile ({} bytes uncompressed)",
                         path, total)
           : fmt::format(
                 "{} is not a pprof profile: neither gzip-compressed nor a protobuf profile", path);
  google::protobuf::Arena arena;
  auto* profile = google::protobuf::Arena::CreateMessage<pb::Profile>(&arena);
  if (bad || !ParseRest(split.rest(), profile)) {
    *error = not_protobuf;
    return false;
  }
  return Resolver(path, *profile, split, out, error).Run();
}

}  // namespace

bool ReadHeapProfile(const std::string& path, HeapProfile* out, std::string* error) {
  *out = HeapProfile{};
  out->path = path;
  bool ok = false;
  try {
    ok = Read(path, out, error);
  } catch (const std::exception& e) {
    *error = fmt::format("{}: cannot read: {}", path,
                         dynamic_cast<const std::bad_alloc*>(&e) ? "out of memory" : e.what());
  }
  if (!ok) {
    *out = HeapProfile{};
    out->path = path;
  }
  return ok;
}

}  // namespace escviz
