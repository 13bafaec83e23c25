// Malformed input (issue 5, SPEC section 7), end to end through the command line in-process
// (escviz::Main): random bytes, NUL bytes, invalid UTF-8, CRLF, a final line without newline,
// 50 MB lines, explanation lines without a header, logs cut inside an explanation or inside a
// gzip stream, headers only, empty files and deeply nested `{storage for ...}` expressions.
// Over 400 lines: the malformed cases of SPEC section 7 are one list, kept together.
//
// Every case writes a generated file into a fresh temporary directory (mkdtemp under /tmp,
// removed at the end) and checks: no crash, the exit status, `lines.total` against the number of
// lines written (each '\n', plus one for a last line without it), that every line is accounted
// for (the per-kind counts `line_kinds` add up to `lines.total`; verdict counts equal their line
// kinds; the unrecognized and orphan counts equal the junk lines written), and that what there
// is to report is on standard error as `FILE:LINE: ...`, as valid UTF-8 without raw control
// bytes (TerminalClean of test_support.h: no C0 but LF and tab, no DEL, C1 or bidirectional
// control).
//
// Memory: LineReader keeps at most LineReader::kMaxLine (16 MiB) of a line; the rest of the line
// is skipped (read through, never stored) and the line is reported as `FILE:LINE: line longer
// than 16 MiB`. So memory is bounded by the cap whatever the input; the 1 GB noise run that
// measures it is a separate benchmark script, not part of this suite.

#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/line_reader.h"
#include "tests/test_support.h"

namespace {

using escviz::test::ReadFile;
using escviz::test::RunEscviz;
using escviz::test::RunResult;
using escviz::test::TempDir;
using escviz::test::TerminalClean;
using escviz::test::ValidUtf8;
using nlohmann::json;

std::string Sample(const std::string& name) {
  return std::string(ESCVIZ_SOURCE_DIR) + "/samples/" + name;
}

/// Lines in `data` as the spec counts them: each '\n', plus one for a last line without it.
uint64_t CountLines(std::string_view data) {
  uint64_t n = static_cast<uint64_t>(std::count(data.begin(), data.end(), '\n'));
  if (!data.empty() && data.back() != '\n') ++n;
  return n;
}

/// At most the first 2000 bytes, for failure messages (some outputs here are megabytes).
std::string Head(const std::string& s) {
  return s.size() <= 2000 ? s : s.substr(0, 2000) + "... (" + std::to_string(s.size()) + " bytes)";
}

bool Has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

/// The JSON of a `summary --format json` run, and its standard error.
struct Summary {
  json j;
  std::string err;
};

/// `summary --format json ARGS...`, which must succeed.
Summary RunSummaryArgs(const std::vector<std::string>& args_in) {
  std::vector<std::string> args = {"summary", "--format", "json"};
  args.insert(args.end(), args_in.begin(), args_in.end());
  RunResult r = RunEscviz(args);
  INFO("stderr: " << Head(r.err));
  REQUIRE(r.status == 0);
  // nlohmann's parser rejects invalid UTF-8 in strings: parsing is the UTF-8 check of stdout.
  Summary s;
  REQUIRE_NOTHROW(s.j = json::parse(r.out));
  s.err = r.err;
  CHECK(TerminalClean(r.err));
  return s;
}

/// `summary --format json [EXTRA...] PATH`, which must succeed.
Summary RunSummary(const std::string& path, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = extra;
  args.push_back(path);
  return RunSummaryArgs(args);
}

uint64_t U(const json& v) { return v.get<uint64_t>(); }

/// Checks that every line is accounted for: `lines.total` is the number of lines written, the
/// per-kind counts add up to it, the unrecognized count is the same in both places, each verdict
/// count equals its line kind, heap = moved + escapes, and orphans are among the explanation
/// lines.
void CheckAccounting(const json& j, uint64_t expected_lines) {
  const json& lines = j.at("lines");
  CHECK(U(lines.at("total")) == expected_lines);
  const json& kinds = j.at("line_kinds");
  uint64_t sum = 0;
  for (const auto& [name, n] : kinds.items()) sum += U(n);
  CHECK(sum == expected_lines);
  CHECK(U(kinds.at("unrecognized")) == U(lines.at("unrecognized")));
  for (const auto& [name, n] : j.at("counts").items()) {
    INFO("count " << name);
    REQUIRE(kinds.contains(name));
    CHECK(U(n) == U(kinds.at(name)));
  }
  const json& counts = j.at("counts");
  // Heap allocations are the heap verdicts less those that allocate nothing.
  CHECK(U(j.at("heap").at("total")) + U(j.at("no_allocation").at("total")) ==
        U(counts.at("moved_to_heap")) + U(counts.at("escapes_to_heap")));
  CHECK(U(j.at("heap").at("total")) ==
        U(j.at("heap").at("moved_to_heap")) + U(j.at("heap").at("escapes_to_heap")));
  CHECK(U(lines.at("orphan_explanation")) <=
        U(kinds.at("flow")) + U(kinds.at("from")) + U(kinds.at("truncated_warning")));
}

/// Every verdict count of the summary is zero.
void CheckNoVerdicts(const json& j) {
  for (const auto& [name, n] : j.at("counts").items()) {
    INFO("count " << name);
    CHECK(U(n) == 0);
  }
  CHECK(U(j.at("heap").at("total")) == 0);
}

/// `--strict` on `path` exits 2, writes nothing on stdout and says how many lines it refused.
void CheckStrictFails(const std::string& path, uint64_t unrecognized) {
  RunResult r = RunEscviz({"summary", "--strict", "--format", "json", path});
  INFO("stderr: " << Head(r.err));
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  std::string what = std::to_string(unrecognized) + " unrecognized line" +
                     (unrecognized == 1 ? "" : "s") + " (--strict)";
  CHECK(Has(r.err, "escviz: error: " + what));
  CHECK(TerminalClean(r.err));
}

std::string Unrecognized(const std::string& path, uint64_t line) {
  return "escviz: warning: " + path + ":" + std::to_string(line) + ": unrecognized line: ";
}

std::string Orphan(const std::string& path, uint64_t line) {
  return "escviz: warning: " + path + ":" + std::to_string(line) +
         ": explanation line with no explanation header before it: ";
}

std::string Overlong(const std::string& path, uint64_t line) {
  return "escviz: warning: " + path + ":" + std::to_string(line) + ": line longer than " +
         std::to_string(escviz::LineReader::kMaxLine >> 20) + " MiB";
}

/// `{storage for {storage for ... x}}`, `depth` levels.
std::string Nested(size_t depth) {
  std::string s;
  s.reserve(depth * 14 + 1);
  for (size_t i = 0; i < depth; ++i) s += "{storage for ";
  s += 'x';
  s.append(depth, '}');
  return s;
}

}  // namespace

