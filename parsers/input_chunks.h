#pragma once
/// Cuts one input into chunks of whole records, in input order, so that chunks can be split into
/// lines and classified on several threads (parsers/line_pipeline.h). A regular, uncompressed
/// file is mapped into memory and chunks are views into the mapping: no copy, and pages already
/// used are handed back to the kernel (Release), so resident memory stays at a few chunks.
/// Standard input, pipes and gzip files are streamed through LineReader into chunk buffers.
///
/// A chunk never ends inside a record (parsers/record_tracker.h): it ends before a line that
/// starts with a position (which always starts a record), before a line longer than
/// LineReader::kMaxLine (which does too), where records are followed line by line, or at the end
/// of input.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/line_reader.h"
#include "parsers/mapping_guard.h"
#include "parsers/record_tracker.h"

namespace escviz {

/// A piece of input: whole lines, in input order.
struct RawChunk {
  /// The lines, each ended by '\n' except the last line of the input when it has none. Lines are
  /// as in the input except where `strip_cr` says otherwise; over-long ones are cut.
  std::string_view text;
  std::string buffer;  ///< the bytes, when streamed (`text` views them); unused when mapped
  /// Lines of `text` (0-based) that were longer than LineReader::kMaxLine and are cut there.
  std::vector<uint32_t> cut_lines;
  /// The last line of `text` is the input's last and had no line end (a log cut off mid-line).
  bool unterminated = false;
  /// Strip a '\r' before each '\n' (mapped input; LineReader strips it from streams).
  bool strip_cr = false;
  /// Mapped bytes this chunk has seen to the end of, for InputChunks::Release (0 when streamed).
  size_t mapped_end = 0;
};

class InputChunks {
 public:
  /// Chunks end at the first record boundary at or after this many bytes. Each chunk in
  /// flight (LinePipeline::kSlots of them) holds a classified record of about 200 bytes per
  /// line, so a chunk of short verdict lines costs seven times its size: 512 KiB keeps that
  /// near 25 MB in all, as fast as 2 MiB was (issue 21).
  static constexpr size_t kChunkBytes = 512u << 10;

  /// Chunks of about `chunk_bytes` (tests use tiny ones, to put boundaries everywhere).
  explicit InputChunks(size_t chunk_bytes = kChunkBytes) : chunk_bytes_(chunk_bytes) {}
  ~InputChunks();
  InputChunks(const InputChunks&) = delete;
  InputChunks& operator=(const InputChunks&) = delete;

  /// Opens `path` (`-` for standard input): a regular file that is not gzip is mapped, anything
  /// else is streamed.
  bool Open(const std::string& path, std::string* err);
  /// Reads `data` through a memory file (so, mapped), so that tests and fuzzing take the path
  /// files take.
  bool OpenMemory(std::string_view data, std::string* err);
  /// Reads from an open file descriptor, which it then owns (mapped if it is a regular file
  /// that is not gzip).
  bool OpenFd(int fd, std::string* err);
  /// True if the input is mapped rather than streamed.
  bool mapped() const { return map_ != nullptr; }

  /// The next chunk into `*c` (its previous contents replaced); false at the end of input or on
  /// a read error (see error()). Not thread-safe: callers take turns.
  bool Next(RawChunk* c);
  /// Hands the mapped pages before `mapped_end` back to the kernel (they would be read from the
  /// file again if touched). Called in input order, once a chunk is used; may run while another
  /// thread is in Next.
  void Release(size_t mapped_end);
  /// The read error that ended input, or empty.
  const std::string& error() const { return reader_.error(); }
  /// What the end of input ignored (LineReader::warning), or empty.
  const std::string& warning() const { return reader_.warning(); }

 private:
  bool NextMapped(RawChunk* c);
  bool NextStreamed(RawChunk* c);
  /// Where the chunk that starts at `start` ends: the first record start at or after `target`.
  size_t Boundary(size_t start, size_t target) const;
  /// The '\n' that ends the mapped line at `line`, the end of the mapping for the last line,
  /// or nullptr if the line is longer than LineReader::kMaxLine + 1 bytes (over-long).
  const char* LineEnd(const char* line) const;

  size_t chunk_bytes_;
  std::string name_ = "<memory>";  ///< for the message if the mapped file shrinks
  // Mapped input.
  const char* map_ = nullptr;  ///< the input's first byte: map_offset_ past the mapping's start
  size_t map_offset_ = 0;      ///< where the input starts in its file (standard input's offset)
  size_t size_ = 0;            ///< bytes from map_ on
  size_t pos_ = 0;             ///< start of the next chunk
  std::unique_ptr<MappingGuard> guard_;  ///< a shrinking file is an error, not a crash
  size_t released_ = 0;  ///< pages of the mapping before this offset (from its start) released
  // Streamed input.
  LineReader reader_;
  std::string held_;  ///< a line read but not yet in a chunk (it starts the next one)
  bool has_held_ = false;
  bool held_cut_ = false;
  RecordTracker records_;  ///< where records start in the stream, to cut chunks between them
};

}  // namespace escviz
