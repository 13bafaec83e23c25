#pragma once
/// The identity of a verdict across two builds (SPEC 4.2): package, file, enclosing function,
/// kind and subject expression, with an ordinal for repeats of the same five inside one
/// function. Line and column are not part of it, so lines that move produce no difference.

#include <cstdint>
#include <string>
#include <vector>

#include "src/model.h"

namespace escviz {

/// The strings are valid UTF-8: each byte of the log that is not part of valid UTF-8 is U+FFFD,
/// as in a snapshot.
struct VerdictKey {
  std::string package;   ///< import path with its variant (`p [p.test]`)
  std::string file;      ///< as printed, without a leading `./`
  std::string function;  ///< `?` when unknown
  VerdictKind kind = VerdictKind::kCount;
  std::string expr;      ///< the subject (`x`, `&T{...}`, parameter name)
  uint32_t ordinal = 0;  ///< 0 for the first (by line, column) of the same five, 1 for the next

  bool operator<(const VerdictKey& o) const;
  bool operator==(const VerdictKey& o) const;
  /// A stable one-line text of the key (`pkg|file|func|kind|expr|ordinal`), for fingerprints.
  std::string Text() const;
};

/// The key of every verdict of `m`, indexed like m.verdicts.
std::vector<VerdictKey> VerdictKeys(const Model& m);

/// A 64-bit FNV-1a hash of `s` as 16 hex digits (stable across runs and machines).
std::string StableHash(std::string_view s);

}  // namespace escviz
