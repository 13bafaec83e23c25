// escviz diff and escviz export through the command line: identical inputs, a log against its
// own snapshot, the Go 1.19 and Go 1.26 forms of one program, the real moved-lines case of
// tests/data/diff_moved (zap), exit statuses, and SARIF fingerprints that survive moved lines.
// The renderings are in diff_render_test.cc, the snapshot round trip in snapshot_test.cc.

#include "src/diff.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace {

using escviz::test::ReadFile;
using escviz::test::RunEscviz;
using escviz::test::RunResult;
using escviz::test::TempDir;
using Json = nlohmann::json;

const std::string kRoot = std::string(ESCVIZ_SOURCE_DIR);
const std::string kDemo = kRoot + "/samples/escdemo.m2.log";
const std::string kBase = kRoot + "/tests/data/diff_moved/base.m2.log.gz";
const std::string kHead = kRoot + "/tests/data/diff_moved/head.m2.log.gz";

/// Runs `escviz diff --format json ARGS...` and parses the output.
Json DiffJson(std::vector<std::string> args, int want_status = 0) {
  args.insert(args.begin(), {"diff", "--format", "json"});
  RunResult r = RunEscviz(args);
  INFO(r.err);
  REQUIRE(r.status == want_status);
  Json j = Json::parse(r.out);
  REQUIRE(j["schema"] == "escviz.diff.v1");
  return j;
}

bool Empty(const Json& j) { return j["added"].empty() && j["removed"].empty(); }

