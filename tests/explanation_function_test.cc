// The function an explanation belongs to (Explanation::function, set by
// Model::IndexExplanations): one answer, named alike by every consumer (explain, SARIF, diff,
// the escape graph, the report index, causes), for logs where the ways of finding it used to
// differ: a chain into a callee before Go 1.26 (no ` in FUNC`), Go 1.26 ` for FUNC` of a name
// that two headerless inputs declare, a snapshot read back, and verdicts re-attributed from
// the Go sources.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/snapshot_reader.h"
#include "parsers/source_attribution.h"
#include "parsers/text_log_parser.h"
#include "render/explain_render.h"
#include "render/terminal_diagnostics.h"
#include "src/chain_text.h"
#include "src/chains.h"
#include "src/escape_graph.h"
#include "src/report_index.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

using test::RunEscviz;
using test::RunResult;
using test::TempDir;

/// `store` leaks its parameter; `caller`'s `x` reaches the heap through `store(&x)`. Before Go
/// 1.26: no header names its function.
constexpr const char* kOldLog =
    "# example.com/p\n"
    "./p.go:3:6: can inline store with cost 4 as: func(*int) { sink = p }\n"
    "./p.go:6:6: cannot inline caller: function too complex: cost 90 exceeds budget 80\n"
    "./p.go:3:12: parameter p leaks to {heap} with derefs=0:\n"
    "./p.go:3:12:   flow: {heap} = p:\n"
    "./p.go:3:12:     from sink = p (assign) at ./p.go:3:29\n"
    "./p.go:3:12: leaking param: p\n"
    "./p.go:7:2: x escapes to heap:\n"
    "./p.go:7:2:   flow: {heap} = &x:\n"
    "./p.go:7:2:     from &x (address-of) at ./p.go:8:8\n"
    "./p.go:7:2:     from store(&x) (call parameter) at ./p.go:8:7\n"
    "./p.go:7:2: moved to heap: x\n";

/// Two inputs without a `# pkg` header, both in the unnamed package, each declaring `store`.
/// In the second, Go 1.26 names `store` in a leak header no verdict follows: the explanation is
/// found by that name only.
constexpr const char* kFirstInput =
    "./a.go:3:6: can inline store with cost 4 as: func(*int) { sink = p }\n"
    "./a.go:3:12: parameter p leaks to {heap} for store with derefs=0:\n"
    "./a.go:3:12:   flow: {heap} \xE2\x86\x90 p:\n"
    "./a.go:3:12:     from sink = p (assign) at ./a.go:3:29\n"
    "./a.go:3:12: leaking param: p\n";
constexpr const char* kSecondInput =
    "./b.go:3:6: can inline store with cost 4 as: func(*int) { sink = p }\n"
    "./b.go:6:6: cannot inline caller: function too complex: cost 90 exceeds budget 80\n"
    "./b.go:3:12: parameter p leaks to {heap} for store with derefs=0:\n"
    "./b.go:3:12:   flow: {heap} \xE2\x86\x90 p:\n"
    "./b.go:3:12:     from sink = p (assign) at ./b.go:3:29\n"
    "./b.go:7:2: x escapes to heap in caller:\n"
    "./b.go:7:2:   flow: {heap} \xE2\x86\x90 &x:\n"
    "./b.go:7:2:     from &x (address-of) at ./b.go:8:8\n"
    "./b.go:7:2:     from store(&x) (call parameter) at ./b.go:8:7\n"
    "./b.go:7:2: moved to heap: x\n";

void Parse(const std::vector<std::string>& paths, Model* m) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextLogs(paths, m, &diag));
}

/// The functions named `name`, in index order.
std::vector<uint32_t> FunctionsNamed(const Model& m, std::string_view name) {
  std::vector<uint32_t> out;
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    if (m.str(m.functions[f].name) == name) out.push_back(f);
  }
  return out;
}

/// The verdict `moved to heap: x`.
uint32_t MovedX(const Model& m) {
  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    if (m.verdicts[v].kind == VerdictKind::kMovedToHeap && m.str(m.verdicts[v].subject) == "x") {
      return v;
    }
  }
  FAIL("no `moved to heap: x`");
  return kNone;
}

