#pragma once
/// A progress bar on standard error, by phase (`read`, `analyse`, `pages`, `graphs`): one line
/// redrawn in place, only when standard error is a terminal and not turned off (`--quiet`).

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "render/report_writer.h"

namespace escviz {

class Progress : public ReportProgress {
 public:
  /// Draws on `err` only if `enabled`.
  Progress(std::ostream* err, bool enabled) : err_(err), enabled_(enabled) {}
  ~Progress() { Finish(); }

  /// Starts a phase of `total` steps (0: a phase without a count).
  void Phase(std::string name, uint64_t total) override;
  /// Marks `n` more steps done; redraws at most every 100 ms.
  void Advance(uint64_t n = 1) override;
  /// Ends the last phase and the line.
  void Finish();

 private:
  void Draw();

  std::ostream* err_;
  bool enabled_;
  bool open_ = false;
  std::string name_;
  uint64_t total_ = 0, done_ = 0;
  int phase_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace escviz
