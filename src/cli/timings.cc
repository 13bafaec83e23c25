#include "src/cli/timings.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>

namespace escviz {

namespace {
/// User plus system CPU seconds of the process (all threads).
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}
}  // namespace

Timings& Timings::Get() {
  static Timings t;
  return t;
}

Timings::Timings() : enabled_(std::getenv("ESCVIZ_TIMINGS") != nullptr) {}

void Timings::Phase(const std::string& name) {
  if (!enabled_) return;
  End();
  name_ = name;
  wall_ = std::chrono::steady_clock::now();
  cpu_ = CpuSeconds();
}

void Timings::End() {
  if (!enabled_ || name_.empty()) return;
  std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_;
  std::fputs(fmt::format("escviz: timing {}: {:.3f} s wall, {:.3f} s cpu\n", name_, wall.count(),
                         CpuSeconds() - cpu_)
                 .c_str(),
             stderr);
  name_.clear();
}

}  // namespace escviz