/// The explanation x's chain continues with in the callee: its one crossing hop.
uint32_t CrossingExplanation(const Model& m, const Analysis& a) {
  const uint32_t ci = a.chain_of_verdict[MovedX(m)];
  REQUIRE(ci != kNone);
  const Chain& c = a.chains[ci];
  REQUIRE(c.hops.size() == 2);
  REQUIRE_FALSE(c.hops[0].crosses);
  REQUIRE(c.hops[1].crosses);
  return c.hops[1].explanation;
}

/// Every consumer names the function x's chain continues in as `want` (its index) and `store`
/// (its name): the model field, the chain text of SARIF and diff, explain, the escape graph,
/// the report index and the cause.
void CheckConsumers(const Model& m, uint32_t want) {
  REQUIRE(want != kNone);
  REQUIRE(m.FunctionName(want) == "store");
  const Analysis a = Analyze(m);
  const uint32_t x = MovedX(m);
  const uint32_t ci = a.chain_of_verdict[x];
  const uint32_t e = CrossingExplanation(m, a);
  CHECK(m.explanations[e].function == want);

  std::vector<std::string> steps = ChainStepTexts(m, a, x, 10);
  REQUIRE(steps.size() == 2);
  CHECK(steps[1] == "-> continues in store: {heap} = p (assign at ./" +
                        std::string(m.str(m.explanations[e].pos.file)).substr(2) + ":3:29)");

  std::ostringstream explain;
  RenderExplain(m, a, {x}, &explain);
  CHECK_THAT(explain.str(), Catch::Contains("  -> continues in store (" +
                                            m.PackageName(m.explanations[e].package) + "): "));
  CHECK_THAT(explain.str(), Catch::Contains("  cause: assign: sink = p in "));

  EscapeGraph g(m, a, {ci});
  bool param = false;
  for (const GraphVertex& v : g.vertices()) {
    if (v.location != "p") continue;
    CHECK(v.function == "store");
    CHECK(v.kind == GraphVertex::Kind::kParam);
    param = true;
  }
  CHECK(param);

  const ReportIndex r = BuildReportIndex(m, a);
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    INFO("function " << f << " " << m.FunctionName(f));
    const std::vector<uint32_t>& callers = r.callers_of_function[f];
    CHECK((f == want) == (std::find(callers.begin(), callers.end(), ci) != callers.end()));
  }
  CHECK(r.has_page[want]);

  REQUIRE(a.chains[ci].cause != kNone);
  const Cause& cause = a.causes[a.chains[ci].cause];
  CHECK(cause.function == want);
  CHECK(SpellCause(m, cause).function == "store");
  CHECK(std::find(cause.chains.begin(), cause.chains.end(), ci) != cause.chains.end());
}

/// The SARIF message of `moved to heap: x`, from the command line.
std::string SarifMessageOfX(const std::vector<std::string>& inputs) {
  std::vector<std::string> args = {"export", "--format", "sarif", "--no-sources"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  const RunResult r = RunEscviz(args);
  REQUIRE(r.status == 0);
  const nlohmann::json sarif = nlohmann::json::parse(r.out);
  for (const auto& res : sarif["runs"][0]["results"]) {
    std::string text = res["message"]["text"];
    if (text.rfind("moved to heap: x ", 0) == 0) return text;
  }
  FAIL("no SARIF result for x");
  return "";
}

}  // namespace

TEST_CASE("explanation function: into a callee, before Go 1.26", "[explanation-function]") {
  TempDir dir;
  const std::string log = dir.Write("p.log", kOldLog);
  Model m;
  Parse({log}, &m);
  const std::vector<uint32_t> store = FunctionsNamed(m, "store");
  REQUIRE(store.size() == 1);
  CheckConsumers(m, store[0]);
  // SARIF named the callee `callee` when the log did not (` in FUNC`), explain by its name.
  const std::string sarif = SarifMessageOfX({log});
  CHECK_THAT(sarif, Catch::Contains("; 2. -> continues in store: {heap} = p (assign at"));
  CHECK_THAT(RunEscviz({"explain", "--no-sources", "--at", "p.go:7:2", log}).out,
             Catch::Contains("-> continues in store (example.com/p)"));
}

