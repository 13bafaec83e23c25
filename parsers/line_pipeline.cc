#include "parsers/line_pipeline.h"

#include <utility>

#include "parsers/raw_string.h"
#include "src/position.h"

namespace escviz {

LinePipeline::LinePipeline(LineReader* reader, const Classifier* classifier)
    : reader_(reader), classifier_(classifier) {
  for (size_t i = 0; i < kBatches; ++i) free_.push_back(std::make_unique<LineBatch>());
  thread_ = std::thread([this] { Produce(); });
}

LinePipeline::~LinePipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

bool LinePipeline::ReadLine(std::string_view* line, bool* cut) {
  if (has_held_) {
    has_held_ = false;
    *line = held_;
    *cut = held_cut_;
    return true;
  }
  if (!reader_->Next(line)) return false;
  *cut = reader_->cut();
  return true;
}

void LinePipeline::JoinContinuation(LineBatch* b, size_t start, ClassifiedLine* record) {
  std::string_view next;
  bool cut = false;
  PosText pos;
  bool open = true;
  while (open && ReadLine(&next, &cut)) {
    const size_t size = b->text.size() - start + 1 + next.size();
    if (ParsePositionPrefix(next, &pos) != std::string_view::npos || size > LineReader::kMaxLine) {
      held_.assign(next);
      held_cut_ = cut;
      has_held_ = true;
      return;
    }
    b->text += '\n';
    b->text.append(next);
    ++record->lines;
    record->cut |= cut;
    open = RawStringOpenAfter(next, /*open=*/true);
  }
}

bool LinePipeline::Fill(LineBatch* b) {
  b->text.clear();
  b->lines.clear();
  // Offsets first: appending may move the text, so views are made once the batch is full.
  std::vector<std::pair<size_t, size_t>> spans;
  std::string_view line;
  bool cut = false;
  PosText pos;
  while (b->lines.size() < kBatchLines && b->text.size() < kBatchBytes && ReadLine(&line, &cut)) {
    const size_t start = b->text.size();
    b->text.append(line);
    ClassifiedLine cl;
    cl.cut = cut;
    if (RawStringOpenAfter(line, /*open=*/false) &&
        ParsePositionPrefix(line, &pos) != std::string_view::npos) {
      JoinContinuation(b, start, &cl);
    }
    spans.emplace_back(start, b->text.size() - start);
    b->lines.push_back(cl);
  }
  for (size_t i = 0; i < b->lines.size(); ++i) {
    ClassifiedLine& cl = b->lines[i];
    cl.text = std::string_view(b->text).substr(spans[i].first, spans[i].second);
    cl.parsed = classifier_->Classify(cl.text);
  }
  return !b->lines.empty();
}

void LinePipeline::Produce() {
  for (;;) {
    std::unique_ptr<LineBatch> b;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !free_.empty(); });
      if (stop_) break;
      b = std::move(free_.back());
      free_.pop_back();
    }
    const bool more = Fill(b.get());
    std::lock_guard<std::mutex> lock(mu_);
    if (more) full_.push_back(std::move(b));
    if (!more) break;
    cv_.notify_all();
  }
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  cv_.notify_all();
}

const LineBatch* LinePipeline::Next() {
  std::unique_lock<std::mutex> lock(mu_);
  if (current_ != nullptr) {
    free_.push_back(std::move(current_));
    cv_.notify_all();
  }
  cv_.wait(lock, [this] { return done_ || !full_.empty(); });
  if (full_.empty()) return nullptr;
  current_ = std::move(full_.front());
  full_.pop_front();
  return current_.get();
}

}  // namespace escviz
