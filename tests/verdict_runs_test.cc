// Runs of identical verdict lines (Model::collapse_runs, src/verdict_runs.h): `summary` keeps a
// run as one verdict that stands for its lines. How the expected values are known: the summary
// of a model without runs (each line a verdict, as every other command reads it) is the truth,
// and must come out byte for byte, in every format, from the model with runs; on the crafted
// logs the counts are also known by construction (said at each).

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "parsers/load_model.h"
#include "parsers/source_tree.h"
#include "render/summary_render.h"
#include "src/package_scope.h"
#include "src/summary.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

struct Quiet : Diagnostics {
  std::string text;
  void Emit(Severity, std::string_view msg) override { text.append(msg).append("\n"); }
};

struct Loaded {
  Model model;
  std::string messages;
  std::string text, json, markdown;  ///< the summary in each format
};

/// Loads `paths` with runs or without, restricted to `package` when given, and summarizes.
void Load(const std::vector<std::string>& paths, bool runs, const std::string& package,
          Loaded* out) {
  LoadOptions o;
  o.paths = paths;
  o.collapse_runs = runs;
  Quiet diag;
  SourceTree sources("", /*absolute_paths=*/true);
  REQUIRE(LoadModel(o, &sources, &out->model, &diag));
  if (!package.empty()) {
    PackageScope scope;
    scope.prefixes = {package};
    RestrictToScope(&out->model, scope);
  }
  out->messages = diag.text;
  const Analysis a = Analyze(out->model);
  const Summary s = Summarize(out->model, a);
  for (auto [format, text] : {std::make_pair(OutputFormat::kText, &out->text),
                              std::make_pair(OutputFormat::kJson, &out->json),
                              std::make_pair(OutputFormat::kMarkdown, &out->markdown)}) {
    std::ostringstream o2;
    SummaryOptions opt;
    opt.format = format;
    opt.top = 1000;
    RenderSummary(s, opt, &o2);
    *text = o2.str();
  }
}

/// Checks the two summaries are the same; returns how many verdicts the runs saved.
size_t Same(const std::vector<std::string>& paths, const std::string& package = "") {
  Loaded with, without;
  Load(paths, true, package, &with);
  Load(paths, false, package, &without);
  CHECK(without.model.runs.empty());
  CHECK(with.messages == without.messages);
  CHECK(with.text == without.text);
  CHECK(with.json == without.json);
  CHECK(with.markdown == without.markdown);
  uint64_t lines = 0;
  for (uint32_t v = 0; v < with.model.verdicts.size(); ++v) lines += with.model.Repeats(v);
  CHECK(lines == without.model.verdicts.size());
  return without.model.verdicts.size() - with.model.verdicts.size();
}

TEST_CASE("runs: the committed real logs summarize the same with runs", "[runs]") {
  // Every log of samples/ and of samples/releases/ (Go 1.19 to 1.27: generic instances, Go
  // 1.26+ closure clones, inlined calls that print one verdict twice at one position).
  const std::string root = std::string(ESCVIZ_SOURCE_DIR) + "/samples";
  std::vector<std::string> logs;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    const std::string p = e.path().string();
    if (e.is_regular_file() && (p.size() > 4 && (p.substr(p.size() - 4) == ".log" ||
                                                 p.substr(p.size() - 7) == ".log.gz"))) {
      logs.push_back(p);
    }
  }
  std::sort(logs.begin(), logs.end());
  REQUIRE(logs.size() >= 10);
  size_t saved = 0;
  for (const std::string& log : logs) {
    INFO(log);
    saved += Same({log});
  }
  // zap's and gin's logs repeat verdicts (two `&T{...}` of one inlined call at the call).
  CHECK(saved > 0);
}

