// Tests for render/snapshot_writer.h: the streamed snapshot text of a small model, and a sample
// written, read back (parsers/snapshot_reader.h) and written again byte for byte.
#include "render/snapshot_writer.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "parsers/snapshot_reader.h"
#include "parsers/text_log_parser.h"
#include "render/terminal_diagnostics.h"

namespace escviz {
namespace {

std::string Write(const Model& m) {
  std::ostringstream out;
  WriteSnapshot(m, SnapshotOptions{"9.9"}, &out);
  return std::move(out).str();
}

TEST_CASE("WriteSnapshot streams the expected text of a small model", "[snapshot_writer]") {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  Model m;
  REQUIRE(
      ParseTextMemory("# example.com/p\n"
                      "./main.go:10:2: moved to heap: x\n"
                      "./main.go:12:9: &T{...} escapes to heap:\n"
                      "./main.go:12:9:   flow: {heap} = &{storage for &T{...}}:\n"
                      "./main.go:12:9:     from &T{...} (spill) at ./main.go:12:9\n"
                      "./main.go:12:9: &T{...} escapes to heap\n"
                      "/abs/z.go:15:6: moved to heap: w\xE2\x80\xAE\"\n",
                      "t.log", &m, &diag));
  const std::string expected =
      R"({"schema":"escviz.snapshot.v2","escviz":"9.9","inputs":["t.log"],)"
      "\n"
      R"("verdict_kinds":["moved_to_heap","escapes_to_heap","does_not_escape","leaking_param",)"
      R"("leaking_param_content","leaking_param_to_result","zero_copy","assuming_unsafe_uintptr",)"
      R"("marking_escaping_uintptr","mutates_param","calls_param","no_escape_mutate_call"],)"
      "\n"
      R"("lines":{"total":7,"package_header":1,"moved_to_heap":2,"escapes_to_heap":1,)"
      R"("escapes_header":1,"flow":1,"from":1},)"
      "\n"
      R"("strings":["","example.com/p","./main.go","x","&T{...}","{heap}",)"
      R"("{storage for &T{...}}","spill","/abs/z.go","w\u202e\""],)"
      "\n"
      R"("packages":[[0,0],[1,0]],)"
      "\n"
      R"("functions":[],)"
      "\n"
      R"("verdicts":[[0,1,-1,2,10,2,0,3,0,0,3],[1,1,-1,2,12,9,0,4,0,0,3],)"
      R"([0,1,-1,8,15,6,0,9,0,0,3]],)"
      "\n"
      R"("explanations":[[0,0,2,12,9,4,0,0,0,1,1,0,1]],)"
      "\n"
      R"("steps":[[5,6,-1,0,1]],)"
      "\n"
      R"("notes":[[4,7,2,12,9]],)"
      "\n"
      R"("no_allocations":[],)"
      "\n"
      R"("receiver_variables":[],)"
      "\n"
      R"("go_literals":[],)"
      "\n"
      R"("map_stores":[],)"
      "\n"
      R"("global_stores":[],)"
      "\n"
      R"("local_stores":[],)"
      "\n"
      R"("package_selectors":[],)"
      "\n"
      R"("inline_kinds":["can_inline","cannot_inline","cannot_inline_into","inlining_call",)"
      R"("big_function"],)"
      "\n"
      R"("inlines":[],)"
      "\n"
      R"("live_kinds":["live_at_entry","live_at_call","live_at_indirect_call","stack_object"],)"
      "\n"
      R"("lives":[]})"
      "\n";
  CHECK(Write(m) == expected);
}

TEST_CASE("WriteSnapshot of a sample reads back and writes the same bytes", "[snapshot_writer]") {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  Model m;
  REQUIRE(ParseTextLogs({std::string(ESCVIZ_SOURCE_DIR) + "/samples/zap.m2.log.gz"}, &m, &diag));
  const std::string first = Write(m);
  REQUIRE(first.size() > 2 * 64 * 1024);  // more than one chunk of JsonWriter
  Model back;
  REQUIRE(ReadSnapshot(first, "zap.json", &back, &diag));
  CHECK(Write(back) == first);
}

}  // namespace
}  // namespace escviz
