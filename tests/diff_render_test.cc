// Tests for render/diff_render.h: `diff` in text, JSON (schema escviz.diff.v1, SPEC 4.2) and
// Markdown (a PR comment), on two constructed logs whose difference is known by reading them
// (below), and on the zap moved-lines case of tests/data/diff_moved through the command line.
// Tested through the rendered text only.

#include "render/diff_render.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "src/chains.h"
#include "src/diff.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

using test::RunEscviz;
using test::RunResult;

/// BASE: f moves x to the heap, and &T{...} escapes. HEAD: the same three lines lower (moved
/// lines: no difference), T no longer escapes, and g moves a new y to the heap through a chain.
constexpr const char* kBase =
    "# example.com/d\n"
    "./d.go:3:6: cannot inline f: marked go:noinline\n"
    "./d.go:4:2: moved to heap: x\n"
    "./d.go:5:9: &T{...} escapes to heap\n";
constexpr const char* kHead =
    "# example.com/d\n"
    "./d.go:13:6: cannot inline f: marked go:noinline\n"
    "./d.go:14:2: moved to heap: x\n"
    "./d.go:15:9: &T{...} does not escape\n"
    "./d.go:20:6: cannot inline g: marked go:noinline\n"
    "./d.go:21:2: y escapes to heap:\n"
    "./d.go:21:2:   flow: {heap} = &y:\n"
    "./d.go:21:2:     from &y (address-of) at ./d.go:22:8\n"
    "./d.go:21:2:     from sink = &y (assign) at ./d.go:22:7\n"
    "./d.go:21:2: moved to heap: y\n";

/// The diff of BASE and HEAD (the default kinds) rendered in `format`. The one place that
/// calls the renderer, so a change of its signature is one edit.
std::string Render(const char* base, const char* head, OutputFormat format) {
  Model b, h;
  test::ParseLog(base, &b, "base.log");
  test::ParseLog(head, &h, "head.log");
  const Analysis ba = Analyze(b), ha = Analyze(h);
  const DiffResult d = Diff(b, h, DiffKinds());
  DiffRenderOptions opt;
  opt.format = format;
  std::ostringstream out;
  RenderDiff(d, DiffSides{b, ba, h, ha}, opt, &out);
  return out.str();
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("diff as text: a count line, then + and - lines", "[diff_render]") {
  CHECK(Render(kBase, kHead, OutputFormat::kText) ==
        "1 added, 1 removed (compared verdicts: base 2, head 2)\n"
        "+ ./d.go:21:2: y moved to heap in g (example.com/d) [global-store]\n"
        "- ./d.go:5:9: &T{...} escapes to heap in f (example.com/d) [other]\n");
  CHECK(Render(kBase, kBase, OutputFormat::kText) ==
        "0 added, 0 removed (compared verdicts: base 2, head 2)\n");
}

TEST_CASE("diff as JSON: schema escviz.diff.v1 with entries, counts and packages",
          "[diff_render]") {
  const nlohmann::json j = nlohmann::json::parse(Render(kBase, kHead, OutputFormat::kJson));
  CHECK(j.at("schema") == "escviz.diff.v1");
  CHECK(j.at("kinds") == nlohmann::json::array({"moved_to_heap", "escapes_to_heap"}));
  REQUIRE(j.at("added").size() == 1);
  const nlohmann::json& a = j["added"][0];
  CHECK(a.at("kind") == "moved_to_heap");
  CHECK(a.at("package") == "example.com/d");
  CHECK(a.at("file") == "d.go");  // SPEC 4.2: the file without `./`
  CHECK(a.at("function") == "g");
  CHECK(a.at("expr") == "y");
  CHECK(a.at("pos") == "./d.go:21:2");
  CHECK(a.at("chain") == nlohmann::json::array({"{heap} = &y (assign at ./d.go:22:7)"}));
  CHECK(a.at("pattern") == "global-store");  // `sink = &y`: a plain name, no source to say else
  CHECK(a.at("second").is_null());
  REQUIRE(j.at("removed").size() == 1);
  CHECK(j["removed"][0].at("expr") == "&T{...}");
  CHECK(j["removed"][0].at("chain").empty());  // no explanation in BASE
  CHECK(j.at("counts").at("base") ==
        nlohmann::json({{"moved_to_heap", 1}, {"escapes_to_heap", 1}}));
  CHECK(j.at("counts").at("head") ==
        nlohmann::json({{"moved_to_heap", 2}, {"escapes_to_heap", 0}}));
  REQUIRE(j.at("packages").size() == 1);
  CHECK(j["packages"][0] ==
        nlohmann::json({{"name", "example.com/d"}, {"base", 2}, {"head", 2}, {"delta", 0}}));
}

TEST_CASE("diff as Markdown: title, package table, added and removed with chains",
          "[diff_render]") {
  const std::string md = Render(kBase, kHead, OutputFormat::kMarkdown);
  INFO(md);
  CHECK(md.rfind("### escviz diff: 1 added, 1 removed\n", 0) == 0);
  CHECK(Has(md, "| `example.com/d` | 2 | 2 | 0 |"));
  CHECK(Has(md,
            "#### Added (1)\n\n- `./d.go:21:2` `y` moved to heap in `g` (`example.com/d`): "
            "`global-store`\n"
            "  - `{heap} = &y (assign at ./d.go:22:7)`\n"));
  // Added and removed by pattern.
  CHECK(Has(md,
            "| pattern | added | removed |\n|---|---:|---:|\n| `global-store` | 1 | 0 |\n"
            "| `other` | 0 | 1 |\n"));
  CHECK(Has(md, "#### Removed (1)\n\n- `./d.go:5:9` `&T{...}` escapes to heap in `f`"));
}

TEST_CASE("diff as Markdown: zap's package table and chains; long lists fold", "[diff_render]") {
  // tests/data/diff_moved/make.sh: escvizNewAlloc allocates v, and LevelFlag's `&lvl` became
  // `new(zapcore.Level)`.
  const std::string root = ESCVIZ_SOURCE_DIR;
  RunResult r =
      RunEscviz({"diff", "--format", "markdown", root + "/tests/data/diff_moved/base.m2.log.gz",
                 root + "/tests/data/diff_moved/head.m2.log.gz"});
  REQUIRE(r.status == 0);
  CHECK(Has(r.out, "| `go.uber.org/zap` |"));
  CHECK(Has(r.out, "#### Added (2)"));
  CHECK(Has(r.out, "#### Removed (1)"));
  CHECK(Has(r.out, "`escvizNewAlloc`"));
  CHECK(Has(r.out, "~r0 = &v"));
  CHECK_FALSE(Has(r.out, "<details>"));  // 3 entries: below fold_after
  RunResult all = RunEscviz({"diff", "--format", "markdown", "--kinds", "all",
                             root + "/samples/escdemo.m2.log", root + "/samples/go124.m2.log"});
  CHECK(Has(all.out, "<details>"));
}

}  // namespace escviz
