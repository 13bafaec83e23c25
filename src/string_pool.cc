#include "src/string_pool.h"

#include <cstring>

namespace escviz {

namespace {
constexpr size_t kBlock = 1u << 20;
}

StringPool::StringPool() { Intern(""); }

std::string_view StringPool::Store(std::string_view s) {
  if (s.empty()) return std::string_view();
  if (s.size() > kBlock / 4) {  // a long string gets a block of its own
    large_.push_back(std::make_unique<char[]>(s.size()));
    std::memcpy(large_.back().get(), s.data(), s.size());
    return std::string_view(large_.back().get(), s.size());
  }
  if (blocks_.empty() || kBlock - block_used_ < s.size()) {
    blocks_.push_back(std::make_unique<char[]>(kBlock));
    block_used_ = 0;
  }
  char* p = blocks_.back().get() + block_used_;
  std::memcpy(p, s.data(), s.size());
  block_used_ += s.size();
  return std::string_view(p, s.size());
}

StrId StringPool::Intern(std::string_view s) {
  auto [it, added] = index_.try_emplace(s, static_cast<StrId>(views_.size()));
  if (!added) return it->second;
  // The key must point at the stored copy, not at the caller's text: rewrite it in place (same
  // bytes, same hash, so the table stays consistent).
  const std::string_view stored = Store(s);
  const_cast<std::string_view&>(it->first) = stored;
  views_.push_back(stored);
  return it->second;
}

bool StringPool::Find(std::string_view s, StrId* id) const {
  auto it = index_.find(s);
  if (it == index_.end()) return false;
  *id = it->second;
  return true;
}

}  // namespace escviz
