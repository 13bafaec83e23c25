// Tests for parsers/message_forms.h: the hand-written parsers of the frequent message forms give
// exactly what the RE2 rules give. Every line of every bundled log (all Go releases and tools)
// is classified twice, with and without them, and all fields compared; then edge cases made to
// trip a hand-written parser (forms an earlier rule claims, greedy and lazy splits, brackets).

#include "parsers/message_forms.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/classifier.h"
#include "parsers/line_reader.h"
#include "src/line_kind.h"

using escviz::Classifier;
using escviz::LineKind;
using escviz::ParsedLine;

namespace {

const Classifier& Fast() {
  static const Classifier c(/*frequent_forms=*/true);
  return c;
}
const Classifier& Rules() {
  static const Classifier c(/*frequent_forms=*/false);
  return c;
}

std::string Describe(const ParsedLine& p) {
  std::ostringstream o;
  o << escviz::LineKindName(p.kind) << " pos=" << p.has_pos << "|" << p.pos.file << "|"
    << p.pos.line << "|" << p.pos.col << "|" << p.pos.physical << " subject=[" << p.subject
    << "] object=[" << p.object << "] func=[" << p.func << "] reason=[" << p.reason
    << "] note=" << p.note_pos.file << "|" << p.note_pos.line << "|" << p.note_pos.col
    << " number=" << p.number << " printed=" << p.number_printed;
  return o.str();
}

/// Describes both classifications of `line`; equal when the two paths agree on every field.
std::pair<std::string, std::string> Both(std::string_view line) {
  return {Describe(Fast().Classify(line)), Describe(Rules().Classify(line))};
}

}  // namespace

namespace {

/// Classifies every line of `logs` both ways; fails on each difference. Returns the number of
/// lines and, in `answered`, how many messages the hand-written parsers took.
size_t CompareLogs(const std::vector<std::filesystem::path>& logs, size_t* answered_out) {
  namespace fs = std::filesystem;
  size_t lines = 0, answered = 0;
  for (const fs::path& path : logs) {
    escviz::LineReader reader;
    std::string err;
    REQUIRE(reader.Open(path.string(), &err));
    std::string_view line;
    size_t n = 0;
    while (reader.Next(&line)) {
      ++n;
      ++lines;
      auto [fast, rules] = Both(line);
      if (fast != rules) {
        FAIL_CHECK(path.string() << ":" << n << ": " << line << "\n  hand: " << fast
                                 << "\n  RE2:  " << rules);
      }
      // How often the hand-written parsers answer: the message after the position.
      ParsedLine probe;
      const size_t colon = line.find(": ");
      if (colon != std::string_view::npos &&
          escviz::ParseFrequentMessage(line.substr(colon + 2), &probe)) {
        ++answered;
      }
    }
  }
  *answered_out = answered;
  return lines;
}

}  // namespace

TEST_CASE("every line of the bundled logs: hand-written forms agree with the RE2 rules",
          "[message_forms]") {
  namespace fs = std::filesystem;
  std::vector<fs::path> logs;
  for (const char* dir : {"samples", "tests/data"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ESCVIZ_SOURCE_DIR) / dir)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file() && (name.find(".log") != std::string::npos)) {
        logs.push_back(e.path());
      }
    }
  }
  std::sort(logs.begin(), logs.end());
  REQUIRE(logs.size() >= 30);
  size_t answered = 0;
  const size_t lines = CompareLogs(logs, &answered);
  CHECK(lines > 50000);
  CHECK(answered > lines / 20);
}

// Hidden (run by name): the same over the logs named in ESCVIZ_EQUIVALENCE_LOGS (separated by
// ':'), e.g. the standard-library logs of every release that scripts/gen-std-log.sh makes.
TEST_CASE("logs of ESCVIZ_EQUIVALENCE_LOGS: hand-written forms agree with the RE2 rules",
          "[.equivalence]") {
  const char* env = std::getenv("ESCVIZ_EQUIVALENCE_LOGS");
  REQUIRE(env != nullptr);
  std::vector<std::filesystem::path> logs;
  std::stringstream list(env);
  for (std::string p; std::getline(list, p, ':');) {
    if (!p.empty()) logs.push_back(p);
  }
  size_t answered = 0;
  const size_t lines = CompareLogs(logs, &answered);
  WARN(lines << " lines, " << answered << " messages taken by the hand-written parsers");
}

