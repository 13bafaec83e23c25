// Tests for render/snapshot_writer.h and parsers/snapshot_reader.h together: a model exported
// and read back is the same model, field by field, for every log in samples/ and the
// compiler's JSON form under tests/data/json; writing the read model again gives the same
// bytes; and broken snapshots are refused with a message naming the input. What a snapshot
// keeps is README's "Snapshots" table (SourceRefs, the `-L` text of explanations and notes, and
// the samples of unrecognized lines are not in it); the expected model is the parsed log.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/json_log_parser.h"
#include "parsers/snapshot_reader.h"
#include "parsers/source_tree.h"
#include "parsers/text_log_parser.h"
#include "render/snapshot_writer.h"
#include "render/terminal_diagnostics.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

namespace fs = std::filesystem;
const std::string kRoot = ESCVIZ_SOURCE_DIR;

/// The text of string `id` of `m`, with its id's validity checked.
std::string S(const Model& m, StrId id) {
  REQUIRE(id < m.strings.size());
  return std::string(m.str(id));
}

std::string PosText(const Model& m, const Position& p, bool physical) {
  return S(m, p.file) + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) +
         (physical ? "[" + S(m, p.physical) + "]" : "");
}

/// Every record of `m` a snapshot keeps, one line each, strings spelled out (so two models
/// compare equal whatever their string ids).
std::vector<std::string> Records(const Model& m) {
  std::vector<std::string> out;
  out.push_back("total " + std::to_string(m.total_lines));
  for (int k = 0; k < kLineKindCount; ++k) {
    out.push_back(std::string(LineKindName(static_cast<LineKind>(k))) + " " +
                  std::to_string(m.line_counts[k]));
  }
  for (const std::string& i : m.inputs) out.push_back("input " + i);
  for (const Package& p : m.packages)
    out.push_back("package " + S(m, p.name) + " " + S(m, p.variant));
  for (const Function& f : m.functions) {
    out.push_back("function " + S(m, f.name) + " " + std::to_string(f.package) + " " +
                  PosText(m, f.decl, false));
  }
  for (const Verdict& v : m.verdicts) {
    out.push_back("verdict " + std::string(VerdictKindName(v.kind)) + " " +
                  PosText(m, v.pos, true) + " " + S(m, v.subject) + " " + S(m, v.result) + " " +
                  std::to_string(v.level) + " " + std::to_string(v.package) + " " +
                  std::to_string(v.function) + " " + std::string(AttributionName(v.attribution)));
  }
  for (const Explanation& e : m.explanations) {
    out.push_back("explanation " + std::to_string(static_cast<int>(e.kind)) + " " +
                  std::to_string(e.truncated) + " " + PosText(m, e.pos, false) + " " +
                  S(m, e.subject) + " " + S(m, e.leak_dst) + " " + std::to_string(e.leak_derefs) +
                  " " + S(m, e.func) + " " + std::to_string(e.package) + " " +
                  std::to_string(e.first_step) + "+" + std::to_string(e.step_count) + " " +
                  std::to_string(e.verdict));
  }
  for (const FlowStep& s : m.steps) {
    out.push_back("step " + S(m, s.dst) + " " + S(m, s.src) + " " + std::to_string(s.derefs) + " " +
                  std::to_string(s.first_note) + "+" + std::to_string(s.note_count));
  }
  for (const Note& n : m.notes) {
    out.push_back("note " + S(m, n.expr) + " " + S(m, n.reason) + " " + PosText(m, n.pos, false));
  }
  for (const InlineRecord& r : m.inlines) {
    out.push_back("inline " + std::string(LineKindName(r.kind)) + " " +
                  std::to_string(r.text_elided) + " " + std::to_string(r.number) + " " +
                  std::to_string(r.package) + " " + PosText(m, r.pos, true) + " " + S(m, r.name) +
                  " " + S(m, r.detail));
  }
  for (const LiveRecord& r : m.lives) {
    out.push_back("live " + std::string(LineKindName(r.kind)) + " " + std::to_string(r.package) +
                  " " + PosText(m, r.pos, true) + " " + S(m, r.name) + " " + S(m, r.detail));
  }
  std::string index = "explanations of verdicts";
  for (uint32_t i : m.expl_offsets) index += " " + std::to_string(i);
  index += " |";
  for (uint32_t i : m.expl_index) index += " " + std::to_string(i);
  out.push_back(index);
  return out;
}