TEST_CASE("explanation function: Go 1.26 `for FUNC`, a name two headerless inputs declare",
          "[explanation-function]") {
  TempDir dir;
  const std::vector<std::string> logs = {dir.Write("a.log", kFirstInput),
                                         dir.Write("b.log", kSecondInput)};
  Model m;
  Parse(logs, &m);
  const std::vector<uint32_t> store = FunctionsNamed(m, "store");
  REQUIRE(store.size() == 2);  // both in the unnamed package
  CHECK(m.functions[store[0]].package == 0);
  CHECK(m.functions[store[1]].package == 0);
  // The second input's leak explanation explains no verdict: its ` for store` names the last
  // `store` declared (FunctionsByName), the one the call `store(&x)` is followed into.
  const Analysis a = Analyze(m);
  const Explanation& leak = m.explanations[CrossingExplanation(m, a)];
  CHECK(leak.verdict == kNone);
  CHECK(m.str(leak.pos.file) == "./b.go");
  CheckConsumers(m, store[1]);
  // The first input's leak explanation is its verdict's.
  for (const Explanation& x : m.explanations) {
    if (m.str(x.pos.file) == "./a.go") CHECK(x.function == store[0]);
  }
  CHECK_THAT(SarifMessageOfX(logs), Catch::Contains("; 2. -> continues in store: {heap} = p"));
}

TEST_CASE("explanation function: a snapshot read back finds it again", "[explanation-function]") {
  TempDir dir;
  const std::vector<std::string> logs = {dir.Write("a.log", kFirstInput),
                                         dir.Write("b.log", kSecondInput)};
  const std::string old_log = dir.Write("p.log", kOldLog);
  for (const std::vector<std::string>& inputs : {logs, std::vector<std::string>{old_log}}) {
    Model parsed;
    Parse(inputs, &parsed);
    const std::string snap = dir.Path("snap.json");
    std::vector<std::string> args = {"export", "--no-sources", "-o", snap};
    args.insert(args.end(), inputs.begin(), inputs.end());
    REQUIRE(RunEscviz(args).status == 0);
    Model read;
    std::ostringstream err;
    TerminalDiagnostics diag(&err);
    REQUIRE(ReadSnapshotFile(snap, &read, &diag));
    // Not stored in the snapshot: the reader derives it by the same rule.
    REQUIRE(read.explanations.size() == parsed.explanations.size());
    for (size_t e = 0; e < parsed.explanations.size(); ++e) {
      CHECK(read.explanations[e].function == parsed.explanations[e].function);
    }
    const std::vector<uint32_t> store = FunctionsNamed(read, "store");
    CheckConsumers(read, store.back());
    // diff reads the snapshot: its chain text names the callee.
    const std::string empty = dir.Write("empty.log", "");
    const RunResult d = RunEscviz({"diff", "--format", "json", "--no-sources", empty, snap});
    REQUIRE(d.status == 0);
    const auto added = nlohmann::json::parse(d.out)["added"];
    REQUIRE(added.size() == 1);
    CHECK(added[0]["chain"][1].get<std::string>().rfind("-> continues in store: ", 0) == 0);
  }
}

TEST_CASE("explanation function: follows verdicts re-attributed from the sources",
          "[explanation-function]") {
  // No declaration line for `store`: the builder leaves `leaking param: p` at `?`, and the
  // chain cannot cross. The source names the function; the explanation follows its verdict.
  TempDir dir;
  dir.Write("s.go",
            "package p\n"
            "\n"
            "func store(p *int) { sink = p }\n"
            "\n"
            "var sink *int\n"
            "\n"
            "func caller() {\n"
            "\tx := 0\n"
            "\tstore(&x)\n"
            "}\n");
  const std::string log =
      "# example.com/p\n"
      "./s.go:3:12: parameter p leaks to {heap} with derefs=0:\n"
      "./s.go:3:12:   flow: {heap} = p:\n"
      "./s.go:3:12:     from sink = p (assign) at ./s.go:3:29\n"
      "./s.go:3:12: leaking param: p\n"
      "./s.go:8:2: x escapes to heap:\n"
      "./s.go:8:2:   flow: {heap} = &x:\n"
      "./s.go:8:2:     from &x (address-of) at ./s.go:9:8\n"
      "./s.go:8:2:     from store(&x) (call parameter) at ./s.go:9:7\n"
      "./s.go:8:2: moved to heap: x\n";
  Model m;
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextMemory(log, "s.log", &m, &diag));
  for (const Explanation& x : m.explanations) CHECK(x.function == kNone);
  SourceTree tree(dir.path());
  const SourceAttributionStats st = AttributeFromSources(&m, &tree, &diag);
  CHECK(st.functions_added == 2);  // store, caller
  const std::vector<uint32_t> store = FunctionsNamed(m, "store");
  REQUIRE(store.size() == 1);
  CheckConsumers(m, store[0]);
}

}  // namespace escviz