TEST_CASE("random bytes: every line counted and reported", "[malformed]") {
  TempDir dir;
  std::mt19937 rng(20240605u);

  SECTION("lines of random bytes, each starting with a byte >= 0x80") {
    // About 1 MB in lines of random length (mostly short, some up to 20000 bytes). No form of
    // the log starts with a byte >= 0x80 or can end in the random bytes that follow, so every
    // line must come out unrecognized; none is blank (each has its first byte).
    std::string data;
    uint64_t lines = 0;
    while (data.size() < (1u << 20)) {
      size_t len = 1 + (rng() % 64 == 0 ? rng() % 20000 : rng() % 300);
      data += static_cast<char>(0x80 | (rng() & 0x7F));
      for (size_t i = 1; i < len; ++i) {
        char c = static_cast<char>(rng() & 0xFF);
        data += c == '\n' ? '\x01' : c;
      }
      data += '\n';
      ++lines;
    }
    data.pop_back();  // and the last line without its newline
    REQUIRE(CountLines(data) == lines);
    REQUIRE(lines > 1000);
    std::string path = dir.Write("random.log", data);

    Summary s = RunSummary(path);
    CheckAccounting(s.j, lines);
    CHECK(U(s.j["lines"]["unrecognized"]) == lines);
    CheckNoVerdicts(s.j);
    // The first 20 unrecognized lines by name and number, then the total; no more samples.
    for (uint64_t l = 1; l <= 20; ++l) {
      INFO("line " << l);
      CHECK(Has(s.err, Unrecognized(path, l)));
    }
    CHECK_FALSE(Has(s.err, Unrecognized(path, 21)));
    CHECK(Has(s.err, "escviz: warning: " + std::to_string(lines) +
                         " unrecognized lines in all (20 shown)"));
    // Samples are cut: the report stays small whatever the lines' length (at most 4 bytes of
    // escape per byte shown).
    CHECK(s.err.size() < 20 * (300 * 4 + 200) + 200);
    CheckStrictFails(path, lines);
  }

  SECTION("uniform random bytes") {
    // Raw bytes, '\n' wherever the generator puts one (about 1 in 256). Some lines may come out
    // blank or as something position-less; none may become a verdict.
    std::string data(1u << 20, '\0');
    for (char& c : data) c = static_cast<char>(rng() & 0xFF);
    uint64_t lines = CountLines(data);
    REQUIRE(lines > 1000);
    std::string path = dir.Write("uniform.log", data);

    Summary s = RunSummary(path);
    CheckAccounting(s.j, lines);
    CheckNoVerdicts(s.j);
    uint64_t unrecognized = U(s.j["lines"]["unrecognized"]);
    CHECK(unrecognized > lines * 9 / 10);
    CHECK(Has(s.err, "escviz: warning: " + std::to_string(unrecognized) +
                         " unrecognized lines in all (20 shown)"));
    CHECK(Has(s.err, "escviz: warning: " + path + ":"));
    CheckStrictFails(path, unrecognized);
  }
}

