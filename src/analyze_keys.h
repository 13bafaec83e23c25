#pragma once
/// Integer keys for the hash maps of Analyze (src/chains.h): ids of interned strings, and two
/// 32-bit ids packed into one 64-bit key. Shared by callee_index, cause_ranking and chains.cc.

#include <cstdint>
#include <string_view>

#include "src/model.h"

namespace escviz {

/// `hi` and `lo` as one key: `hi` in the high half.
inline uint64_t Pack(uint32_t hi, uint32_t lo) { return (static_cast<uint64_t>(hi) << 32) | lo; }

/// The id of `s` in the model's string pool, or kNone when no interned string equals it. The
/// pool stores each distinct string once, so ids compare like the strings they name.
inline StrId FindId(const Model& m, std::string_view s) {
  StrId id = 0;
  return m.strings.Find(s, &id) ? id : kNone;
}

}  // namespace escviz