/// Checks that `got` has the records of `want`, naming the first that differs.
void CheckSameModel(const Model& want, const Model& got) {
  const std::vector<std::string> a = Records(want), b = Records(got);
  CHECK(a.size() == b.size());
  size_t differ = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (differ++ == 0) CHECK(a[i] == b[i]);  // the first difference, shown in full
  }
  CHECK(differ == 0);
  CHECK(want.verdicts.size() == got.verdicts.size());
  CHECK(want.explanations.size() == got.explanations.size());
}

/// Reads `snapshot` back into the empty `*m`; fails the test (with the messages) if it is
/// refused.
void Read(const std::string& snapshot, const std::string& name, Model* m) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  const bool ok = ReadSnapshot(snapshot, name, m, &diag);
  INFO(err.str());
  REQUIRE(ok);
  CHECK(diag.errors() == 0);
}

/// The snapshot of `m`, as `escviz export` writes it.
std::string Written(const Model& m) {
  std::ostringstream out;
  WriteSnapshot(m, SnapshotOptions{"0.1.0"}, &out);
  return out.str();
}

/// Export, read back, compare; export the read model again: the same bytes.
void RoundTrip(const Model& m, const std::string& name) {
  INFO(name);
  const std::string snapshot = Written(m);
  REQUIRE(snapshot.rfind(R"({"schema":"escviz.snapshot.v2",)", 0) == 0);
  Model back;
  Read(snapshot, name, &back);
  CheckSameModel(m, back);
  CHECK(Written(back) == snapshot);
  // A v1 snapshot (escviz before the patterns) still reads: the same text under the old name.
  std::string v1 = snapshot;
  v1.replace(v1.find("snapshot.v2"), 11, "snapshot.v1");
  Model old;
  Read(v1, name + " as v1", &old);
  CheckSameModel(m, old);
}