TEST_CASE("NUL bytes are data: they neither end a line nor hide one", "[malformed]") {
  TempDir dir;
  using namespace std::string_literals;
  const std::string data =
      "# p\n"                                // 1
      "./a.go:3:4: x\0y escapes to heap\n"s  // 2 verdict with a NUL in its subject
      "junk\0junk\n"s                        // 3 unrecognized
      "\0\n"s                                // 4 unrecognized (a NUL is not blank)
      "\0\0\0 more junk\0\n"s                // 5 unrecognized
      "./a.go:5:6: moved to heap: \0z\n"s    // 6 verdict
      "./a.go:7:8: leaking param: p\0\n"s    // 7 verdict
      "tail\0"s;                             // 8 unrecognized, no newline
  REQUIRE(CountLines(data) == 8);
  std::string path = dir.Write("nul.log", data);

  Summary s = RunSummary(path);
  CheckAccounting(s.j, 8);
  CHECK(U(s.j["lines"]["unrecognized"]) == 4);
  CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
  CHECK(U(s.j["counts"]["moved_to_heap"]) == 1);
  CHECK(U(s.j["counts"]["leaking_param"]) == 1);
  INFO("stderr: " << s.err);
  // Each junk line by number, the NUL shown visibly and the text after it kept.
  CHECK(Has(s.err, Unrecognized(path, 3) + R"(junk\x00junk)" + "\n"));
  CHECK(Has(s.err, Unrecognized(path, 4) + R"(\x00)" + "\n"));
  CHECK(Has(s.err, Unrecognized(path, 5) + R"(\x00\x00\x00 more junk\x00)" + "\n"));
  CHECK(Has(s.err, Unrecognized(path, 8) + R"(tail\x00)" + "\n"));
  CHECK_FALSE(Has(s.err, path + ":2:"));
  CHECK_FALSE(Has(s.err, path + ":6:"));

  // The verdict with the NUL is found by position and shown with the NUL escaped.
  RunResult e = RunEscviz({"explain", "--at", "a.go:3:4", path});
  INFO("explain: " << Head(e.out) << Head(e.err));
  CHECK(e.status == 0);
  CHECK(Has(e.out, R"(x\x00y escapes to heap)"));
  CHECK(TerminalClean(e.out));
  CheckStrictFails(path, 4);
}

