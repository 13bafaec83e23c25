#pragma once
/// Where a step happens, for grouping causes and choke points (src/cause_ranking.h): a small
/// id per distinct (package name, function name). Internal to the model.

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/analyze_keys.h"
#include "src/model.h"

namespace escviz {

/// Scopes of explanations: two steps share a scope exactly when their qualified names are the
/// same strings. Ids are given in the order scopes are first asked for.
class Scopes {
 public:
  explicit Scopes(const Model& m);

  /// The scope of explanation `e`: its package and its function (Explanation::function).
  uint32_t Of(uint32_t e) {
    uint32_t& s = scope_of_[e];
    if (s != kNone) return s;
    const Explanation& x = m_.explanations[e];
    Scope scope{package_of_[x.package],
                x.function == kNone ? unknown_ : m_.functions[x.function].name, x.package,
                x.function};
    auto [id, added] = ids_.try_emplace(Pack(scope.package, scope.function),
                                        static_cast<uint32_t>(scopes_.size()));
    if (added) scopes_.push_back(scope);
    s = id->second;
    return s;
  }

  size_t size() const { return scopes_.size(); }

  const std::string& Package(uint32_t scope) const {
    return package_names_[scopes_[scope].package];
  }
  std::string_view Function(uint32_t scope) const {
    StrId f = scopes_[scope].function;
    return f == unknown_ ? std::string_view("?") : m_.str(f);
  }
  /// A package (index into Model::packages) and a function (or kNone for `?`) spelled as the
  /// scope is: those of the explanation that first asked for it.
  uint32_t PackageIndex(uint32_t scope) const { return scopes_[scope].package_index; }
  uint32_t FunctionIndex(uint32_t scope) const { return scopes_[scope].function_index; }

 private:
  struct Scope {
    uint32_t package;  ///< index into package_names_
    StrId function;    ///< or unknown_ for `?`
    uint32_t package_index;
    uint32_t function_index;
  };
  const Model& m_;
  std::vector<uint32_t> package_of_;  ///< package -> index into package_names_
  std::vector<std::string> package_names_;
  StrId unknown_ = kNone;
  std::vector<uint32_t> scope_of_;  ///< explanation -> scope, kNone until asked
  std::vector<Scope> scopes_;
  absl::flat_hash_map<uint64_t, uint32_t> ids_;  ///< (package, function) -> scope
};

}  // namespace escviz
