#include "parsers/mapping_guard.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace escviz {
namespace {

constexpr int kSlots = 16;
constexpr size_t kNameBytes = 480;

/// One guarded mapping. The handler reads the slots without locks: `used` is set after the
/// rest is written and cleared before it is changed.
struct Slot {
  std::atomic<bool> used{false};
  uintptr_t begin = 0, end = 0;
  char name[kNameBytes + 1] = {};
  size_t name_size = 0;
};
Slot slots[kSlots];
std::mutex slots_mutex;  // taken by constructors and destructors, never by the handler

void Write(const char* s, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<size_t>(w);
  }
}

void OnSigbus(int sig, siginfo_t* info, void* /*context*/) {
  const uintptr_t addr = reinterpret_cast<uintptr_t>(info->si_addr);
  for (const Slot& s : slots) {
    if (!s.used.load(std::memory_order_acquire) || addr < s.begin || addr >= s.end) continue;
    // Only async-signal-safe calls from here on.
    static const char kPrefix[] = "escviz: error: ";
    static const char kSuffix[] =
        ": the input shrank while it was read (is a build still writing it?)\n";
    Write(kPrefix, sizeof kPrefix - 1);
    Write(s.name, s.name_size);
    Write(kSuffix, sizeof kSuffix - 1);
    _exit(2);
  }
  // Not a guarded input: what SIGBUS would have done.
  signal(sig, SIG_DFL);
  raise(sig);
}

void InstallHandler() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = OnSigbus;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGBUS, &sa, nullptr);
}

}  // namespace

MappingGuard::MappingGuard(const void* begin, size_t size, std::string_view name) {
  static std::once_flag installed;
  std::call_once(installed, InstallHandler);
  std::lock_guard<std::mutex> lock(slots_mutex);
  for (int i = 0; i < kSlots; ++i) {
    Slot& s = slots[i];
    if (s.used.load(std::memory_order_relaxed)) continue;
    s.begin = reinterpret_cast<uintptr_t>(begin);
    s.end = s.begin + size;
    s.name_size = std::min(name.size(), kNameBytes);
    std::memcpy(s.name, name.data(), s.name_size);
    s.used.store(true, std::memory_order_release);
    slot_ = i;
    return;
  }
}

MappingGuard::~MappingGuard() {
  if (slot_ < 0) return;
  std::lock_guard<std::mutex> lock(slots_mutex);
  slots[slot_].used.store(false, std::memory_order_release);
}

}  // namespace escviz