TEST_CASE("invalid UTF-8 in a verdict keeps the verdict; outputs stay valid UTF-8", "[malformed]") {
  TempDir dir;
  const std::string data =
      "# p\n"
      "./a.go:3:4: \xff\xfe escapes to heap\n"                           // 2 verdict
      "junk \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf \xc2\x85\n"  // 3 unrecognized
      "./\xff.go:9:2: moved to heap: v\xe2\x82\n"                        // 4 verdict, bad file name
      "./a.go:5:1: \xe2\x86\x90 escapes to heap\n";                      // 5 verdict, valid UTF-8
  REQUIRE(CountLines(data) == 5);
  std::string path = dir.Write("utf8.log", data);

  Summary s = RunSummary(path);  // parses: the JSON is valid UTF-8
  CheckAccounting(s.j, 5);
  CHECK(U(s.j["counts"]["escapes_to_heap"]) == 2);
  CHECK(U(s.j["counts"]["moved_to_heap"]) == 1);
  CHECK(U(s.j["heap"]["total"]) == 3);
  CHECK(U(s.j["lines"]["unrecognized"]) == 1);
  INFO("stderr: " << s.err);
  CHECK(Has(s.err, Unrecognized(path, 3) + "junk "));
  // The file name with an invalid byte reaches JSON as U+FFFD, not as the raw byte.
  std::set<std::string> files;
  for (const json& f : s.j["files"]) files.insert(f["name"].get<std::string>());
  CHECK(files.count("./a.go") == 1);
  CHECK(files.count("./\xEF\xBF\xBD.go") == 1);

  // The text outputs (summary, explain) are terminal-clean and show the bytes as escapes.
  RunResult t = RunEscviz({"summary", path});
  CHECK(t.status == 0);
  CHECK(TerminalClean(t.out));
  CHECK(TerminalClean(t.err));
  RunResult e = RunEscviz({"explain", "--at", "a.go:3:4", path});
  INFO("explain: " << Head(e.out) << Head(e.err));
  CHECK(e.status == 0);
  CHECK(TerminalClean(e.out));
  CHECK(Has(e.out, R"(\xff\xfe escapes to heap)"));
  RunResult m = RunEscviz({"summary", "--format", "markdown", path});
  CHECK(m.status == 0);
  CHECK(ValidUtf8(m.out));
}

TEST_CASE("CRLF line ends give the same result as LF", "[malformed]") {
  TempDir dir;
  const std::string lf_path = Sample("escdemo.m2.log");
  const std::string lf = ReadFile(lf_path);
  REQUIRE(lf.find('\r') == std::string::npos);
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const uint64_t lines = CountLines(lf);
  REQUIRE(lines > 100);
  REQUIRE(CountLines(crlf) == lines);
  std::string path = dir.Write("escdemo.crlf.log", crlf);

  Summary a = RunSummary(lf_path, {"--strict"});
  Summary b = RunSummary(path, {"--strict"});  // a '\r' left in a line would be unrecognized
  CheckAccounting(a.j, lines);
  CheckAccounting(b.j, lines);
  CHECK(b.err.empty());
  CHECK(U(b.j["heap"]["total"]) > 0);
  CHECK(U(b.j["explanations"]) > 0);
  CHECK(a.j["inputs"] == json::array({lf_path}));
  CHECK(b.j["inputs"] == json::array({path}));
  a.j.erase("inputs");
  b.j.erase("inputs");
  CHECK(a.j == b.j);

  RunResult ta = RunEscviz({"summary", lf_path});
  RunResult tb = RunEscviz({"summary", path});
  CHECK(tb.status == 0);
  CHECK(ta.out == tb.out);

  // The chains read the same: explain at every example position of the rankings.
  std::set<std::string> places;
  for (const char* key : {"files", "functions", "packages", "causes", "choke_points"}) {
    for (const json& row : a.j[key]) {
      if (row.contains("example") && !row["example"].get<std::string>().empty())
        places.insert(row["example"].get<std::string>());
    }
  }
  REQUIRE(!places.empty());
  auto without = [](std::string s, const std::string& name) {
    for (size_t p = s.find(name); p != std::string::npos; p = s.find(name, p))
      s.replace(p, name.size(), "LOG");
    return s;
  };
  for (const std::string& place : places) {
    INFO("explain --at " << place);
    RunResult ea = RunEscviz({"explain", "--at", place, lf_path});
    RunResult eb = RunEscviz({"explain", "--at", place, path});
    CHECK(ea.status == 0);
    CHECK(eb.status == 0);
    CHECK(without(ea.out, lf_path) == without(eb.out, path));
  }
}

