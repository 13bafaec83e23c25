// Tests for render/sarif_render.h: the streamed SARIF text of a small model, artifact locations
// taken only from SarifOptions (the renderer reads no file system), and a large model streamed
// in many chunks giving the text one JSON tree would.
#include "render/sarif_render.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "parsers/text_log_parser.h"
#include "render/escape.h"
#include "render/terminal_diagnostics.h"
#include "src/patterns.h"

namespace escviz {
namespace {

/// Five verdicts at a relative path, an absolute path outside the root and one under it (the
/// root does not exist), one of them with a bidirectional and a C1 control in its subject.
constexpr std::string_view kLog =
    "# example.com/p\n"
    "./main.go:10:2: moved to heap: x\n"
    "/abs/elsewhere/y.go:3:4: leaking param: p\n"
    "./main.go:12:9: &T{...} escapes to heap\n"
    "/nowhere/src/dir/z.go:14:6: s does not escape\n"
    "/nowhere/src/dir/z.go:15:6: moved to heap: w\xE2\x80\xAE\xC2\x9B\n";

void Parse(std::string_view log, Model* m) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  REQUIRE(ParseTextMemory(log, "t.log", m, &diag));
}

std::string Render(const Model& m, const SarifOptions& opt) {
  std::ostringstream out;
  RenderSarif(m, Analyze(m), opt, &out);
  return std::move(out).str();
}

/// The text one JSON tree of `text` dumps to (compact, then JsonTextSafe): what the renderer
/// wrote before it streamed.
std::string Redumped(const std::string& text) {
  const auto j = nlohmann::ordered_json::parse(text);
  return JsonTextSafe(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) +
         "\n";
}

/// Where the caller says each file of kLog is.
SarifOptions Options(std::set<std::string>* asked = nullptr) {
  SarifOptions opt;
  opt.source_root = "/nowhere/src/";
  opt.version = "9.9";
  opt.artifact = [asked](std::string_view path) {
    static const std::map<std::string, SarifArtifact, std::less<>> kWhere = {
        {"./main.go", {"main.go", true}},
        {"/abs/elsewhere/y.go", {"/abs/else where/y.go", false}},
        {"/nowhere/src/dir/z.go", {"dir/z.go", true}},
    };
    if (asked != nullptr) asked->insert(std::string(path));
    auto it = kWhere.find(path);
    return it == kWhere.end() ? SarifArtifact{"unexpected", true} : it->second;
  };
  return opt;
}

/// The rules every SARIF log of escviz starts with, one per verdict kind.
std::string Rule(const char* id, const char* text, const char* level) {
  return std::string(R"j({"id":")j") + id + R"j(","shortDescription":{"text":")j" + text +
         R"j("},"defaultConfiguration":{"level":")j" + level + R"j("}})j";
}

/// The rules of the allocation patterns, after the kinds': the remedy as the help (issue 22).
std::string PatternRules() {
  std::string out;
  for (const PatternInfo& p : kPatterns) {
    const std::string what = JsonEscape(p.what), remedy = JsonEscape(p.remedy);
    out += fmt::format(
        R"j(,{{"id":"{}","shortDescription":{{"text":"Heap allocation: {}"}},)j"
        R"j("fullDescription":{{"text":"{}"}},"help":{{"text":"{}","markdown":"{}"}},)j"
        R"j("defaultConfiguration":{{"level":"{}"}},)j"
        R"j("properties":{{"tags":["escape-analysis","allocation-pattern"]}}}})j",
        p.id, what, what, remedy, remedy, p.pattern == Pattern::kNoAllocation ? "note" : "warning");
  }
  return out;
}

std::string Rules() {
  const char* other = "A verdict of the Go compiler's escape analysis.";
  return Rule("moved_to_heap", "A variable is moved to the heap (moved to heap: X).", "warning") +
         "," +
         Rule("escapes_to_heap", "A value escapes to the heap (X escapes to heap).", "warning") +
         "," + Rule("does_not_escape", other, "note") + "," +
         Rule("leaking_param", "A parameter leaks (leaking param: X).", "note") + "," +
         Rule("leaking_param_content",
              "What a parameter points to leaks (leaking param content: X).", "note") +
         "," +
         Rule("leaking_param_to_result",
              "A parameter leaks to a result (leaking param: X to result Y).", "note") +
         "," + Rule("zero_copy", other, "note") + "," +
         Rule("assuming_unsafe_uintptr", other, "note") + "," +
         Rule("marking_escaping_uintptr", other, "note") + "," +
         Rule("mutates_param", other, "note") + "," + Rule("calls_param", other, "note") + "," +
         Rule("no_escape_mutate_call", other, "note") + PatternRules();
}

