// The one way in (parsers/load_model.h, parsers/input_kind.h): every command reads a text log,
// the same log gzip-compressed, the compiler's JSON form and a snapshot. How the expected values
// are known: the snapshot is exported from the log it is compared with, and the gzip file holds
// the log's bytes, so each must give the same output as the log itself, byte for byte; the JSON
// form is another build of the same program (tests/data/json/README.md), so only its being read
// is checked.

#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "parsers/input_kind.h"
#include "tests/test_support.h"

namespace escviz {
namespace {

using test::ReadFile;
using test::RunEscviz;
using test::RunResult;
using test::TempDir;

const std::string kLog = std::string(ESCVIZ_SOURCE_DIR) + "/samples/escdemo.m2.log";
const std::string kJsonDir = std::string(ESCVIZ_SOURCE_DIR) + "/tests/data/json/escdemo-go1.19";

void WriteGzip(const std::string& path, const std::string& data) {
  gzFile f = gzopen(path.c_str(), "wb6");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, data.data(), static_cast<unsigned>(data.size())) ==
          static_cast<int>(data.size()));
  REQUIRE(gzclose(f) == Z_OK);
}

/// The four forms of input: the log, its gzip, its snapshot (as exported, and as `jq -S .`
/// would print it: indented, keys sorted), and a JSON-form directory.
struct Inputs {
  TempDir dir;
  std::string gz, snap, snap_gz, pretty;
  Inputs() {
    gz = dir.Path("build.log.gz");
    WriteGzip(gz, ReadFile(kLog));
    snap = dir.Path("snap.json");
    snap_gz = dir.Path("snap.json.gz");
    REQUIRE(RunEscviz({"export", "-o", snap, kLog}).status == 0);
    REQUIRE(RunEscviz({"export", "-o", snap_gz, kLog}).status == 0);
    pretty = dir.Path("pretty.json");
    test::WriteFile(pretty, nlohmann::json::parse(ReadFile(snap)).dump(2));
  }
};

TEST_CASE("input kinds are told apart by content", "[load_model]") {
  Inputs in;
  CHECK(InputKindOf(kLog) == InputKind::kTextLog);
  CHECK(InputKindOf(in.gz) == InputKind::kTextLog);
  CHECK(InputKindOf(in.snap) == InputKind::kSnapshot);
  CHECK(InputKindOf(in.snap_gz) == InputKind::kSnapshot);  // a .json.gz name, yet a snapshot
  CHECK(InputKindOf(in.pretty) == InputKind::kSnapshot);
  CHECK(InputKindOf(kJsonDir) == InputKind::kJsonForm);
  CHECK(InputKindOf(kJsonDir + "/main/main.json") == InputKind::kJsonForm);
  CHECK(InputKindOf("-") == InputKind::kTextLog);
  CHECK(InputKindOf(in.dir.Path("missing.log")) == InputKind::kTextLog);
}

