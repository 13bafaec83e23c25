#pragma once
/// Phase timings on standard error, for profiling (README "Benchmark"): with ESCVIZ_TIMINGS set
/// in the environment, each phase of a run (`parse`, `sources`, `analyze`, ...) prints one line
/// `escviz: timing PHASE: WALL s wall, CPU s cpu` when it ends. Silent otherwise.

#include <chrono>
#include <string>

namespace escviz {

class Timings {
 public:
  /// The process-wide instance (phases nest across the command layer).
  static Timings& Get();
  /// Ends the phase running (if any), printing its line, and starts `name`.
  void Phase(const std::string& name);
  /// Ends the phase running, if any.
  void End();

 private:
  Timings();
  bool enabled_;
  std::string name_;
  std::chrono::steady_clock::time_point wall_{};
  double cpu_ = 0;
};

}  // namespace escviz