TEST_CASE("runs: a crafted log, its counts known by construction", "[runs]") {
  test::TempDir dir;
  std::string log = "# example.com/p\n./a.go:3:6: can inline F\n";
  for (int i = 0; i < 5; ++i) log += "./a.go:5:2: moved to heap: x\n";      // one run of 5
  for (int i = 0; i < 3; ++i) log += "./a.go:6:9: &T{} escapes to heap\n";  // a run of 3, then
  log +=                                                                    // one explained
      "./a.go:6:9: &T{} escapes to heap:\n"
      "./a.go:6:9:   flow: {heap} = &{storage for &T{}}:\n"
      "./a.go:6:9:     from &T{} (spill) at ./a.go:6:9\n"
      "./a.go:6:9: &T{} escapes to heap\n";
  for (int i = 0; i < 2; ++i) log += "./a.go:6:9: &T{} escapes to heap\n";  // a new run of 2
  log += "./a.go:5:2: moved to heap: x\n\n./a.go:5:2: moved to heap: x\n";  // a blank between
  for (int i = 0; i < 4; ++i) log += "./a.go:7:2: y does not escape\n";
  for (int i = 0; i < 2; ++i) log += "./a.go:8:10: leaking param: p\n";
  log += "# example.com/q\n";  // the same line in another package: another run
  for (int i = 0; i < 2; ++i) log += "./a.go:5:2: moved to heap: x\n";
  const std::string path = dir.Write("crafted.log", log);
  // Lines: 5 + 3 + 1 + 2 + 1 + 1 + 4 + 2 + 2 = 21 verdicts; as runs: 5, 3, 1, 2, 1, 1, 4, 2, 2
  // = 9 verdicts, 12 saved.
  CHECK(Same({path}) == 12);
  // A scope keeps q's run of 2 and p's leak verdicts (a chain may continue into them: its
  // run of 2), and drops p's heap and does-not-escape verdicts: 2 saved.
  CHECK(Same({path}, "example.com/q") == 2);
  Loaded with;
  Load({path}, true, "", &with);
  const nlohmann::json j = nlohmann::json::parse(with.json);
  CHECK(j["heap"]["total"] == 5 + 3 + 1 + 2 + 2 + 2);  // heap lines, x's and &T{}'s
}

TEST_CASE("runs: a run sites pair line by line is written out again", "[runs]") {
  // Two inputs without a `# pkg` header: each declares F (two functions of one name in the
  // unnamed package), and x's verdict at one position in each is one site per ordinal
  // (src/sites.h): input 1's two lines and input 2's first two are sites {1,1'} and {2,2'},
  // input 2's third is a site alone. So 3 heap allocations, 2 copies; had the runs stayed,
  // input 1's run (2 lines) would be the site of input 2's (3), counting 2.
  test::TempDir dir;
  // (A `cannot inline` line makes the nearest declaration before a verdict its function.)
  const std::string decl = "./a.go:3:6: can inline F\n", x = "./a.go:5:2: moved to heap: x\n",
                    g = "./a.go:9:6: cannot inline G: marked go:noinline\n";
  const std::string one = dir.Write("one.log", decl + x + x + g);
  const std::string two = dir.Write("two.log", decl + x + x + x + g);
  CHECK(Same({one, two}) == 0);  // both written out again
  Loaded with;
  Load({one, two}, true, "", &with);
  const nlohmann::json j = nlohmann::json::parse(with.json);
  CHECK(j["heap"]["total"] == 3);
  CHECK(j["heap"]["copies"] == 2);
  // A generic function's instances: shapes are what sites pair on; written out as well.
  const std::string generic =
      dir.Write("g.log",
                "# example.com/g\n./g.go:3:6: can inline Put[go.shape.int]\n"
                "./g.go:4:9: new(T) escapes to heap\n./g.go:4:9: new(T) escapes to heap\n"
                "./g.go:9:6: cannot inline G: marked go:noinline\n");
  CHECK(Same({generic}) == 0);
}

TEST_CASE("runs: a flood of one line is one verdict", "[runs]") {
  test::TempDir dir;
  std::string log;
  for (int i = 0; i < 100000; ++i) log += "./a.go:5:2: moved to heap: x\n";
  const std::string path = dir.Write("flood.log", log);
  CHECK(Same({path}) == 99999);
}

}  // namespace
}  // namespace escviz