TEST_CASE("a final line without newline is counted", "[malformed]") {
  TempDir dir;
  SECTION("LF file") {
    const std::string data = "# p\n./a.go:3:4: x escapes to heap";
    std::string path = dir.Write("nonl.log", data);
    Summary s = RunSummary(path, {"--strict"});
    CheckAccounting(s.j, 2);
    CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
    CHECK(U(s.j["lines"]["unrecognized"]) == 0);
    CHECK(s.err.empty());
  }
  SECTION("CRLF file cut before its last '\\n'") {
    const std::string data =
        "# p\r\n./a.go:3:4: moved to heap: x\r\n./a.go:3:4: x escapes to heap\r";
    std::string path = dir.Write("nonl.crlf.log", data);
    Summary s = RunSummary(path, {"--strict"});
    CheckAccounting(s.j, 3);
    CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
    CHECK(U(s.j["counts"]["moved_to_heap"]) == 1);
    CHECK(s.err.empty());
  }
}

TEST_CASE("a 50 MB line is cut at 16 MiB and reported; the next line still counts", "[malformed]") {
  TempDir dir;
  constexpr size_t k50MB = 50u << 20;
  static_assert(escviz::LineReader::kMaxLine == 16u << 20, "the header comment names 16 MiB");

  SECTION("followed by a verdict") {
    // The long line would be a verdict if it were read whole; cut, it is not one.
    std::string data = "./a.go:1:1: ";
    data.append(k50MB, 'a');
    data += " escapes to heap\n./a.go:3:4: x escapes to heap\n";
    REQUIRE(CountLines(data) == 2);
    std::string path = dir.Write("long.log", data);
    data.clear();
    data.shrink_to_fit();

    Summary s = RunSummary(path);
    CheckAccounting(s.j, 2);
    CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
    CHECK(U(s.j["lines"]["unrecognized"]) == 1);
    INFO("stderr: " << Head(s.err));
    CHECK(Has(s.err, Overlong(path, 1)));
    CHECK(Has(s.err, Unrecognized(path, 1) + "./a.go:1:1: aaaa"));
    CHECK_FALSE(Has(s.err, path + ":2:"));
    CHECK(s.err.size() < 2000);  // the line is not echoed whole

    // The verdict is on line 2 of the log.
    RunResult e = RunEscviz({"explain", "--at", "a.go:3:4", path});
    INFO("explain: " << Head(e.out) << Head(e.err));
    CHECK(e.status == 0);
    CHECK(Has(e.out, "./a.go:3:4: x escapes to heap"));
    CHECK(Has(e.out, "[log " + path + ":2]"));
    CheckStrictFails(path, 1);
  }

  SECTION("with no newline at all") {
    std::string data(k50MB, 'z');
    std::string path = dir.Write("long.nonl.log", data);
    data.clear();
    data.shrink_to_fit();
    Summary s = RunSummary(path);
    CheckAccounting(s.j, 1);
    CHECK(U(s.j["lines"]["unrecognized"]) == 1);
    CheckNoVerdicts(s.j);
    INFO("stderr: " << Head(s.err));
    CHECK(Has(s.err, Overlong(path, 1)));
    CHECK(Has(s.err, Unrecognized(path, 1) + "zzzz"));
    CHECK(s.err.size() < 2000);
  }
}

TEST_CASE("explanation lines with no header are counted as orphans and reported", "[malformed]") {
  TempDir dir;
  const std::string data =
      "./a.go:3:4:   flow: {heap} = x:\n"                // 1 orphan: nothing before
      "./a.go:3:4:     from x (assign) at ./a.go:3:4\n"  // 2 orphan
      "# p\n"                                            // 3
      "./a.go:5:6:     from y (spill) at ./a.go:5:6\n"   // 4 orphan: after a header
      "./a.go:5:6: y escapes to heap\n"                  // 5 verdict
      "./a.go:5:6:   flow: {heap} = y:\n"                // 6 orphan: after a verdict
      "./a.go:7:2:   warning: truncated explanation due to assignment cycle; see "
      "golang.org/issue/35518\n"                         // 7 orphan
      "./a.go:9:2: z escapes to heap:\n"                 // 8 header...
      "./a.go:9:2:     from z (spill) at ./a.go:9:2\n";  // 9 ...a note before any flow
  REQUIRE(CountLines(data) == 9);
  std::string path = dir.Write("orphans.log", data);

  Summary s = RunSummary(path);
  CheckAccounting(s.j, 9);
  CHECK(U(s.j["lines"]["orphan_explanation"]) == 6);
  CHECK(U(s.j["lines"]["unrecognized"]) == 0);
  CHECK(U(s.j["line_kinds"]["flow"]) == 2);
  CHECK(U(s.j["line_kinds"]["from"]) == 3);
  CHECK(U(s.j["line_kinds"]["truncated_warning"]) == 1);
  CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
  CHECK(U(s.j["heap"]["explained"]) == 0);  // line 4 is no explanation of line 5
  INFO("stderr: " << s.err);
  CHECK(Has(s.err, Orphan(path, 1) + "./a.go:3:4:   flow: {heap} = x:\n"));
  for (uint64_t l : {2, 4, 6, 7, 9}) {
    INFO("line " << l);
    CHECK(Has(s.err, Orphan(path, l)));
  }
  for (uint64_t l : {3, 5}) CHECK_FALSE(Has(s.err, path + ":" + std::to_string(l) + ":"));
  // The block of line 8 ends the input without a flow line.
  CHECK(Has(s.err, path + ":8: the explanation of z that starts here is incomplete"));
}

