#include "src/verdict_key.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "src/utf8.h"

namespace escviz {

bool VerdictKey::operator<(const VerdictKey& o) const {
  return std::tie(package, file, function, kind, expr, ordinal) <
         std::tie(o.package, o.file, o.function, o.kind, o.expr, o.ordinal);
}

bool VerdictKey::operator==(const VerdictKey& o) const {
  return std::tie(package, file, function, kind, expr, ordinal) ==
         std::tie(o.package, o.file, o.function, o.kind, o.expr, o.ordinal);
}

std::string VerdictKey::Text() const {
  return fmt::format("{}|{}|{}|{}|{}|{}", package, file, function, VerdictKindName(kind), expr,
                     ordinal);
}

namespace {

/// `s` with each byte that is not part of valid UTF-8 as U+FFFD, as a snapshot stores it
/// (JsonEscape), so that a log and its snapshot give the same keys.
std::string KeyText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace

std::vector<VerdictKey> VerdictKeys(const Model& m) {
  std::vector<VerdictKey> keys(m.verdicts.size());
  for (size_t i = 0; i < m.verdicts.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    VerdictKey& k = keys[i];
    k.package = KeyText(m.PackageName(v.package));
    std::string_view file = m.str(v.pos.file);
    if (file.substr(0, 2) == "./") file.remove_prefix(2);
    k.file = KeyText(file);
    k.function = KeyText(m.FunctionName(v.function));
    k.kind = v.kind;
    k.expr = KeyText(m.str(v.subject));
  }
  // Ordinals: the verdicts with the same five fields, by line and column, then input order.
  std::vector<uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Verdict& va = m.verdicts[a];
    const Verdict& vb = m.verdicts[b];
    return std::tie(keys[a], va.pos.line, va.pos.col, a) <
           std::tie(keys[b], vb.pos.line, vb.pos.col, b);
  });
  for (size_t i = 1; i < order.size(); ++i) {
    VerdictKey& prev = keys[order[i - 1]];
    VerdictKey& cur = keys[order[i]];
    if (std::tie(prev.package, prev.file, prev.function, prev.kind, prev.expr) ==
        std::tie(cur.package, cur.file, cur.function, cur.kind, cur.expr)) {
      cur.ordinal = prev.ordinal + 1;
    }
  }
  return keys;
}

std::string StableHash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace escviz
