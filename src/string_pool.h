#pragma once
/// Interned strings: every distinct string is stored once and named by a small integer id.
/// Logs repeat the same file names, functions and expressions thousands of times; interning is
/// the model builder's main cost (millions of lookups on the standard-library log), so the index
/// is an open-addressing table (absl::flat_hash_map) and the bytes live in large arena blocks.

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>
#include <absl/strings/string_view.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace escviz {

using StrId = uint32_t;

/// Hashes a std::string_view with absl's own string hash. Debian's absl keeps absl::string_view
/// a type of its own, so an absl::flat_hash_map keyed by std::string_view falls back to
/// std::hash (libstdc++'s murmur hash: 8% of `summary` on the standard-library log when the
/// string pool used it); this is absl's hash of the same bytes.
struct StringViewHash {
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
  }
};

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
  /// Copies `s` into the arena; the view stays valid (blocks never move).
  std::string_view Store(std::string_view s);

  std::vector<std::unique_ptr<char[]>> blocks_;  ///< arena blocks; the last one is filling
  size_t block_used_ = 0;                        ///< bytes used of the last block
  std::vector<std::unique_ptr<char[]>> large_;   ///< strings too long for a block
  std::vector<std::string_view> views_;
  absl::flat_hash_map<std::string_view, StrId, StringViewHash> index_;
};

}  // namespace escviz
