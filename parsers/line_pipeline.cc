#include "parsers/line_pipeline.h"

#include <algorithm>
#include <cstring>

#include "parsers/record_tracker.h"

namespace escviz {

LinePipeline::LinePipeline(InputChunks* input, const Classifier* classifier, int workers)
    : input_(input), classifier_(classifier) {
  if (workers < 0) workers = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { Work(); });
}

LinePipeline::~LinePipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void LinePipeline::Split(const Classifier& classifier, LineBatch* b) {
  b->lines.clear();
  b->joined.clear();
  const RawChunk& raw = b->raw;
  const char* p = raw.text.data();
  const char* const end = p + raw.text.size();
  auto cut_it = raw.cut_lines.begin();
  RecordTracker records;
  size_t unrecognized_kept = 0;
  // Classifies the last record, now complete; a one-line record that carries nothing is folded
  // into the record before it as a count.
  auto finish_last = [&] {
    ClassifiedLine& r = b->lines.back();
    r.parsed = classifier.Classify(r.text);
    const LineKind kind = r.parsed.kind;
    if (kind != LineKind::kBlank && kind != LineKind::kUnrecognized) return;
    if (r.lines != 1 || r.cut || b->lines.size() < 2) return;
    if (kind == LineKind::kUnrecognized && unrecognized_kept++ < kKeptUnrecognized) return;
    ClassifiedLine& before = b->lines[b->lines.size() - 2];
    ++(kind == LineKind::kBlank ? before.more_blank : before.more_unrecognized);
    b->lines.pop_back();
  };
  for (uint32_t index = 0; p < end; ++index) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (nl == nullptr) nl = end;
    size_t len = static_cast<size_t>(nl - p);
    if (raw.strip_cr && len > 0 && p[len - 1] == '\r') --len;
    bool cut = cut_it != raw.cut_lines.end() && *cut_it == index;
    if (cut) ++cut_it;
    if (len > LineReader::kMaxLine) {
      len = LineReader::kMaxLine;
      cut = true;
    }
    const std::string_view line(p, len);
    if (records.Feed(line) || b->lines.empty()) {
      if (!b->lines.empty()) finish_last();
      ClassifiedLine cl;
      cl.text = line;
      cl.cut = cut;
      b->lines.push_back(cl);
    } else {  // the line continues the record before it: join them with '\n'
      ClassifiedLine& r = b->lines.back();
      if (r.text.data() + r.text.size() == p - 1) {  // contiguous in the input already
        r.text = std::string_view(r.text.data(), r.text.size() + 1 + len);
      } else {
        if (b->joined.empty() || r.text.data() != b->joined.back().data()) {
          b->joined.emplace_back(r.text);
        }
        std::string& j = b->joined.back();
        j += '\n';
        j.append(line);
        r.text = j;
      }
      ++r.lines;
      r.cut |= cut;
    }
    p = nl + 1;
  }
  if (!b->lines.empty()) finish_last();
}

bool LinePipeline::FillOne(std::unique_lock<std::mutex>* lock) {
  if (!CanClaim()) return false;
  // Lock order: read_mu_, then mu_.
  lock->unlock();
  std::unique_lock<std::mutex> reading(read_mu_);
  lock->lock();
  if (!CanClaim()) return false;
  const uint64_t seq = next_claim_++;
  Slot& slot = slots_[seq % kSlots];  // free: chunk seq - kSlots was given back
  slot.state = State::kFilling;
  slot.seq = seq;
  lock->unlock();
  const bool got = input_->Next(&slot.batch.raw);
  if (!got) {
    lock->lock();
    slot.state = State::kFree;
    input_done_ = true;
    total_ = seq;
    cv_.notify_all();
    return false;
  }
  reading.unlock();
  Split(*classifier_, &slot.batch);
  lock->lock();
  slot.state = State::kReady;
  cv_.notify_all();
  return true;
}

void LinePipeline::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || input_done_ || CanClaim(); });
    if (stop_ || input_done_) return;
    FillOne(&lock);
  }
}

const LineBatch* LinePipeline::Next() {
  std::unique_lock<std::mutex> lock(mu_);
  if (holding_) {  // give the caller's chunk back
    Slot& held = slots_[(next_consume_ - 1) % kSlots];
    const size_t mapped_end = held.batch.raw.mapped_end;
    held.state = State::kFree;
    ++released_;
    holding_ = false;
    cv_.notify_all();
    lock.unlock();
    input_->Release(mapped_end);
    lock.lock();
  }
  for (;;) {
    if (next_consume_ == total_) return nullptr;
    Slot& slot = slots_[next_consume_ % kSlots];
    if (slot.state == State::kReady && slot.seq == next_consume_) {
      ++next_consume_;
      holding_ = true;
      return &slot.batch;
    }
    // Not ready: classify a chunk here rather than wait, if one is left to claim.
    if (!FillOne(&lock)) {
      if (next_consume_ == total_) return nullptr;
      if (slot.state == State::kReady && slot.seq == next_consume_) continue;
      cv_.wait(lock);
    }
  }
}

}  // namespace escviz
