#pragma once
/// A mapped input that shrinks while it is read (a log still being written by a running build,
/// truncated by another job) makes the next read of a page past its new end raise SIGBUS, which
/// would kill escviz with "Bus error". While a MappingGuard lives, such a fault inside its pages
/// ends the process with `escviz: error: FILE: the input shrank while it was read ...` and exit
/// status 2 instead. Outputs are opened only once every input is read, so nothing partial is
/// left behind. Faults elsewhere keep the default action.

#include <cstddef>
#include <string_view>

namespace escviz {

class MappingGuard {
 public:
  /// Guards the mapping [begin, begin + size) of the input called `name` (cut to 480 bytes).
  /// Installs the SIGBUS handler the first time. At most 16 mappings are guarded at once; more
  /// are mapped unguarded.
  MappingGuard(const void* begin, size_t size, std::string_view name);
  ~MappingGuard();
  MappingGuard(const MappingGuard&) = delete;
  MappingGuard& operator=(const MappingGuard&) = delete;

 private:
  int slot_ = -1;
};

}  // namespace escviz
