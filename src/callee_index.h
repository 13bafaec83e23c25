#pragma once
/// Following a chain into a callee (src/chains.h): the callee a call expression names, and
/// lookups from that name to the functions of the log and to their parameters that leak to the
/// heap. Internal to the model; used by Analyze (src/chains.cc).

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/model.h"

namespace escviz {

/// The callee named by a call expression, as a view into `expr`; empty if it is not a call.
/// CalleeOf (src/chains.h) as a view.
std::string_view CalleeSpan(std::string_view expr);

/// Lookups from names in call expressions to functions and their heap-leak explanations; const
/// and safe to share between threads once built.
/// Functions of one name, of one method name and leaks of one function are linked lists in
/// index order (a head per key, then `next` arrays), built in one pass each.
class CalleeIndex {
 public:
  explicit CalleeIndex(const Model& m);

  /// `{heap}`'s id in the string pool (kNone if the log never names it).
  StrId heap() const { return heap_; }

  /// What the lookups need of a callee's name (`store`, `fmt.Fprintln`, `(*pp).doPrintf`),
  /// found once per name.
  struct Callee {
    std::string_view text;
    StrId id = kNone;       ///< of `text` if a function is so named, else kNone
    bool dotted = false;    ///< `text` has a dot: `pkg.F` or `x.M`
    std::string_view name;  ///< after the last dot
    StrId name_id = kNone;  ///< of `name` if `packages` and a function is so named, else kNone
    const std::vector<uint32_t>* packages = nullptr;  ///< named by the part before the dot
    uint32_t first_method = kNone;                    ///< first function of `name`'s hash
  };

  /// The callee named `text` (a view that must outlive the result), described for the lookups.
  Callee Describe(std::string_view text) const;

  /// The function `callee` names when called from `package`, if exactly one of the functions
  /// it may name has parameters leaking to the heap (or into storage); else kNone, with
  /// `*candidates` (if given) the number of functions it may name and `*leaking` of those
  /// that leak.
  uint32_t LeakingCallee(uint32_t package, const Callee& callee, size_t* candidates = nullptr,
                         size_t* leaking = nullptr) const;

  /// The first leak explanation of `f`'s parameter `param` to the heap or into `{storage for
  /// X}`, or kNone.
  uint32_t LeakOf(uint32_t f, StrId param) const;

  /// The parameters of `f` its leak explanations name, ordered by their position in the
  /// declaration (distinct names), into `*out`.
  void LeakingParams(uint32_t f, std::vector<StrId>* out) const;

  /// True if `name` is a function of `package` (not counting other packages).
  bool IsFunctionOf(uint32_t package, std::string_view name) const;
  /// True if the log declares any function of `package` (`can inline`/`cannot inline`: -m=2).
  bool Declares(uint32_t package) const;

 private:
  /// The string id of `name` if a function has that name, else kNone.
  StrId NameId(std::string_view name) const;
  /// The function `name` of `package` (FunctionsByName: the last when there are several, as
  /// Explanation::function finds it).
  uint32_t Find(uint32_t package, StrId name) const;
  /// The functions `callee` may name when called from `package`, into `*out`.
  void Resolve(uint32_t package, const Callee& callee, std::vector<uint32_t>* out) const;

  const Model& m_;
  StrId heap_ = kNone;
  absl::flat_hash_map<uint64_t, uint32_t> by_name_;  ///< FunctionsByName
  absl::flat_hash_map<std::string_view, uint32_t, StringViewHash>
      named_;                                        ///< name -> first function
  absl::flat_hash_map<uint64_t, uint32_t> methods_;  ///< hash of a method name -> first function
  std::vector<uint32_t> next_named_;                 ///< function -> next of its name
  std::vector<uint32_t> next_method_;                ///< function -> next of its method name's hash
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_last_elem_;
  std::vector<bool> declares_;        ///< package -> the log declares a function of it
  std::vector<uint32_t> first_leak_;  ///< function -> its first leak to the heap, or kNone
  std::vector<uint32_t> next_leak_;   ///< leak to the heap -> the next of its function
};

}  // namespace escviz