/// `kind function expr` of each entry, sorted.
std::multiset<std::string> Entries(const Json& list) {
  std::multiset<std::string> out;
  for (const Json& e : list) {
    out.insert(e["kind"].get<std::string>() + " " + e["function"].get<std::string>() + " " +
               e["expr"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("diff: identical inputs give an empty diff and status 0", "[diff]") {
  for (std::string kinds : {"moved_to_heap,escapes_to_heap", "all"}) {
    Json j = DiffJson({"--kinds", kinds, "--fail-on", "new", kDemo, kDemo});
    CHECK(Empty(j));
    CHECK(j["counts"]["base"] == j["counts"]["head"]);
  }
  Json j = DiffJson({kBase, kBase});
  CHECK(Empty(j));
  CHECK(j["counts"]["base"]["moved_to_heap"].get<int>() > 0);
}

TEST_CASE("diff: a log against its own snapshot is empty, gzip or not", "[diff]") {
  TempDir dir;
  for (const std::string& log : std::vector<std::string>{kDemo, kBase}) {
    for (std::string name : {"snap.json", "snap.json.gz"}) {
      std::string snap = dir.Path(name);
      RunResult e = RunEscviz({"export", "--format", "json", "-o", snap, log});
      INFO(e.err);
      REQUIRE(e.status == 0);
      CHECK(Empty(DiffJson({"--kinds", "all", log, snap})));
      CHECK(Empty(DiffJson({"--kinds", "all", snap, log})));
      CHECK(Empty(DiffJson({"--kinds", "all", snap, snap})));
    }
  }
  std::string text = ReadFile(dir.Path("snap.json"));
  CHECK(text.rfind(R"({"schema":"escviz.snapshot.v2")", 0) == 0);
}

TEST_CASE("diff: the Go 1.19 and Go 1.26 forms of one program diff as empty", "[diff]") {
  Json j = DiffJson(
      {"--kinds", "all", kRoot + "/samples/go126.m2.log", kRoot + "/samples/go126-eq.m2.log"});
  CHECK(Entries(j["added"]).empty());
  CHECK(Entries(j["removed"]).empty());
  CHECK(j["counts"]["base"] == j["counts"]["head"]);
}

TEST_CASE("diff: zap with moved lines, one new function and one rewritten allocation", "[diff]") {
  // tests/data/diff_moved/make.sh: every file gained three lines at its top, escvizNewAlloc
  // allocates v, and LevelFlag's `&lvl` became `new(zapcore.Level)`.
  Json j = DiffJson({kBase, kHead});
  CHECK(Entries(j["added"]) ==
        std::multiset<std::string>{"moved_to_heap escvizNewAlloc v",
                                   "escapes_to_heap LevelFlag new(zapcore.Level)"});
  CHECK(Entries(j["removed"]) == std::multiset<std::string>{"moved_to_heap LevelFlag lvl"});
  for (const Json& e : j["added"]) CHECK(e["package"] == "go.uber.org/zap");
  for (const Json& e : j["added"]) {
    if (e["expr"] == "v") CHECK(e["pos"] == "./logger.go:400:2");
    if (e["expr"] == "v") CHECK(e["file"] == "logger.go");
  }
  CHECK(j["counts"]["head"]["moved_to_heap"].get<int>() ==
        j["counts"]["base"]["moved_to_heap"].get<int>());
  CHECK(j["counts"]["head"]["escapes_to_heap"].get<int>() ==
        j["counts"]["base"]["escapes_to_heap"].get<int>() + 1);

  // Every verdict kind: still exactly these; and the same with --base/--head.
  Json all = DiffJson({"--kinds", "all", kBase, kHead});
  CHECK(all["added"] == j["added"]);
  CHECK(all["removed"] == j["removed"]);
  Json named = DiffJson({"--base", kBase, "--head", kHead});
  CHECK(named["added"] == j["added"]);
  CHECK(named["removed"] == j["removed"]);

  // The gate: HEAD has heap allocations BASE lacks; the reverse has none.
  DiffJson({"--fail-on", "new", kBase, kHead}, 1);
  DiffJson({"--fail-on", "none", kBase, kHead}, 0);
  Json back = DiffJson({"--fail-on", "new", kHead, kBase}, 1);  // lvl comes back
  CHECK(Entries(back["added"]) == std::multiset<std::string>{"moved_to_heap LevelFlag lvl"});
  // The same through snapshots.
  TempDir dir;
  REQUIRE(RunEscviz({"export", "-o", dir.Path("b.json.gz"), kBase}).status == 0);
  REQUIRE(RunEscviz({"export", "-o", dir.Path("h.json.gz"), kHead}).status == 0);
  Json snaps = DiffJson({dir.Path("b.json.gz"), dir.Path("h.json.gz")});
  CHECK(snaps["added"] == j["added"]);
  CHECK(snaps["removed"] == j["removed"]);
}

TEST_CASE("diff: bad input and bad options exit 2", "[diff]") {
  TempDir dir;
  std::string bad = dir.Write("bad.json", R"({"schema":"escviz.snapshot.v1","strings":[1]})");
  CHECK(RunEscviz({"diff", kDemo, dir.Path("missing.log")}).status == 2);
  CHECK(RunEscviz({"diff", kDemo, bad}).status == 2);
  // Snapshots broken in other ways (snapshot_test.cc has the full list): refused with 2.
  const std::string head = R"({"schema":"escviz.snapshot.v1","escviz":"0","inputs":[],)"
                           R"("verdict_kinds":["moved_to_heap"],"lines":{"total":1},)"
                           R"("strings":["","p"],"packages":[[1,0]],"functions":[],)";
  CHECK(RunEscviz({"diff", kDemo, dir.Write("b.json", head + R"("verdicts":[[1]]})")}).status == 2);
  const std::string good = head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0,3]],)" +
                           R"("explanations":[],"steps":[],"notes":[]})";
  RunResult ok = RunEscviz({"diff", dir.Write("g.json", good), dir.Path("g.json")});
  CHECK(ok.status == 0);
  CHECK(ok.out == "0 added, 0 removed (compared verdicts: base 1, head 1)\n");
  // A snapshot without one of its arrays is cut or forged, not an empty build: refused, named.
  const std::string no_notes = head + R"("verdicts":[],"explanations":[],"steps":[]})";
  RunResult cut = RunEscviz({"diff", "--fail-on", "new", kDemo, dir.Write("n.json", no_notes)});
  CHECK(cut.status == 2);
  CHECK(cut.err.find("n.json: bad snapshot: it has no \"notes\"") != std::string::npos);
  RunResult bare = RunEscviz({"diff", "--fail-on", "new", kDemo,
                              dir.Write("s.json", R"({"schema":"escviz.snapshot.v1"})")});
  CHECK(bare.status == 2);
  // `,` compares nothing: an error, not an empty diff.
  RunResult comma = RunEscviz({"diff", "--kinds", ",", kDemo, kDemo});
  CHECK(comma.status == 2);
  CHECK(comma.err.find("--kinds ',' names no verdict kind") != std::string::npos);
  // Standard input can be one side only.
  CHECK(RunEscviz({"diff", "-", "-"}).status == 2);
  CHECK(RunEscviz({"diff", "--kinds", "heap", kDemo, kDemo}).status == 2);
  CHECK(RunEscviz({"diff", kDemo}).status == 2);
  CHECK(RunEscviz({"diff", "--fail-on", "old", kDemo, kDemo}).status == 2);
  CHECK(RunEscviz({"diff", "--base", kDemo, "--base", kDemo, "--head", kDemo}).status == 0);
}

TEST_CASE("export sarif: fingerprints survive moved lines", "[diff][sarif]") {
  auto fingerprints = [](const std::string& log) {
    RunResult r = RunEscviz({"export", "--format", "sarif", log});
    REQUIRE(r.status == 0);
    Json j = Json::parse(r.out);
    REQUIRE(j["version"] == "2.1.0");
    std::set<std::string> out;
    for (const Json& res : j["runs"][0]["results"]) {
      out.insert(res["partialFingerprints"]["escvizVerdict/v1"].get<std::string>());
    }
    return out;
  };
  std::set<std::string> base = fingerprints(kBase), head = fingerprints(kHead);
  std::vector<std::string> only_base, only_head;
  for (const std::string& f : base) {
    if (head.count(f) == 0) only_base.push_back(f);
  }
  for (const std::string& f : head) {
    if (base.count(f) == 0) only_head.push_back(f);
  }
  Json d = DiffJson({"--kinds",
                     "moved_to_heap,escapes_to_heap,leaking_param,leaking_param_content,"
                     "leaking_param_to_result",
                     kBase, kHead});
  CHECK(only_head.size() == d["added"].size());
  CHECK(only_base.size() == d["removed"].size());
}

// Diff itself (src/diff.h), on constructed logs: the kinds compared, and the matching that
// survives moved lines and functions only guessed on one side (SPEC 4.2).

TEST_CASE("DiffKinds: heap kinds by default, `all`, a comma list, an unknown name", "[diff]") {
  using escviz::DiffKinds;
  using escviz::VerdictKind;
  DiffKinds k;
  CHECK(k.has(VerdictKind::kMovedToHeap));
  CHECK(k.has(VerdictKind::kEscapesToHeap));
  CHECK_FALSE(k.has(VerdictKind::kDoesNotEscape));
  std::string bad;
  REQUIRE(k.Parse("leaking_param,does_not_escape", &bad));
  CHECK(k.has(VerdictKind::kLeakingParam));
  CHECK(k.has(VerdictKind::kDoesNotEscape));
  CHECK_FALSE(k.has(VerdictKind::kMovedToHeap));
  REQUIRE(k.Parse("all", &bad));
  for (int i = 0; i < escviz::kVerdictKindCount; ++i) CHECK(k.on[i]);
  CHECK_FALSE(k.Parse("moved_to_heap,heap", &bad));
  CHECK(bad == "heap");
}

TEST_CASE("Diff: moved lines match; a Go 1.26 `in FUNC` matches a guessed function", "[diff]") {
  using escviz::Model;
  // BASE: f declared (x's function is guessed from it), and the Go 1.26 header `in f` names
  // T's function for sure. HEAD: the same ten lines lower, no declaration (both functions
  // unknown, `?`), and one allocation more (y). First pass: no key is equal (f against ?);
  // second pass: x and T match by package, file, kind and expression.
  Model base, head;
  escviz::test::ParseLog(
      "# example.com/d\n"
      "./d.go:3:6: cannot inline f: marked go:noinline\n"
      "./d.go:4:2: moved to heap: x\n"
      "./d.go:5:9: &T{...} escapes to heap in f:\n"
      "./d.go:5:9:   flow: {heap} \xE2\x86\x90 &{storage for &T{...}}:\n"
      "./d.go:5:9:     from &T{...} (spill) at ./d.go:5:9\n"
      "./d.go:5:9: &T{...} escapes to heap\n",
      &base);
  escviz::test::ParseLog(
      "# example.com/d\n"
      "./d.go:14:2: moved to heap: x\n"
      "./d.go:15:9: &T{...} escapes to heap\n"
      "./d.go:16:2: moved to heap: y\n",
      &head);
  REQUIRE(base.verdicts.size() == 2);
  CHECK(base.verdicts[0].attribution == escviz::Attribution::kHeuristic);
  CHECK(base.verdicts[1].attribution == escviz::Attribution::kCompiler);
  CHECK(head.verdicts[0].function == escviz::kNone);
  const escviz::DiffResult d = escviz::Diff(base, head, escviz::DiffKinds());
  REQUIRE(d.added.size() == 1);
  CHECK(d.added[0].key.expr == "y");
  CHECK(d.added[0].pos == "./d.go:16:2");
  CHECK(d.removed.empty());
  CHECK(d.added_heap() == 1);
  CHECK(d.base_counts[static_cast<int>(escviz::VerdictKind::kMovedToHeap)] == 1);
  CHECK(d.head_counts[static_cast<int>(escviz::VerdictKind::kMovedToHeap)] == 2);
  REQUIRE(d.packages.size() == 1);
  CHECK(d.packages[0].package == "example.com/d");
  CHECK(d.packages[0].base == 2);
  CHECK(d.packages[0].head == 3);
  // The other way round, y is removed and nothing is added: the gate would not trip.
  const escviz::DiffResult back = escviz::Diff(head, base, escviz::DiffKinds());
  CHECK(back.added.empty());
  CHECK(back.removed.size() == 1);
  CHECK(back.added_heap() == 0);
}
