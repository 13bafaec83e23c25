#pragma once
/// Reading and classifying on a second thread. Parsing a log has two halves of about equal cost:
/// reading and classifying lines (stateless, parsers/classifier.h), and building the model from
/// them (stateful, in input order, parsers/model_builder.h). The pipeline runs the first half on
/// its own thread, in batches of lines, while the caller builds the model from the batches before.
/// At most kBatches batches exist at a time, so memory stays bounded (a batch holds about
/// kBatchBytes of text, or one line of up to LineReader::kMaxLine).

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "parsers/classifier.h"
#include "parsers/line_reader.h"

namespace escviz {

/// One record of a batch: its classification (views into LineBatch::text) and its text. A record
/// is one line, or several when a message runs on while a raw string literal is open
/// (parsers/raw_string.h): then `text` holds them joined by '\n'.
struct ClassifiedLine {
  ParsedLine parsed;
  std::string_view text;
  uint32_t lines = 1;  ///< physical lines in the record
  bool cut = false;    ///< a line longer than LineReader::kMaxLine: only its start was read
};

struct LineBatch {
  std::string text;  ///< the lines' bytes, back to back
  std::vector<ClassifiedLine> lines;
};

class LinePipeline {
 public:
  static constexpr size_t kBatches = 4;
  static constexpr size_t kBatchBytes = 1u << 20;
  static constexpr size_t kBatchLines = 8192;

  /// Starts reading `reader` (which must stay alive and untouched until the end) on a thread.
  LinePipeline(LineReader* reader, const Classifier* classifier);
  /// Stops the thread early if input is left, and waits for it.
  ~LinePipeline();
  LinePipeline(const LinePipeline&) = delete;
  LinePipeline& operator=(const LinePipeline&) = delete;

  /// The next batch in input order, or null at the end of input (then `reader->error()` tells
  /// whether input ended on a read error). The batch stays valid until the next call.
  const LineBatch* Next();

 private:
  void Produce();
  /// Fills `b` with up to kBatchLines records (kBatchBytes of text); false if none were left.
  bool Fill(LineBatch* b);
  /// The next line: the one held back, else the reader's. Sets `cut` as LineReader::cut().
  bool ReadLine(std::string_view* line, bool* cut);
  /// Appends to the record that starts at b->text[start] the lines that continue its open raw
  /// string literal, up to the one that closes it. A line that starts a new positioned message,
  /// or would take the record past LineReader::kMaxLine, ends the record and is held back.
  void JoinContinuation(LineBatch* b, size_t start, ClassifiedLine* record);

  LineReader* reader_;
  const Classifier* classifier_;
  std::string held_;  ///< a line read but not yet used (it ended a multi-line record)
  bool held_cut_ = false;
  bool has_held_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<LineBatch>> full_;   ///< classified, waiting for the consumer
  std::vector<std::unique_ptr<LineBatch>> free_;  ///< consumed, ready for reuse
  std::unique_ptr<LineBatch> current_;            ///< the batch the consumer holds
  bool done_ = false;                             ///< the producer has finished
  bool stop_ = false;                             ///< the consumer has gone away
  std::thread thread_;
};

}  // namespace escviz
