#pragma once
/// Interned strings: every distinct string is stored once and named by a small integer id.
/// Logs repeat the same file names, functions and expressions thousands of times.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace escviz {

using StrId = uint32_t;

/// Owns interned strings. Id 0 is always the empty string. Views stay valid for the pool's life.
class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  /// Returns the id of `s`, adding it if it is new.
  StrId Intern(std::string_view s);
  /// Sets `*id` and returns true if `s` is interned already.
  bool Find(std::string_view s, StrId* id) const;
  std::string_view Get(StrId id) const { return views_[id]; }
  size_t size() const { return views_.size(); }

 private:
  std::deque<std::string> storage_;
  std::deque<std::string_view> views_;
  std::unordered_map<std::string_view, StrId> index_;
};

}  // namespace escviz
