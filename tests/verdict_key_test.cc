// Tests for src/verdict_key.h: the identity of a verdict across builds (SPEC 4.2: package, file,
// function, kind, expression and an ordinal, never the line), its text, ordering, and the
// stable hash. Expected values come from the constructed logs below, SPEC 4.2, and the published
// FNV-1a test vectors.

#include "src/verdict_key.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace escviz {
namespace {

using test::ParseLog;

/// The Text() of every key, in verdict order.
std::vector<std::string> Texts(const Model& m) {
  std::vector<std::string> out;
  for (const VerdictKey& k : VerdictKeys(m)) out.push_back(k.Text());
  return out;
}

}  // namespace

TEST_CASE("verdict keys: package, file without ./, function, kind, expression, ordinal",
          "[verdict_key]") {
  // The two `&T{...}` of f come in the log line 6 first: the ordinal follows line order (line 5
  // is 0), not log order. The test variant keeps its bracket (SPEC section 3).
  Model m;
  ParseLog(
      "# example.com/k\n"
      "./k.go:3:6: cannot inline f: marked go:noinline\n"
      "./k.go:4:2: moved to heap: x\n"
      "./k.go:6:9: &T{...} escapes to heap\n"
      "./k.go:5:9: &T{...} escapes to heap\n"
      "./k.go:7:10: x does not escape\n"
      "# example.com/k [example.com/k.test]\n"
      "./k.go:3:6: cannot inline f: marked go:noinline\n"
      "./k.go:4:2: moved to heap: x\n",
      &m);
  CHECK(Texts(m) == std::vector<std::string>{
                        "example.com/k|k.go|f|moved_to_heap|x|0",
                        "example.com/k|k.go|f|escapes_to_heap|&T{...}|1",
                        "example.com/k|k.go|f|escapes_to_heap|&T{...}|0",
                        "example.com/k|k.go|f|does_not_escape|x|0",
                        "example.com/k [example.com/k.test]|k.go|f|moved_to_heap|x|0",
                    });
}

TEST_CASE("verdict keys: lines that move give the same keys", "[verdict_key]") {
  // SPEC 4.2: "A file that only gained lines at its top produces no difference".
  Model base;
  ParseLog(
      "# example.com/k\n"
      "./k.go:3:6: cannot inline f: marked go:noinline\n"
      "./k.go:4:2: moved to heap: x\n"
      "./k.go:5:9: &T{...} escapes to heap\n",
      &base);
  Model head;
  ParseLog(
      "# example.com/k\n"
      "./k.go:13:6: cannot inline f: marked go:noinline\n"
      "./k.go:14:2: moved to heap: x\n"
      "./k.go:15:9: &T{...} escapes to heap\n",
      &head);
  CHECK(VerdictKeys(base) == VerdictKeys(head));
  // A verdict in another function is another key.
  Model other;
  ParseLog(
      "# example.com/k\n"
      "./k.go:3:6: cannot inline g: marked go:noinline\n"
      "./k.go:4:2: moved to heap: x\n",
      &other);
  CHECK_FALSE(VerdictKeys(base)[0] == VerdictKeys(other)[0]);
}

TEST_CASE("verdict keys: invalid UTF-8 as U+FFFD, as a snapshot stores it", "[verdict_key]") {
  Model m;
  ParseLog(
      "# example.com/k\n"
      "./k.go:3:6: cannot inline f: marked go:noinline\n"
      "./k.go:4:2: moved to heap: a\xff"
      "b\n",
      &m);
  const std::vector<VerdictKey> keys = VerdictKeys(m);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].expr ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("verdict keys: ordered field by field, package first", "[verdict_key]") {
  VerdictKey a{"a", "z.go", "z", VerdictKind::kDoesNotEscape, "z", 9};
  VerdictKey b{"b", "a.go", "a", VerdictKind::kMovedToHeap, "a", 0};
  CHECK(a < b);
  CHECK_FALSE(b < a);
  VerdictKey a2 = a;
  a2.ordinal = 10;
  CHECK(a < a2);
  CHECK_FALSE(a == a2);
  a2.ordinal = 9;
  CHECK(a == a2);
}

TEST_CASE("StableHash: 16 hex digits, the same for the same text", "[verdict_key]") {
  // SARIF fingerprints are StableHash of VerdictKey::Text(): a new value for the same text
  // breaks every code-scanning baseline, so the values are pinned. They are what escviz 0.1.0
  // printed. Note: verdict_key.h calls this FNV-1a, but the offset basis in verdict_key.cc is
  // 1469598103934665603, not FNV's 14695981039346656037, so these are not the published FNV-1a
  // vectors (cbf29ce484222325 for ""): reported, left as is (changing it changes fingerprints).
  CHECK(StableHash("") == "14650fb0739d0383");
  CHECK(StableHash("a") == "44bd8ad473cd9906");
  CHECK(StableHash("foobar") == "88fad7c0a8ff07f2");
  CHECK(StableHash("example.com/k|k.go|f|moved_to_heap|x|0") ==
        StableHash(std::string("example.com/k|k.go|f|moved_to_heap|x|0")));
  CHECK(StableHash("a") != StableHash("b"));
  CHECK(StableHash(std::string_view("a\0b", 3)).size() == 16);
}

}  // namespace escviz
