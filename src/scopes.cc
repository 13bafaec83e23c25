// Scopes (src/scopes.h): package names qualified once per package, scopes given on demand.

#include "src/scopes.h"

#include <unordered_map>
#include <utility>

namespace escviz {

Scopes::Scopes(const Model& m) : m_(m) {
  std::unordered_map<std::string, uint32_t> ids;  // once per package
  package_of_.resize(m.packages.size());
  for (uint32_t p = 0; p < m.packages.size(); ++p) {
    std::string name = m.PackageName(p);
    auto [it, added] = ids.try_emplace(name, static_cast<uint32_t>(package_names_.size()));
    if (added) package_names_.push_back(std::move(name));
    package_of_[p] = it->second;
  }
  unknown_ = FindId(m, "?");
  if (unknown_ == kNone) unknown_ = kNone - 1;  // no interned string: a name of its own
  scope_of_.assign(m.explanations.size(), kNone);
}

}  // namespace escviz
