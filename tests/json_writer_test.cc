// Tests for render/json_writer.h: pieces come out in order and whole across chunk flushes, and
// strings and values are text-safe as render/escape.h says.
#include "render/json_writer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace escviz {
namespace {

TEST_CASE("JsonWriter writes its pieces in order across many chunks", "[json_writer]") {
  std::ostringstream out;
  std::string expected = "[";
  {
    JsonWriter w(&out);
    w.Raw("[");
    for (int i = 0; i < 20000; ++i) {
      if (i > 0) w.Raw(",");
      w.String("s" + std::to_string(i));
      *w.buffer() += ",";
      *w.buffer() += std::to_string(i);
      expected += (i > 0 ? ",\"s" : "\"s") + std::to_string(i) + "\"," + std::to_string(i);
    }
    w.Raw("]\n");
  }  // the destructor flushes the rest
  expected += "]\n";
  REQUIRE(expected.size() > 4 * 64 * 1024);
  CHECK(out.str() == expected);
}

TEST_CASE("JsonWriter keeps log text data in strings and values", "[json_writer]") {
  std::ostringstream out;
  nlohmann::ordered_json j = {{"b", "x\xC2\x9B\xE2\x80\xAE<\xFF"}, {"a", 1}};
  {
    JsonWriter w(&out);
    w.String("q\"\\\n\x1b\xE2\x80\xAE\xFF");
    w.Raw(" ");
    w.Value(j);
    w.Raw(" ");
    w.Value(nlohmann::ordered_json::array({1, 2}), 2);
  }
  CHECK(out.str() ==
        "\"q\\\"\\\\\\n\\u001b\\u202e\xEF\xBF\xBD\" "
        "{\"b\":\"x\\u009b\\u202e<\xEF\xBF\xBD\",\"a\":1} [\n  1,\n  2\n]");
}

TEST_CASE("JsonWriter for an HTML script escapes <, > and & in strings and values",
          "[json_writer]") {
  std::ostringstream out;
  {
    JsonWriter w(&out, /*for_html_script=*/true);
    w.Raw("x = ");
    w.Value(nlohmann::ordered_json::array({"</script>&"}));
    w.Raw(";");
    w.String("<!--");
  }
  CHECK(out.str() == "x = [\"\\u003c/script\\u003e\\u0026\"];\"\\u003c!--\"");
}

}  // namespace
}  // namespace escviz