TEST_CASE("a log cut off inside an explanation block is reported", "[malformed]") {
  TempDir dir;
  SECTION("the input ends right after a header") {
    const std::string data =
        "# p\n"
        "./a.go:3:4: x escapes to heap:\n";
    std::string path = dir.Write("cut.log", data);
    Summary s = RunSummary(path, {"--strict"});  // nothing unrecognized: a warning only
    CheckAccounting(s.j, 2);
    CHECK(U(s.j["explanations"]) == 1);
    CHECK(U(s.j["lines"]["unrecognized"]) == 0);
    CHECK(U(s.j["heap"]["total"]) == 0);
    INFO("stderr: " << s.err);
    CHECK(Has(s.err, "escviz: warning: " + path +
                         ":2: the explanation of x that starts here is incomplete: the input "
                         "ends inside it (cut off?)\n"));
  }

  SECTION("a whole block without a verdict ends the input: nothing is reported") {
    // Go 1.24+ logs of zap and gin end this way: a wrapper's block (no verdict is printed for
    // wrappers) whose last flow has no `from` note (samples/releases/go1.27/gin.m2.log.gz).
    const std::string data =
        "# p\n"
        "./a.go:80:7: parameter d leaks to {heap} for (*T).pushHead with derefs=0:\n"
        "./a.go:80:7:   flow: {temp} \xE2\x86\x90 d:\n"
        "./a.go:80:7:     from d.poolDequeue (dot of pointer) at <autogenerated>:1\n"
        "./a.go:80:7:   flow: {heap} \xE2\x86\x90 *{temp}:\n";
    std::string path = dir.Write("whole.log", data);
    Summary s = RunSummary(path, {"--strict"});
    CheckAccounting(s.j, 5);
    CHECK(U(s.j["explanations"]) == 1);
    INFO("stderr: " << s.err);
    CHECK_FALSE(Has(s.err, "incomplete"));
  }

  SECTION("the input ends in the middle of a from line") {
    const std::string data =
        "# p\n"
        "./a.go:3:4: x escapes to heap:\n"
        "./a.go:3:4:   flow: {heap} = x:\n"
        "./a.go:3:4:     from x (assi";
    std::string path = dir.Write("cut.from.log", data);
    Summary s = RunSummary(path);
    CheckAccounting(s.j, 4);
    CHECK(U(s.j["lines"]["unrecognized"]) == 1);
    INFO("stderr: " << s.err);
    CHECK(Has(s.err, Unrecognized(path, 4) + "./a.go:3:4:     from x (assi\n"));
    CHECK(Has(s.err, path + ":2: the explanation of x that starts here is incomplete"));
    CheckStrictFails(path, 1);
  }

  SECTION("a from line cut in the middle, then the verdict") {
    // As when a log was cut and the rest of another appended: the partial line is reported, the
    // verdict still counts and keeps the block before it.
    const std::string data =
        "# p\n"
        "./a.go:3:4: x escapes to heap:\n"
        "./a.go:3:4:   flow: {heap} = x:\n"
        "./a.go:3:4:     from x (assi\n"
        "./a.go:3:4: x escapes to heap\n";
    std::string path = dir.Write("cut.middle.log", data);
    Summary s = RunSummary(path);
    CheckAccounting(s.j, 5);
    CHECK(U(s.j["lines"]["unrecognized"]) == 1);
    CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
    CHECK(U(s.j["explanations"]) == 1);
    INFO("stderr: " << s.err);
    CHECK(Has(s.err, Unrecognized(path, 4) + "./a.go:3:4:     from x (assi\n"));
    CHECK_FALSE(Has(s.err, "incomplete"));
    CheckStrictFails(path, 1);
  }
}

