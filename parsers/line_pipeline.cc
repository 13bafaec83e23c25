#include "parsers/line_pipeline.h"

#include <utility>

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

bool LinePipeline::Fill(LineBatch* b) {
  b->text.clear();
  b->lines.clear();
  // Offsets first: appending may move the text, so views are made once the batch is full.
  std::vector<std::pair<size_t, size_t>> spans;
  std::string_view line;
  while (b->lines.size() < kBatchLines && b->text.size() < kBatchBytes && reader_->Next(&line)) {
    spans.emplace_back(b->text.size(), line.size());
    b->text.append(line);
    ClassifiedLine cl;
    cl.cut = reader_->cut();
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
