// Tests for render/escape.h: log text must never become control sequences, markup or
// structure in escviz's output.

#include "render/escape.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

using escviz::HtmlEscape;
using escviz::JsonEscape;
using escviz::MarkdownCode;
using escviz::MarkdownEscape;
using escviz::TerminalSafe;
using escviz::Utf8SequenceLength;

namespace {

template <size_t N>
std::string Bytes(const char (&a)[N]) {
  return std::string(a, N - 1);
}

const std::string kArrow = "\xE2\x86\x90";  // ← U+2190

bool HasControlByte(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
  }
  return false;
}

/// True if every byte sequence of `s` is valid UTF-8.
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

nlohmann::json ParseJsonString(const std::string& body) {
  return nlohmann::json::parse("\"" + body + "\"");
}

}  // namespace

// ------------------------------------------------------------------------------------------
// TerminalSafe

TEST_CASE("TerminalSafe: control characters become visible text", "[escape]") {
  CHECK(TerminalSafe("\x1b[31mred") == "\\x1b[31mred");
  CHECK(TerminalSafe("bell\a") == "bell\\x07");
  CHECK(TerminalSafe("a\rb") == "a\\x0db");
  CHECK(TerminalSafe("a\nb") == "a\\x0ab");
  CHECK(TerminalSafe("del\x7f") == "del\\x7f");
  CHECK(TerminalSafe(Bytes("nul\0")) == "nul\\x00");
  // C1 control U+009B (CSI) encoded as UTF-8.
  CHECK(TerminalSafe("\xC2\x9B"
                     "31m") == "\\u009b31m");
  CHECK(TerminalSafe("\xC2\x85") == "\\u0085");
  // U+00A0 is not a control: kept.
  CHECK(TerminalSafe("\xC2\xA0") == "\xC2\xA0");
}

TEST_CASE("TerminalSafe: invalid UTF-8 becomes \\xNN", "[escape]") {
  CHECK(TerminalSafe("\xff") == "\\xff");
  CHECK(TerminalSafe("a\x9b"
                     "b") == "a\\x9bb");                     // raw C1 byte
  CHECK(TerminalSafe("\xC0\xAF") == "\\xc0\\xaf");           // overlong '/'
  CHECK(TerminalSafe("\xED\xA0\x80") == "\\xed\\xa0\\x80");  // surrogate
  CHECK(TerminalSafe("x\xE2\x86") == "x\\xe2\\x86");         // truncated ←
}