TEST_CASE("package headers only", "[malformed]") {
  TempDir dir;
  const std::string data = "# a\n# example.com/b\n# c [c.test]\n# example.com/d_test [d.test]\n";
  std::string path = dir.Write("headers.log", data);
  Summary s = RunSummary(path, {"--strict"});
  CheckAccounting(s.j, 4);
  CheckNoVerdicts(s.j);
  CHECK(U(s.j["line_kinds"]["package_header"]) == 4);
  CHECK(U(s.j["lines"]["unrecognized"]) == 0);
  CHECK(U(s.j["explanations"]) == 0);
  CHECK(s.err.empty());
}

TEST_CASE("an empty file and a file of one empty line", "[malformed]") {
  TempDir dir;
  struct Case {
    const char* name;
    std::string data;
    uint64_t lines;
  };
  for (const Case& c : {Case{"empty.log", "", 0}, Case{"newline.log", "\n", 1},
                        Case{"crlf.log", "\r\n", 1}, Case{"cr.log", "\r", 1}}) {
    INFO(c.name);
    REQUIRE(CountLines(c.data) == c.lines);
    std::string path = dir.Write(c.name, c.data);
    Summary s = RunSummary(path, {"--strict"});
    CheckAccounting(s.j, c.lines);
    CheckNoVerdicts(s.j);
    CHECK(U(s.j["line_kinds"]["blank"]) == c.lines);
    CHECK(s.err.empty());
    RunResult t = RunEscviz({"summary", path});
    CHECK(t.status == 0);
    CHECK(t.err.empty());
  }
}

TEST_CASE("deeply nested {storage for ...} expressions", "[malformed]") {
  TempDir dir;
  for (size_t depth : {size_t{10}, size_t{1000}, size_t{100000}}) {
    INFO("depth " << depth);
    const std::string n = Nested(depth);
    const std::string data =
        "# p\n"  // 1
        "./a.go:3:4: " +
        n +
        " escapes to heap:\n"  // 2
        "./a.go:3:4:   flow: {heap} = " +
        n +
        ":\n"  // 3
        "./a.go:3:4:     from " +
        n +
        " (spill) at ./a.go:3:4\n"  // 4
        "./a.go:3:4:   flow: " +
        n +
        " = &x:\n"                                              // 5
        "./a.go:3:4:     from &x (address-of) at ./a.go:3:4\n"  // 6
        "./a.go:3:4: " +
        n +
        " escapes to heap\n"  // 7
        "./a.go:3:4:   flow: " +
        n.substr(0, n.size() - depth) + " = y:\n";  // 8 unbalanced
    std::string path = dir.Write("nested" + std::to_string(depth) + ".log", data);

    Summary s = RunSummary(path);
    CheckAccounting(s.j, 8);
    CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
    CHECK(U(s.j["line_kinds"]["escapes_header"]) == 1);
    CHECK(U(s.j["line_kinds"]["flow"]) == 2);
    CHECK(U(s.j["line_kinds"]["from"]) == 2);
    CHECK(U(s.j["heap"]["explained"]) == 1);
    CHECK(U(s.j["lines"]["orphan_explanation"]) == 0);
    CHECK(U(s.j["lines"]["unrecognized"]) == 1);  // line 8: its destination never closes
    CHECK(Has(s.err, Unrecognized(path, 8)));

    RunResult e = RunEscviz({"explain", "--at", "a.go:3:4", path});
    INFO("explain: " << Head(e.out) << Head(e.err));
    CHECK(e.status == 0);
    CHECK(e.out.rfind("./a.go:3:4: " + n + " escapes to heap\n", 0) == 0);
    RunResult g = RunEscviz({"graph", "--at", "a.go:3:4", "--format", "dot", path});
    CHECK(g.status == 0);
    CHECK(g.out.rfind("digraph", 0) == 0);
  }
}

