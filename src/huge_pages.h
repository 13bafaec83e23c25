#pragma once
/// An allocator for arrays of many megabytes that are filled once and read through (a heap
/// profile's samples, src/heap_profile.h): from 2 MiB up it maps memory of its own and asks the
/// kernel for huge pages (Linux's transparent huge pages, in their usual `madvise` mode), so that
/// filling 100 MB takes some 50 page faults instead of 25,000; the kernel gives ordinary pages
/// where it has no huge ones. Smaller arrays come from the ordinary heap.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

namespace escviz {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding, as allocators do

  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>().allocate(n);
    void* m =
        ::mmap(nullptr, Room(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) throw std::bad_alloc();
    ::madvise(m, Room(bytes), MADV_HUGEPAGE);  // a hint: refused, the pages are ordinary ones
    return static_cast<T*>(m);
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) {
      std::allocator<T>().deallocate(p, n);
    } else {
      ::munmap(p, Room(bytes));
    }
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const {
    return false;
  }

 private:
  static size_t Room(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
};

/// A vector on HugePageAllocator.
template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace escviz