TEST_CASE("TerminalSafe: keeps valid text, arrows and tabs", "[escape]") {
  std::string flow = "./main.go:10:2:   flow: ~r0 " + kArrow + " &value:";
  CHECK(TerminalSafe(flow) == flow);
  CHECK(TerminalSafe("a\tb") == "a\tb");
  CHECK(TerminalSafe("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // 4-byte sequence
  CHECK(TerminalSafe("") == "");

  // No input byte string produces raw control bytes in the output.
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  std::string safe = TerminalSafe(all);
  CHECK_FALSE(HasControlByte(safe));
  CHECK(ValidUtf8(safe));
}

// ------------------------------------------------------------------------------------------
// JsonEscape

TEST_CASE("JsonEscape: quotes, backslash, control characters", "[escape]") {
  CHECK(JsonEscape("\"a\"") == "\\\"a\\\"");
  CHECK(JsonEscape("a\\b") == "a\\\\b");
  CHECK(JsonEscape("\n\r\t") == "\\n\\r\\t");
  CHECK(JsonEscape("\x01") == "\\u0001");
  CHECK(JsonEscape(Bytes("\0")) == "\\u0000");
  CHECK(JsonEscape("\x1f") == "\\u001f");
  CHECK(JsonEscape(kArrow) == kArrow);
  CHECK(JsonEscape("") == "");
}

TEST_CASE("JsonEscape: invalid UTF-8 becomes U+FFFD", "[escape]") {
  CHECK(JsonEscape("\xff") == "\xEF\xBF\xBD");
  CHECK(JsonEscape("a\xC0\xAF"
                   "b") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b");
  CHECK(JsonEscape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(ValidUtf8(JsonEscape(Bytes("\xff\xfe\x80\xE2\x86\0"))));
}

TEST_CASE("JsonEscape: output parses back to the input with nlohmann::json", "[escape]") {
  const std::vector<std::string> inputs = {
      "./main.go:23:14:   flow: {storage for ... argument} " + kArrow +
          " &{storage for *storage.value}:",
      "./main.go:148:18: \"a\" does not escape",
      "C:\\Go\\src\\fmt\\print.go:88:2: leaking param: a",
      "./main.go:37:3:[1] estimatePgxArgSize stmt: return len(fmt.Sprintf(\"%v\", ... "
      "argument...))",
      Bytes("ctl \0\x01\x02\x1b[31m\x7f \b\f\n\r\t end"),
      "\xC2\x9B C1 and \xF0\x9F\x98\x80 emoji and \xE2\x80\xA8 line separator",
      "</script><!-- & \\u0041 \\",
  };
  for (const std::string& in : inputs) {
    INFO(in);
    REQUIRE(ValidUtf8(in));
    std::string body = JsonEscape(in);
    nlohmann::json j;
    REQUIRE_NOTHROW(j = ParseJsonString(body));
    REQUIRE(j.is_string());
    CHECK(j.get<std::string>() == in);
  }

  // Invalid input still gives valid JSON, with U+FFFD where the bad bytes were.
  std::string bad = Bytes("x\xff y\xC0\xAF z\xE2\x86");
  nlohmann::json j;
  REQUIRE_NOTHROW(j = ParseJsonString(JsonEscape(bad)));
  const std::string r = "\xEF\xBF\xBD";
  CHECK(j.get<std::string>() == "x" + r + " y" + r + r + " z" + r + r);

  // Every single byte value.
  for (int c = 0; c < 256; ++c) {
    INFO("byte " << c);
    std::string one(1, static_cast<char>(c));
    REQUIRE_NOTHROW(ParseJsonString(JsonEscape(one)));
  }
}

// ------------------------------------------------------------------------------------------
// HTML and Markdown

TEST_CASE("HtmlEscape", "[escape]") {
  CHECK(HtmlEscape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;");
  CHECK(HtmlEscape("&amp;") == "&amp;amp;");
  CHECK(HtmlEscape("&T{...} escapes to heap") == "&amp;T{...} escapes to heap");
  CHECK(HtmlEscape(kArrow) == kArrow);
  CHECK(HtmlEscape("") == "");
}

TEST_CASE("MarkdownEscape", "[escape]") {
  CHECK(MarkdownEscape("*_[]()|#<>") == "\\*\\_\\[\\]\\(\\)\\|\\#&lt;&gt;");
  CHECK(MarkdownEscape("&T{...}") == "&amp;T\\{...\\}");
  CHECK(MarkdownEscape("a\\b") == "a\\\\b");
  CHECK(MarkdownEscape("`code`") == "\\`code\\`");
  CHECK(MarkdownEscape("plain text") == "plain text");
  // Newlines and control characters do not survive as raw bytes.
  std::string out = MarkdownEscape("line1\nline2\x1b[0m");
  CHECK(out.find('\n') == std::string::npos);
  CHECK_FALSE(HasControlByte(out));
  CHECK(out.find("line1") != std::string::npos);
  CHECK(out.find("line2") != std::string::npos);
  // The `←` arrow is kept.
  CHECK(MarkdownEscape("~r0 " + kArrow + " x") == "\\~r0 " + kArrow + " x");
  // Raw HTML cannot get through.
  std::string html = MarkdownEscape("<img src=x onerror=alert(1)>");
  CHECK(html.find('<') == std::string::npos);
  CHECK(html.find('>') == std::string::npos);
}

TEST_CASE("MarkdownCode", "[escape]") {
  CHECK(MarkdownCode("x") == "`x`");
  CHECK(MarkdownCode("a`b") == "``a`b``");
  CHECK(MarkdownCode("a``b`c") == "```a``b`c```");
  // Leading/trailing backtick: padded with a space.
  CHECK(MarkdownCode("`x") == "`` `x ``");
  CHECK(MarkdownCode("x`") == "`` x` ``");
  // `|` is escaped so it does not end a table cell.
  CHECK(MarkdownCode("a|b") == "`a\\|b`");
  CHECK(MarkdownCode("f(a|b) `x`") == "`` f(a\\|b) `x` ``");
  // Control characters are made visible first.
  std::string ctl = MarkdownCode("a\nb\x1b");
  CHECK(ctl.find('\n') == std::string::npos);
  CHECK_FALSE(HasControlByte(ctl));
  CHECK(MarkdownCode(kArrow) == "`" + kArrow + "`");
}

// ------------------------------------------------------------------------------------------
// Utf8SequenceLength

TEST_CASE("Utf8SequenceLength: valid sequences", "[escape]") {
  CHECK(Utf8SequenceLength("a", 0) == 1);
  CHECK(Utf8SequenceLength(Bytes("\0"), 0) == 1);
  CHECK(Utf8SequenceLength("\x7f", 0) == 1);
  CHECK(Utf8SequenceLength("\xC2\x80", 0) == 2);          // U+0080
  CHECK(Utf8SequenceLength("\xDF\xBF", 0) == 2);          // U+07FF
  CHECK(Utf8SequenceLength("\xE0\xA0\x80", 0) == 3);      // U+0800
  CHECK(Utf8SequenceLength(kArrow, 0) == 3);              // U+2190
  CHECK(Utf8SequenceLength("\xED\x9F\xBF", 0) == 3);      // U+D7FF
  CHECK(Utf8SequenceLength("\xEE\x80\x80", 0) == 3);      // U+E000
  CHECK(Utf8SequenceLength("\xEF\xBF\xBD", 0) == 3);      // U+FFFD
  CHECK(Utf8SequenceLength("\xF0\x90\x80\x80", 0) == 4);  // U+10000
  CHECK(Utf8SequenceLength("\xF4\x8F\xBF\xBF", 0) == 4);  // U+10FFFF
  std::string s = "ab" + kArrow + "c";
  CHECK(Utf8SequenceLength(s, 1) == 1);
  CHECK(Utf8SequenceLength(s, 2) == 3);
  CHECK(Utf8SequenceLength(s, 5) == 1);
}

TEST_CASE("Utf8SequenceLength: overlong encodings", "[escape]") {
  CHECK(Utf8SequenceLength("\xC0\x80", 0) == 0);          // NUL
  CHECK(Utf8SequenceLength("\xC0\xAF", 0) == 0);          // '/'
  CHECK(Utf8SequenceLength("\xC1\xBF", 0) == 0);          // U+007F
  CHECK(Utf8SequenceLength("\xE0\x80\xAF", 0) == 0);      // '/'
  CHECK(Utf8SequenceLength("\xE0\x9F\xBF", 0) == 0);      // U+07FF
  CHECK(Utf8SequenceLength("\xF0\x80\x80\xAF", 0) == 0);  // '/'
  CHECK(Utf8SequenceLength("\xF0\x8F\xBF\xBF", 0) == 0);  // U+FFFF
}

TEST_CASE("Utf8SequenceLength: surrogates and out-of-range values", "[escape]") {
  CHECK(Utf8SequenceLength("\xED\xA0\x80", 0) == 0);      // U+D800
  CHECK(Utf8SequenceLength("\xED\xBF\xBF", 0) == 0);      // U+DFFF
  CHECK(Utf8SequenceLength("\xF4\x90\x80\x80", 0) == 0);  // U+110000
  CHECK(Utf8SequenceLength("\xF7\xBF\xBF\xBF", 0) == 0);
  CHECK(Utf8SequenceLength("\xF8\x88\x80\x80\x80", 0) == 0);  // 5-byte form
  CHECK(Utf8SequenceLength("\xFE", 0) == 0);
  CHECK(Utf8SequenceLength("\xFF", 0) == 0);
}

TEST_CASE("Utf8SequenceLength: truncated and broken sequences", "[escape]") {
  CHECK(Utf8SequenceLength("\x80", 0) == 0);  // lone continuation byte
  CHECK(Utf8SequenceLength("\xBF", 0) == 0);
  CHECK(Utf8SequenceLength("\xC2", 0) == 0);
  CHECK(Utf8SequenceLength("\xE2\x86", 0) == 0);
  CHECK(Utf8SequenceLength("\xF0\x9F\x98", 0) == 0);
  CHECK(Utf8SequenceLength("\xE2\x86"
                           "a",
                           0) == 0);  // non-continuation inside
  CHECK(Utf8SequenceLength("\xC2"
                           "a",
                           0) == 0);
  CHECK(Utf8SequenceLength("\xF0\x9F"
                           "a\x80",
                           0) == 0);
  // Truncated by the end of the view, although more bytes follow in memory.
  std::string_view cut = std::string_view(kArrow).substr(0, 2);
  CHECK(Utf8SequenceLength(cut, 0) == 0);
}
