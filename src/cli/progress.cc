#include "src/cli/progress.h"

#include <fmt/format.h>

namespace escviz {

void Progress::Phase(std::string name, uint64_t total) {
  if (!enabled_) return;
  name_ = std::move(name);
  total_ = total;
  done_ = 0;
  ++phase_;
  open_ = true;
  last_ = {};
  Draw();
}

void Progress::Advance(uint64_t n) {
  if (!enabled_) return;
  done_ += n;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_ = now;
  Draw();
}

void Progress::Draw() {
  constexpr int kWidth = 30;
  std::string line = fmt::format("\r[{}/4] {:<8}", phase_, name_);
  if (total_ > 0) {
    int filled = static_cast<int>(kWidth * std::min(done_, total_) / total_);
    line += "[" + std::string(static_cast<size_t>(filled), '#') +
            std::string(static_cast<size_t>(kWidth - filled), '.') + "]" +
            fmt::format(" {}/{}", done_, total_);
  } else {
    line += "...";
  }
  *err_ << line << "\x1b[K" << std::flush;
}

void Progress::Finish() {
  if (!enabled_ || !open_) return;
  *err_ << "\r\x1b[K" << std::flush;
  open_ = false;
}

}  // namespace escviz
