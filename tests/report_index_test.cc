// The report's groupings (src/report_index): verdicts per function and file, callers of a
// leaking callee, the chains of each cause and choke point, on the escdemo sample.
#include "src/report_index.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "parsers/text_log_parser.h"
#include "render/terminal_diagnostics.h"

namespace escviz {
namespace {

uint32_t FunctionNamed(const Model& m, std::string_view name) {
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    if (m.str(m.functions[f].name) == name) return f;
  }
  FAIL("no function " << name);
  return kNone;
}

}  // namespace

TEST_CASE("report index: every file listed keeps all its verdicts, the first file too",
          "[report]") {
  // Constructed: the first file of the log has a heap allocation, the second does not, the
  // third does. The first's list was moved onto itself and so emptied: every source page of
  // such a log said "0 heap allocations".
  const std::string log =
      "# example.com/p\n"
      "./a.go:3:2: moved to heap: x\n"
      "./a.go:4:9: y does not escape\n"
      "./b.go:5:6: z does not escape\n"
      "./c.go:7:8: &T{} escapes to heap\n";
  Model m;
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextMemory(log, "files.log", &m, &diag));
  Analysis a = Analyze(m);
  ReportIndex r = BuildReportIndex(m, a);
  REQUIRE(r.files.size() == 2);
  CHECK(m.str(r.files[0].first) == "./a.go");
  CHECK(r.files[0].second.size() == 2);
  CHECK(m.str(r.files[1].first) == "./c.go");
  CHECK(r.files[1].second.size() == 1);
}

TEST_CASE("report index: escdemo", "[report]") {
  Model m;
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextLogs({std::string(ESCVIZ_SOURCE_DIR) + "/samples/escdemo.m2.log"}, &m, &diag));
  Analysis a = Analyze(m);
  ReportIndex r = BuildReportIndex(m, a);

  SECTION("heap verdicts are counted once, by function or as unknown, and by package") {
    uint64_t heap = 0, by_package = 0, unknown = 0;
    for (const Verdict& v : m.verdicts) heap += m.Allocates(v) ? 1 : 0;
    uint64_t by_function = 0;
    for (uint64_t n : r.heap_of_function) by_function += n;
    for (uint64_t n : r.heap_of_package) by_package += n;
    for (const auto& vs : r.unknown_of_package) {
      for (uint32_t v : vs) unknown += m.Allocates(m.verdicts[v]) ? 1 : 0;
    }
    CHECK(by_package == heap);
    CHECK(by_function + unknown == heap);
  }

  SECTION("a chain that crosses into store makes it a page with callers") {
    uint32_t store = FunctionNamed(m, "store");
    uint32_t one = FunctionNamed(m, "oneLevel");
    CHECK(r.has_page[store]);
    CHECK(r.heap_of_function[store] == 0);
    bool from_one = false;
    for (uint32_t ci : r.callers_of_function[store]) {
      from_one = from_one || m.verdicts[a.chains[ci].verdict].function == one;
    }
    CHECK(from_one);
  }

  SECTION("ranked functions: most heap allocations first, every page once") {
    REQUIRE_FALSE(r.ranked_functions.empty());
    for (size_t i = 1; i < r.ranked_functions.size(); ++i) {
      CHECK(r.heap_of_function[r.ranked_functions[i - 1]] >=
            r.heap_of_function[r.ranked_functions[i]]);
    }
    size_t pages = 0;
    for (bool p : r.has_page) pages += p ? 1 : 0;
    CHECK(pages == r.ranked_functions.size());
  }

  SECTION("each cause and choke point lists as many chains as it counts") {
    for (size_t i = 0; i < a.causes.size(); ++i)
      CHECK(a.causes[i].chains.size() == a.causes[i].heap);
    for (size_t i = 0; i < a.choke_points.size(); ++i) {
      CHECK(a.choke_points[i].heap_chains.size() == a.choke_points[i].chains);
    }
  }

  SECTION("files: only those with a heap verdict, with all their verdicts") {
    for (const auto& [file, verdicts] : r.files) {
      bool heap = false;
      for (uint32_t v : verdicts) {
        CHECK(m.verdicts[v].pos.file == file);
        heap = heap || IsHeap(m.verdicts[v].kind);
      }
      CHECK(heap);
    }
  }
}

}  // namespace escviz