std::vector<std::string> SampleLogs() {
  std::vector<std::string> out;
  for (const char* dir :
       {"samples", "samples/tools", "samples/releases/go1.19", "samples/releases/go1.21",
        "samples/releases/go1.24", "samples/releases/go1.26", "samples/releases/go1.27",
        "tests/data", "tests/data/diff_moved", "tests/data/json/zapcore-go1.19",
        "tests/data/report"}) {
    for (const fs::directory_entry& e : fs::directory_iterator(kRoot + "/" + dir)) {
      const std::string p = e.path().string();
      auto ends = [&](const std::string& s) {
        return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
      };
      if (e.is_regular_file() && (ends(".log") || ends(".log.gz"))) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("snapshot: every sample log exports and reads back as the same model", "[snapshot]") {
  const std::vector<std::string> logs = SampleLogs();
  CHECK(logs.size() >= 40);  // samples/ 13, tools 13, releases 13, tests/data 3 + 2 + 1 + 1
  for (const std::string& log : logs) {
    std::ostringstream err;
    TerminalDiagnostics diag(&err);
    Model m;
    REQUIRE(ParseTextLogs({log}, &m, &diag));
    RoundTrip(m, log);
  }
}

TEST_CASE("snapshot: the compiler's JSON form exports and reads back as the same model",
          "[snapshot]") {
  // tests/data/json: escdemo as a directory, zapcore (Go 1.19 and 1.27) as archives of the
  // directory with the sources they name.
  test::TempDir tmp("escviz-snapshot");
  const std::string data = kRoot + "/tests/data/json/";
  const std::string untar = "tar -xzf '" + data + "zapcore-src.tar.gz' -C '" + tmp.path() +
                            "' && mkdir '" + tmp.Path("go1.19") + "' '" + tmp.Path("go1.27") +
                            "' && tar -xzf '" + data + "zapcore-go1.19/json.tar.gz' -C '" +
                            tmp.Path("go1.19") + "' && tar -xzf '" + data +
                            "zapcore-go1.27/json.tar.gz' -C '" + tmp.Path("go1.27") + "'";
  REQUIRE(std::system(untar.c_str()) == 0);
  for (const std::string& dir : {data + "escdemo-go1.19", tmp.Path("go1.19"), tmp.Path("go1.27")}) {
    INFO(dir);
    std::ostringstream err;
    TerminalDiagnostics diag(&err);
    Model m;
    SourceTree sources(tmp.path());
    const bool ok = ParseJsonLogs({dir}, JsonLogOptions{&sources}, &m, &diag);
    INFO(err.str());
    REQUIRE(ok);
    REQUIRE_FALSE(m.verdicts.empty());
    RoundTrip(m, dir);
  }
}

TEST_CASE("snapshot: an empty model, and log text that is not valid UTF-8", "[snapshot]") {
  Model empty;
  test::ParseLog("", &empty);
  RoundTrip(empty, "empty");
  // Invalid UTF-8 is written as U+FFFD (JsonEscape): the model read back has the replacement.
  Model m;
  test::ParseLog(
      "# example.com/u\n./u.go:3:6: cannot inline f: marked go:noinline\n"
      "./u.go:4:2: moved to heap: a\xff\n",
      &m);
  Model back;
  Read(Written(m), "utf8", &back);
  REQUIRE(back.verdicts.size() == 1);
  CHECK(back.str(back.verdicts[0].subject) == "a\xEF\xBF\xBD");
  CHECK(back.str(back.verdicts[0].pos.file) == "./u.go");
}

TEST_CASE("snapshot: broken snapshots are refused, naming the input", "[snapshot]") {
  // Each breaks one rule of README's "Snapshots" table; none may crash or read half.
  const std::string head = R"({"schema":"escviz.snapshot.v1","escviz":"0","inputs":[],)"
                           R"("verdict_kinds":["moved_to_heap"],"lines":{"total":1},)"
                           R"("strings":["","p"],"packages":[[1,0]],"functions":[],)";
  for (const std::string& text : std::vector<std::string>{
           R"({"schema":"escviz.snapshot.v1","strings":[1]})", R"({"schema":"escviz.snapshot.v3"})",
           head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0]]})",    // a record too short
           head + R"("verdicts":[[0,5,-1,0,1,1,0,1,0,0,3]]})",  // package out of range
           head + R"("verdicts":[[1,0,-1,0,1,1,0,1,0,0,3]]})",  // kind out of range
           head + R"("verdicts":[[0,0,-1,9,1,1,0,1,0,0,3]]})",  // string out of range
           head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0,9]]})",  // attribution out of range
           head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0,3]],)"
                  R"("explanations":[[0,0,0,1,1,1,0,0,0,0,0,4,1]]})",  // steps out of range
           head + R"("verdicts":[[0,0,-1,0,1,1,0,[1],0,0,3]]})",       // nested
           head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0,3]])",          // cut off
           head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0,3]]})",         // no explanations...
       }) {
    INFO(text);
    std::ostringstream err;
    TerminalDiagnostics diag(&err);
    Model m;
    CHECK_FALSE(ReadSnapshot(text, "broken.json", &m, &diag));
    CHECK(diag.errors() == 1);
    CHECK(err.str().find("broken.json") != std::string::npos);
  }
  // The same head with a good record reads.
  Model ok;
  Read(head + R"("verdicts":[[0,0,-1,0,1,1,0,1,0,0,3]],"explanations":[],"steps":[],)"
              R"("notes":[]})",
       "good.json", &ok);
  REQUIRE(ok.verdicts.size() == 1);
  CHECK(ok.verdicts[0].kind == VerdictKind::kMovedToHeap);
  CHECK(ok.verdicts[0].function == kNone);
  CHECK(ok.verdicts[0].attribution == Attribution::kUnknown);
  CHECK(ok.str(ok.verdicts[0].subject) == "p");
}

// Telling a snapshot from a log and from the JSON form: tests/load_model_test.cc.

}  // namespace escviz