TEST_CASE("edge cases: hand-written forms agree with the RE2 rules", "[message_forms]") {
  const char* cases[] = {
      // Heap verdicts and headers, with `escapes to heap` inside the subject or the function.
      "a.go:1:2: x escapes to heap",
      "a.go:1:2: escapes to heap",
      "a.go:1:2:  escapes to heap",
      "a.go:1:2: f(\"escapes to heap\") escapes to heap",
      "a.go:1:2: x escapes to heap:",
      "a.go:1:2: x escapes to heap in main.f:",
      "a.go:1:2: x escapes to heap in :",
      "a.go:1:2: x escapes to heap in y escapes to heap:",
      "a.go:1:2: x escapes to heap in y escapes to heap in z:",
      "a.go:1:2: x escapes to heap foo:",
      "a.go:1:2: x escapes to heap, not allowed in runtime",
      "a.go:1:2: moved to heap: x escapes to heap",
      "a.go:1:2: moved to heap: x",
      "a.go:1:2: x does not escape",
      "a.go:1:2:  does not escape",
      "a.go:1:2: x does not escape, mutate, or call",
      "a.go:1:2: leaking param: x does not escape",
      // Leak headers.
      "a.go:1:2: parameter p leaks to {heap} with derefs=0:",
      "a.go:1:2: parameter p leaks to ~r0 with derefs=-1:",
      "a.go:1:2: parameter p leaks to {storage for t.M} for main.f with derefs=2:",
      "a.go:1:2: parameter p leaks to  with derefs=0:",
      "a.go:1:2: parameter p leaks to x with derefs=:",
      "a.go:1:2: parameter p leaks to x with derefs=--1:",
      "a.go:1:2: parameter p q leaks to x with derefs=1:",
      "a.go:1:2: parameter  leaks to x with derefs=1:",
      "a.go:1:2: parameter p\tq leaks to x with derefs=1:",
      "a.go:1:2: parameter p leaks to a with derefs=1 with derefs=2:",
      "a.go:1:2: parameter p leaks to x with derefs=99999999999:",
      "a.go:1:2: parameter p leaks to x escapes to heap with derefs=1:",
      // Leaking params.
      "a.go:1:2: leaking param: p",
      "a.go:1:2: leaking param: ",
      "a.go:1:2: leaking param: p to result ~r0 level=0",
      "a.go:1:2: leaking param: p to result ~r0 level=x",
      "a.go:1:2: leaking param content: p",
      // Inlining calls, with generic shapes and odd brackets.
      "a.go:1:2: inlining call to fmt.Println",
      "a.go:1:2: inlining call to fmt.Println x y",
      "a.go:1:2: inlining call to F[go.shape.struct { Key int; Value string }] args",
      "a.go:1:2: inlining call to F[go.shape.map[string][]int]",
      "a.go:1:2: inlining call to F[a[b[c[d[e]]]]]",
      "a.go:1:2: inlining call to F[a[b[c[d]]]]",
      "a.go:1:2: inlining call to F[",
      "a.go:1:2: inlining call to F]",
      "a.go:1:2: inlining call to F\targs",
      "a.go:1:2: inlining call to ",
      "a.go:1:2: inlining call to  x",
      "a.go:1:2: inlining call to f capturing by ref: x (addr=true assign=false width=8)",
      // ` with score N` (GOEXPERIMENT=newinliner) and text that only looks like it.
      "a.go:1:2: inlining call to F with score 12",
      "a.go:1:2: inlining call to F with score -12",
      "a.go:1:2: inlining call to F with score ",
      "a.go:1:2: inlining call to F with score x",
      "a.go:1:2: inlining call to F with score 1 2",
      "a.go:1:2: inlining call to F with score 1-2",
      "a.go:1:2: inlining call to F with score --2",
      "a.go:1:2: inlining call to F  with score 2",
      "a.go:1:2: inlining call to F ",
      // can inline.
      "a.go:1:2: can inline f",
      "a.go:1:2: can inline f with cost 4 as: func() { }",
      "a.go:1:2: can inline f with cost -4 as: func() { }",
      "a.go:1:2: can inline f with cost x as: g with cost 3 as: h",
      "a.go:1:2: can inline  with cost 3 as: body",
      "a.go:1:2: can inline with cost 3 as: body",
      "a.go:1:2: can inline f with cost 3 as: ",
      "a.go:1:2: can inline f with cost 3 as:",
      "a.go:1:2: can inline ",
      "a.go:1:2: can inline f with cost 3 as: x does not escape",
      "a.go:1:2: can inline f with cost 0 as: func() {  }",
      "a.go:1:2: can inline f with cost 3 as:  two spaces",
      // cannot inline.
      "a.go:1:2: cannot inline f: function too complex: cost 100 exceeds budget 80",
      "a.go:1:2: cannot inline f: ",
      "a.go:1:2: cannot inline : reason",
      "a.go:1:2: cannot inline f into g: repeated recursive cycle",
      "a.go:1:2: cannot inline (*T).M: unhandled op DEFER",
      // Without a position.
      "x escapes to heap",
      "parameter p leaks to {heap} with derefs=0:",
      "inlining call to f",
  };
  for (const char* c : cases) {
    auto [fast, rules] = Both(c);
    INFO("line: " << c);
    CHECK(fast == rules);
  }
  // Multi-line records (a raw string literal): `.` matches newlines in the RE2 rules.
  for (std::string c : {std::string("a.go:1:2: can inline f with cost 3 as: func() { `a\nb` }"),
                        std::string("a.go:1:2: `a\nb` escapes to heap"),
                        std::string("a.go:1:2: inlining call to f `a\nb`")}) {
    auto [fast, rules] = Both(c);
    INFO("line: " << c);
    CHECK(fast == rules);
  }
}
