#include "src/verdict_key.h"

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "src/sites.h"
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

/// A key text and its number.
struct Entry {
  const std::string* text = nullptr;
  uint32_t number = 0;
};

/// Key texts by the model's numbers (a package, a string id, a function), each made once, and
/// each distinct text numbered, so that keys can be grouped by numbers instead of strings.
class KeyTexts {
 public:
  /// The text of `id` in `cache` (made by `make` on first use) and the number of that text.
  template <typename Make>
  std::pair<const std::string*, uint32_t> Of(absl::flat_hash_map<uint64_t, Entry>* cache,
                                             uint64_t id, Make make) {
    auto [it, added] = cache->try_emplace(id);
    if (added) {
      auto [t, fresh] = numbers_.try_emplace(make(), static_cast<uint32_t>(numbers_.size()));
      it->second = Entry{&t->first, t->second};
    }
    return {it->second.text, it->second.number};
  }

  absl::flat_hash_map<uint64_t, Entry> packages, files, functions, exprs;

 private:
  /// Every distinct key text and its number (node-based: the texts do not move).
  std::unordered_map<std::string, uint32_t> numbers_;
};

}  // namespace

std::vector<VerdictKey> VerdictKeys(const Model& m) {
  std::vector<VerdictKey> keys(m.verdicts.size());
  KeyTexts texts;
  // The numbers of each key's five fields, to group equal keys without comparing strings.
  struct Numbers {
    uint32_t package, file, function, expr;
  };
  std::vector<Numbers> numbers(m.verdicts.size());
  for (size_t i = 0; i < m.verdicts.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    VerdictKey& k = keys[i];
    Numbers& n = numbers[i];
    auto package =
        texts.Of(&texts.packages, v.package, [&] { return KeyText(m.PackageName(v.package)); });
    auto file = texts.Of(&texts.files, v.pos.file, [&] {
      std::string_view f = m.str(v.pos.file);
      if (f.substr(0, 2) == "./") f.remove_prefix(2);
      return KeyText(f);
    });
    // A site's spelling (src/sites.h): clone suffixes and shapes do not make another key.
    auto function = texts.Of(&texts.functions, v.function,
                             [&] { return KeyText(WithoutShapes(m.FunctionName(v.function))); });
    auto expr =
        texts.Of(&texts.exprs, v.subject, [&] { return KeyText(WithoutShapes(m.str(v.subject))); });
    k.package = *package.first;
    k.file = *file.first;
    k.function = *function.first;
    k.kind = v.kind;
    k.expr = *expr.first;
    n = Numbers{package.second, file.second, function.second, expr.second};
  }
  // Ordinals: the verdicts with the same five fields, by line and column, then input order.
  // Equal texts have equal numbers, so grouping by numbers groups by the five fields.
  // Only the first verdict of each site is numbered; its copies share its key.
  std::vector<uint32_t> order;
  order.reserve(keys.size());
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (m.SiteFirst(i)) order.push_back(i);
  }
  auto group = [&](uint32_t i) {
    const Numbers& n = numbers[i];
    return std::make_tuple(n.package, n.file, n.function, keys[i].kind, n.expr);
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Verdict& va = m.verdicts[a];
    const Verdict& vb = m.verdicts[b];
    return std::tuple_cat(group(a), std::make_tuple(va.pos.line, va.pos.col, a)) <
           std::tuple_cat(group(b), std::make_tuple(vb.pos.line, vb.pos.col, b));
  });
  for (size_t i = 1; i < order.size(); ++i) {
    if (group(order[i - 1]) == group(order[i])) {
      keys[order[i]].ordinal = keys[order[i - 1]].ordinal + 1;
    }
  }
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (!m.SiteFirst(i)) keys[i] = keys[m.site_first[i]];
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