TEST_CASE("every command reads a log, its gzip, its snapshot and a JSON form", "[load_model]") {
  Inputs in;
  TempDir out;
  const std::vector<std::vector<std::string>> commands = {
      {"summary"},
      {"summary", "--format", "json"},
      {"explain", "--name", "local"},
      {"graph", "--top", "2"},
      {"export", "--format", "sarif"},
      {"diff", "--kinds", "all", kLog},
  };
  for (const std::vector<std::string>& command : commands) {
    RunResult want = [&] {
      std::vector<std::string> args = command;
      args.push_back(kLog);
      return RunEscviz(args);
    }();
    INFO(want.err);
    REQUIRE(want.status == 0);
    for (const std::string& input : {in.gz, in.snap, in.snap_gz, in.pretty}) {
      std::vector<std::string> args = command;
      args.push_back(input);
      RunResult got = RunEscviz(args);
      INFO(args.front() << " " << input << "\n" << got.err);
      CHECK(got.status == 0);
      if (args.front() == "export") continue;  // SARIF names the input file
      if (input == in.gz) {                    // the same but for the input's name
        std::string out = got.out;
        for (size_t at; (at = out.find(in.gz)) != std::string::npos;)
          out.replace(at, in.gz.size(), kLog);
        CHECK(out == want.out);
      } else {  // a snapshot keeps no log line numbers: explain says `[log FILE]`
        static const std::regex kLogLine(R"((\[log [^\]]*):[0-9]+\])");
        CHECK(got.out == std::regex_replace(want.out, kLogLine, "$1]"));
      }
    }
    std::vector<std::string> args = command;
    args.push_back(kJsonDir);
    RunResult json = RunEscviz(args);
    INFO(args.front() << " " << kJsonDir << "\n" << json.err);
    CHECK(json.status == 0);
    CHECK(!json.out.empty());
  }
  // The report of a snapshot is the report of its log (but for the date line).
  for (const std::string& input : {kLog, in.snap_gz, kJsonDir}) {
    RunResult r = RunEscviz({"report", "-q", "-o", out.Path("r"), input});
    INFO(input << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK(std::filesystem::exists(out.Path("r/index.html")));
  }
}

TEST_CASE("a snapshot is read by itself", "[load_model]") {
  Inputs in;
  RunResult r = RunEscviz({"summary", kLog, in.snap});
  CHECK(r.status == 2);
  CHECK(r.err.find(in.snap + ": a snapshot is read by itself") != std::string::npos);
}

TEST_CASE("a JSON object that is no snapshot is refused as one", "[load_model]") {
  TempDir dir;
  std::string other = dir.Write("other.json", "{\"schema\": \"something.else\", \"x\": [1]}\n");
  RunResult r = RunEscviz({"summary", other});
  CHECK(r.status == 2);
  CHECK(r.err.find(other + ": not an escviz.snapshot.v2 (or v1) snapshot") != std::string::npos);
}

TEST_CASE("the log of a failed build is refused, naming its first error", "[load_model]") {
  // tests/data/broken/main.go fails to compile on purpose; its first error is the unused import
  // on line 5 (in both releases' wording), and the build prints 7 errors with Go 1.19 and 8 with
  // Go 1.27 (which also reports the unused `s`), as the logs beside it show.
  const std::string dir = std::string(ESCVIZ_SOURCE_DIR) + "/tests/data/broken/";
  const std::pair<std::string, std::string> cases[] = {
      {"build.go119.m2.log", "./main.go:5:2: imported and not used: \"os\" (and 6 more"},
      {"build.go127.m2.log", "./main.go:5:2: \"os\" imported and not used (and 7 more"}};
  for (const auto& [log, first] : cases) {
    RunResult r = RunEscviz({"summary", dir + log});
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(dir + log + ":2: the build failed: " + first) != std::string::npos);
    RunResult d = RunEscviz({"diff", "--fail-on", "new", kLog, dir + log});
    CHECK(d.status == 2);
    CHECK(d.err.find("the build failed") != std::string::npos);
  }
}

TEST_CASE("paths with a space are read", "[load_model]") {
  // tests/data/spaces: the compiler printed `tmp/escviz-spaces/John Doe/.../keep.go:6:15: ...`.
  // Every line is recognized, and `v` (whose address keep.go keeps in a global) is moved to the
  // heap at keep.go:5:11; before paths with spaces were read, 31 of 43 lines were unrecognized
  // and the verdict was lost.
  const std::string dir = std::string(ESCVIZ_SOURCE_DIR) + "/tests/data/spaces/";
  for (const char* log : {"build.go119.m2.log", "build.go127.m2.log"}) {
    RunResult r = RunEscviz({"summary", "--format", "json", "--no-sources", dir + log});
    INFO(log << "\n" << r.err);
    REQUIRE(r.status == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["lines"]["unrecognized"] == 0);
    CHECK(j["counts"]["moved_to_heap"] == 1);
    RunResult e = RunEscviz({"explain", "--no-sources", "--at", "keep.go:5:11", dir + log});
    CHECK(e.status == 0);
    CHECK(e.out.find("John Doe/gopath/src/example.com/spaces/keep.go:5:11: moved to heap: v") !=
          std::string::npos);
  }
}

TEST_CASE("SARIF locations: a Windows path is a file URI, no path reads as a URI scheme",
          "[sarif]") {
  // RFC 3986: `C:%5Cwin...` or `weird:name.go` as a relative reference would parse as the
  // schemes `C:` and `weird:`.
  TempDir dir;
  const std::string log = dir.Write("win.log",
                                    "# p\n"
                                    "C:\\win\\w.go:5:2: moved to heap: x\n"
                                    "weird:name.go:3:4: moved to heap: y\n");
  RunResult r = RunEscviz({"export", "--format", "sarif", "--no-sources", log});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> uris;
  for (const auto& result : j["runs"][0]["results"]) {
    uris.push_back(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  CHECK(uris == std::vector<std::string>{"file:///C:/win/w.go", "weird%3Aname.go"});
}

TEST_CASE("a mistyped command is answered with the nearest one", "[cli]") {
  RunResult r = RunEscviz({"sumary", kLog});
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown command 'sumary'; did you mean 'summary'?") != std::string::npos);
  r = RunEscviz({"frobnicate"});
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(r.err.find("did you mean") == std::string::npos);
}

}  // namespace
}  // namespace escviz
