// Tests for render/summary_render.h: `summary` in text, JSON (schema escviz.summary.v1, SPEC
// 4.1) and Markdown, on a constructed log whose counts are known by reading it (below), and
// `top` limiting the rankings. Tested through the rendered text only.

#include "render/summary_render.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "src/chains.h"
#include "src/summary.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

/// 9 lines, 2 packages. example.com/s: x and y moved to heap, &T{...} escapes, z does not
/// escape, one `can inline`, one `cannot inline`; example.com/t: w moved to heap. No
/// explanations (-m=1 style): every heap verdict has the cause "no explanation in the log".
constexpr const char* kLog =
    "# example.com/s\n"
    "./s.go:3:6: cannot inline f: marked go:noinline\n"
    "./s.go:4:2: moved to heap: x\n"
    "./s.go:5:2: moved to heap: y\n"
    "./s.go:6:9: &T{...} escapes to heap\n"
    "./s.go:7:9: z does not escape\n"
    "./s.go:8:6: can inline g\n"
    "# example.com/t\n"
    "./t.go:4:2: moved to heap: w\n";

/// The summary of kLog rendered in `format`, with `top` rows per ranking. The one place that
/// calls the renderer, so a change of its signature is one edit.
std::string Render(OutputFormat format, size_t top = 10) {
  Model m;
  test::ParseLog(kLog, &m);
  const Summary s = Summarize(m, Analyze(m));
  std::ostringstream out;
  RenderSummary(s, SummaryOptions{format, top}, &out);
  return out.str();
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("summary as JSON: schema escviz.summary.v1 with the counts of SPEC 4.1",
          "[summary_render]") {
  const nlohmann::json j = nlohmann::json::parse(Render(OutputFormat::kJson));
  CHECK(j.at("schema") == "escviz.summary.v1");
  CHECK(j.at("lines").at("total") == 9);
  CHECK(j.at("lines").at("unrecognized") == 0);
  const nlohmann::json& c = j.at("counts");
  CHECK(c.at("moved_to_heap") == 3);
  CHECK(c.at("escapes_to_heap") == 1);
  CHECK(c.at("does_not_escape") == 1);
  CHECK(c.at("leaking_param") == 0);
  CHECK(c.at("can_inline") == 1);
  CHECK(c.at("cannot_inline") == 1);
  CHECK(c.at("inlining_call") == 0);
  REQUIRE(j.at("packages").size() == 2);
  CHECK(j["packages"][0].at("name") == "example.com/s");
  CHECK(j["packages"][0].at("heap") == 3);
  CHECK(j["packages"][1].at("name") == "example.com/t");
  CHECK(j["packages"][1].at("heap") == 1);
  REQUIRE(j.at("causes").size() == 1);
  CHECK(j["causes"][0].at("cause") == "no explanation in the log (-m=1)");
  CHECK(j["causes"][0].at("heap") == 4);
}

TEST_CASE("summary as text: totals, verdict counts and rankings", "[summary_render]") {
  const std::string t = Render(OutputFormat::kText);
  INFO(t);
  CHECK(t.rfind("9 lines read from 1 input; 0 unrecognized\n", 0) == 0);
  CHECK(Has(t, "Heap allocations: 4  (moved to heap 3, escapes to heap 1)"));
  CHECK(Has(t, "  moved_to_heap                     3\n"));
  CHECK(Has(t, "  escapes_to_heap                   1\n"));
  CHECK(Has(t, "       4  no explanation in the log (-m=1)"));
  CHECK(Has(t, "example.com/s   e.g. ./s.go:4:2"));
  CHECK(Has(t, "example.com/t   e.g. ./t.go:4:2"));
}

TEST_CASE("summary as Markdown: a table of verdicts and a ranking of causes", "[summary_render]") {
  const std::string md = Render(OutputFormat::kMarkdown);
  INFO(md);
  CHECK(md.rfind("## Escape analysis summary\n", 0) == 0);
  CHECK(Has(md, "**4** heap allocations (3 moved to heap, 1 escapes to heap) in 2 packages"));
  CHECK(Has(md, "| `moved_to_heap` | 3 |\n"));
  CHECK(Has(md, "| `does_not_escape` | 1 |\n"));
  CHECK(Has(md, "| 4 | `no explanation in the log (-m=1)` | `./s.go:4:2` |\n"));
}

TEST_CASE("summary: top limits every ranking", "[summary_render]") {
  const nlohmann::json all = nlohmann::json::parse(Render(OutputFormat::kJson, 10));
  const nlohmann::json one = nlohmann::json::parse(Render(OutputFormat::kJson, 1));
  CHECK(all.at("packages").size() == 2);
  REQUIRE(one.at("packages").size() == 1);
  CHECK(one["packages"][0].at("name") == "example.com/s");  // the larger one is kept
  CHECK(one.at("counts") == all.at("counts"));              // counts are not rankings
  const std::string text = Render(OutputFormat::kText, 1);
  CHECK(Has(text, "example.com/s   e.g."));
  CHECK_FALSE(Has(text, "example.com/t   e.g."));
}

}  // namespace escviz