TEST_CASE("RenderSarif streams the expected SARIF text of a small model", "[sarif_render]") {
  Model m;
  Parse(kLog, &m);
  const std::string expected =
      std::string(
          R"j({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)j"
          R"j("runs":[{"tool":{"driver":{"name":"escviz","version":"9.9","rules":[)j") +
      Rules() +
      R"j(]}},"originalUriBaseIds":{"SRCROOT":{"uri":"file:///nowhere/src/"}},"results":[)j"
      R"j({"ruleId":"other","ruleIndex":30,)j"
      R"j("properties":{"verdictKind":"moved_to_heap","pattern":"other"},"level":"warning",)j"
      R"j("message":{"text":"moved to heap: x (in ?, package example.com/p); pattern: other"},)j"
      R"j("locations":[{"physicalLocation":{"artifactLocation":{"uri":"main.go","uriBaseId":"SRCROOT"},)j"
      R"j("region":{"startLine":10,"startColumn":2}}}],)j"
      R"j("partialFingerprints":{"escvizVerdict/v1":"9c0c49732abbdeed"}},)j"
      R"j({"ruleId":"leaking_param","ruleIndex":3,)j"
      R"j("properties":{"verdictKind":"leaking_param"},"level":"note",)j"
      R"j("message":{"text":"leaking param: p (in ?, package example.com/p)"},)j"
      R"j("locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///abs/else%20where/y.go"},)j"
      R"j("region":{"startLine":3,"startColumn":4}}}],)j"
      R"j("partialFingerprints":{"escvizVerdict/v1":"01933b32b6a84925"}},)j"
      R"j({"ruleId":"other","ruleIndex":30,)j"
      R"j("properties":{"verdictKind":"escapes_to_heap","pattern":"other"},"level":"warning",)j"
      R"j("message":{"text":"&T{...} escapes to heap (in ?, package example.com/p); pattern: other"},)j"
      R"j("locations":[{"physicalLocation":{"artifactLocation":{"uri":"main.go","uriBaseId":"SRCROOT"},)j"
      R"j("region":{"startLine":12,"startColumn":9}}}],)j"
      R"j("partialFingerprints":{"escvizVerdict/v1":"932021684fbd04d8"}},)j"
      R"j({"ruleId":"other","ruleIndex":30,)j"
      R"j("properties":{"verdictKind":"moved_to_heap","pattern":"other"},"level":"warning",)j"
      R"j("message":{"text":"moved to heap: w\u202e\u009b (in ?, package example.com/p); pattern: other"},)j"
      R"j("locations":[{"physicalLocation":{"artifactLocation":{"uri":"dir/z.go","uriBaseId":"SRCROOT"},)j"
      R"j("region":{"startLine":15,"startColumn":6}}}],)j"
      R"j("partialFingerprints":{"escvizVerdict/v1":"e54769a49dfbac53"}}]}]})j"
      "\n";
  const std::string text = Render(m, Options());
  CHECK(text == expected);
  CHECK(text == Redumped(text));
}

TEST_CASE("RenderSarif takes every location from SarifOptions, not the file system",
          "[sarif_render]") {
  Model m;
  Parse(kLog, &m);
  std::set<std::string> asked;
  const std::string text = Render(m, Options(&asked));
  // Asked about each log path as printed (not about does_not_escape, which has no result).
  CHECK(asked ==
        std::set<std::string>{"./main.go", "/abs/elsewhere/y.go", "/nowhere/src/dir/z.go"});
  CHECK(text.find("unexpected") == std::string::npos);
  // Nothing is made absolute against the working directory, which the root is not under.
  CHECK(text.find(std::filesystem::current_path().string()) == std::string::npos);

  SECTION("without artifact or root: paths as printed, relative to SRCROOT") {
    SarifOptions bare;
    const std::string plain = Render(m, bare);
    CHECK(plain.find("originalUriBaseIds") == std::string::npos);
    CHECK(plain.find(R"j({"uri":"./main.go","uriBaseId":"SRCROOT"})j") != std::string::npos);
    CHECK(plain.find(R"j({"uri":"/abs/elsewhere/y.go","uriBaseId":"SRCROOT"})j") !=
          std::string::npos);
    CHECK(plain.find("file://") == std::string::npos);
  }
}

TEST_CASE("PlaceArtifact: a relative path never climbs out of SRCROOT", "[sarif_render]") {
  // Truth by construction: SRCROOT is /src/proj/, so ../up/z.go is /src/up/z.go, outside it.
  const std::string root = "/src/proj/";
  auto place = [&](std::string_view p, const std::string& r) {
    const SarifArtifact a = PlaceArtifact(p, r, nullptr);
    return (a.under_root ? "SRCROOT:" : "abs:") + a.path;
  };
  CHECK(place("./a/./b/../c.go", root) == "SRCROOT:a/c.go");
  CHECK(place("../up/z.go", root) == "abs:/src/up/z.go");
  CHECK(place("a/../../z.go", root) == "abs:/src/z.go");
  CHECK(place("../../../../z.go", root) == "abs:/z.go");
  CHECK(place("../up/z.go", "") == "abs:../up/z.go");
  CHECK(place("C:\\win\\w.go", root) == "abs:/C:/win/w.go");

  // In the SARIF text: a file URI, or a relative one with no base; never SRCROOT's.
  Model m;
  Parse("# example.com/p\n../up/z.go:5:2: moved to heap: x\n", &m);
  SarifOptions with_root;
  with_root.source_root = root;
  with_root.artifact = [&](std::string_view p) { return PlaceArtifact(p, root, nullptr); };
  const std::string a = Render(m, with_root);
  CHECK(a.find(R"j({"uri":"file:///src/up/z.go"})j") != std::string::npos);
  SarifOptions bare;
  bare.artifact = [&](std::string_view p) { return PlaceArtifact(p, "", nullptr); };
  const std::string b = Render(m, bare);
  CHECK(b.find(R"j({"uri":"../up/z.go"})j") != std::string::npos);
  CHECK(b.find("SRCROOT") == std::string::npos);
}

TEST_CASE("RenderSarif of many results equals one JSON tree's text", "[sarif_render]") {
  std::string log = "# example.com/big\n";
  for (int i = 1; i <= 3000; ++i) {
    log += "./big.go:" + std::to_string(i) + ":2: moved to heap: v" + std::to_string(i) + "\n";
  }
  Model m;
  Parse(log, &m);
  const std::string text = Render(m, Options());
  REQUIRE(text.size() > 4 * 64 * 1024);  // several chunks of JsonWriter
  const auto j = nlohmann::ordered_json::parse(text);
  CHECK(j["runs"][0]["results"].size() == 3000);
  CHECK(text == Redumped(text));
}

}  // namespace
}  // namespace escviz