TEST_CASE("a gzip file cut in the middle is an input error", "[malformed]") {
  TempDir dir;
  const std::string plain_path = Sample("escdemo.m2.log");
  const std::string plain = ReadFile(plain_path);
  const uint64_t lines = CountLines(plain);
  const std::string gz_path = dir.Path("escdemo.m2.log.gz");
  {
    gzFile gz = gzopen(gz_path.c_str(), "wb9");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, plain.data(), static_cast<unsigned>(plain.size())) ==
            static_cast<int>(plain.size()));
    REQUIRE(gzclose(gz) == Z_OK);
  }
  const std::string gz = ReadFile(gz_path);
  REQUIRE(gz.size() > 1000);
  REQUIRE(gz.size() < plain.size());

  // Whole, it reads as the plain file does.
  Summary whole = RunSummary(gz_path, {"--strict"});
  Summary base = RunSummary(plain_path);
  CheckAccounting(whole.j, lines);
  whole.j.erase("inputs");
  base.j.erase("inputs");
  CHECK(whole.j == base.j);

  SECTION("cut inside the compressed data") {
    std::string path = dir.Write("half.log.gz", std::string_view(gz).substr(0, gz.size() / 2));
    for (const char* command : {"summary", "explain", "graph"}) {
      INFO(command);
      std::vector<std::string> args = {command};
      if (std::string(command) == "explain") args.insert(args.end(), {"--at", "main.go:44:2"});
      args.push_back(path);
      RunResult r = RunEscviz(args);
      INFO("stderr: " << r.err);
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      CHECK(TerminalClean(r.err));
      std::string prefix = "escviz: error: " + path + ": read error after line ";
      size_t at = r.err.find(prefix);
      REQUIRE(at != std::string::npos);
      uint64_t after = std::stoull(r.err.substr(at + prefix.size()));
      CHECK(after > 0);  // what came before the cut was read
      CHECK(after < lines);
      // Named by the input, not zlib's `<fd:N>`, with how far it got.
      CHECK_FALSE(Has(r.err, "<fd:"));
      CHECK(Has(r.err, "the gzip data ends too early (after "));
    }
  }

  SECTION("only the trailer is missing") {
    std::string path = dir.Write("trailer.log.gz", std::string_view(gz).substr(0, gz.size() - 4));
    RunResult r = RunEscviz({"summary", "--format", "json", path});
    INFO("stderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(Has(r.err, "escviz: error: " + path + ": read error after line " + std::to_string(lines) +
                         ": "));
  }
}

TEST_CASE("explanations do not continue into the next input", "[malformed]") {
  // The first log is cut off inside a block; the second starts with explanation lines and then
  // a verdict at the same place. Each problem is reported in its own input, by its own name and
  // line numbers, and the block of one input does not explain the verdict of the other.
  TempDir dir;
  const std::string a = dir.Write("a.log",
                                  "# p\n"
                                  "./a.go:3:4: x escapes to heap:\n");
  const std::string b = dir.Write("b.log",
                                  "./a.go:3:4:   flow: {heap} = x:\n"
                                  "./a.go:3:4:     from x (spill) at ./a.go:3:4\n"
                                  "junk\n"
                                  "./a.go:3:4: x escapes to heap\n");
  Summary s = RunSummaryArgs({a, b});
  CHECK(s.j["inputs"] == json::array({a, b}));
  CheckAccounting(s.j, 6);
  CHECK(U(s.j["counts"]["escapes_to_heap"]) == 1);
  CHECK(U(s.j["explanations"]) == 1);
  CHECK(U(s.j["heap"]["explained"]) == 0);
  CHECK(U(s.j["lines"]["orphan_explanation"]) == 2);
  CHECK(U(s.j["lines"]["unrecognized"]) == 1);
  INFO("stderr: " << s.err);
  CHECK(Has(s.err, a + ":2: the explanation of x that starts here is incomplete"));
  CHECK(Has(s.err, Orphan(b, 1)));
  CHECK(Has(s.err, Orphan(b, 2)));
  CHECK(Has(s.err, Unrecognized(b, 3) + "junk\n"));
  CHECK_FALSE(Has(s.err, a + ":3:"));
}
