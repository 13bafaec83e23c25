#pragma once
/// Splitting and classifying on every core, building in order. Parsing a log has two halves:
/// splitting chunks of input into records and classifying them (stateless, parsers/classifier.h),
/// and building the model from them (stateful, in input order, parsers/model_builder.h). The
/// pipeline runs the first half on worker threads, a chunk (parsers/input_chunks.h) at a time,
/// while the caller builds the model from the chunks before; when the chunk the caller needs next
/// is not ready, the caller classifies one itself rather than wait. At most kSlots chunks exist
/// at a time, so memory stays bounded.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "parsers/classifier.h"
#include "parsers/input_chunks.h"

namespace escviz {

/// One record of a batch: its classification (views into its text) and its text. A record is
/// one line, or several when a message runs on while a raw string literal is open
/// (parsers/record_tracker.h): then `text` holds them joined by '\n'.
struct ClassifiedLine {
  ParsedLine parsed;
  std::string_view text;
  uint32_t lines = 1;  ///< physical lines in the record
  bool cut = false;    ///< a line longer than LineReader::kMaxLine: only its start was read
  /// Lines right after this record that carry nothing to keep, only to count: blank lines, and
  /// unrecognized lines once the batch holds kKeptUnrecognized of them as records (the model
  /// keeps the first few as samples). So a chunk of noise takes a few records, not one per
  /// line: memory stays flat on lines that carry nothing.
  uint32_t more_blank = 0, more_unrecognized = 0;
};

/// Unrecognized lines a batch keeps as records of their own (at least the model's samples).
constexpr size_t kKeptUnrecognized = 32;

/// A chunk of input, split into classified records.
struct LineBatch {
  RawChunk raw;
  std::vector<ClassifiedLine> lines;
  std::deque<std::string> joined;  ///< texts of records whose lines are not contiguous in `raw`
};

class LinePipeline {
 public:
  static constexpr size_t kSlots = 6;

  /// Starts classifying `input` (which must outlive the pipeline) on `workers` threads besides
  /// the caller's; -1 for one per core but one (at least one). With 0, Next does all the work.
  LinePipeline(InputChunks* input, const Classifier* classifier, int workers = -1);
  /// Stops the workers early if input is left, and waits for them.
  ~LinePipeline();
  LinePipeline(const LinePipeline&) = delete;
  LinePipeline& operator=(const LinePipeline&) = delete;

  /// The next batch in input order, or null at the end of input (then `input->error()` tells
  /// whether input ended on a read error). The batch stays valid until the next call.
  const LineBatch* Next();

  /// Splits `b->raw` into records and classifies them into `b->lines`. Exposed for tests.
  static void Split(const Classifier& classifier, LineBatch* b);

 private:
  enum class State : uint8_t { kFree, kFilling, kReady };
  struct Slot {
    LineBatch batch;
    State state = State::kFree;
    uint64_t seq = 0;
  };

  void Work();
  /// Reads the next chunk into a free slot and classifies it; false if there was none to read
  /// (input done, or no free slot). Called with `lock` held; returns with it held.
  bool FillOne(std::unique_lock<std::mutex>* lock);
  bool CanClaim() const { return !input_done_ && next_claim_ < released_ + kSlots; }

  InputChunks* input_;
  const Classifier* classifier_;
  std::mutex read_mu_;  ///< one reader of input at a time, claiming chunks in order
  std::mutex mu_;
  std::condition_variable cv_;
  Slot slots_[kSlots];
  uint64_t next_claim_ = 0;      ///< sequence number of the next chunk to read
  uint64_t next_consume_ = 0;    ///< sequence number of the next chunk to hand out
  uint64_t released_ = 0;        ///< chunks handed out and given back
  uint64_t total_ = UINT64_MAX;  ///< number of chunks, once input has ended
  bool input_done_ = false;
  bool holding_ = false;  ///< the caller holds chunk next_consume_ - 1
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace escviz
