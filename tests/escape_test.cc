// Tests for render/escape.h: log text must never become control sequences, markup or
// structure in escviz's output. Over 400 lines: every output's escaping, case by case, in one
// place, as render/escape.h keeps it in one place.

#include "render/escape.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

using escviz::GraphvizText;
using escviz::HtmlEscape;
using escviz::JsonEscape;
using escviz::JsonTextSafe;
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

/// Every Unicode bidirectional formatting control, as UTF-8, with its `\u` escape.
const std::vector<std::pair<std::string, std::string>> kBidi = {
    {"\xD8\x9C", "\\u061c"},      // ARABIC LETTER MARK
    {"\xE2\x80\x8E", "\\u200e"},  // LEFT-TO-RIGHT MARK
    {"\xE2\x80\x8F", "\\u200f"},  // RIGHT-TO-LEFT MARK
    {"\xE2\x80\xAA", "\\u202a"},  // LEFT-TO-RIGHT EMBEDDING
    {"\xE2\x80\xAB", "\\u202b"},  // RIGHT-TO-LEFT EMBEDDING
    {"\xE2\x80\xAC", "\\u202c"},  // POP DIRECTIONAL FORMATTING
    {"\xE2\x80\xAD", "\\u202d"},  // LEFT-TO-RIGHT OVERRIDE
    {"\xE2\x80\xAE", "\\u202e"},  // RIGHT-TO-LEFT OVERRIDE
    {"\xE2\x81\xA6", "\\u2066"},  // LEFT-TO-RIGHT ISOLATE
    {"\xE2\x81\xA7", "\\u2067"},  // RIGHT-TO-LEFT ISOLATE
    {"\xE2\x81\xA8", "\\u2068"},  // FIRST STRONG ISOLATE
    {"\xE2\x81\xA9", "\\u2069"},  // POP DIRECTIONAL ISOLATE
};

/// Characters next to the bidirectional controls that are not controls: kept as they are.
const std::vector<std::string> kNotBidi = {
    "\xD8\x9B",      // U+061B ARABIC SEMICOLON
    "\xE2\x80\x8D",  // U+200D ZERO WIDTH JOINER
    "\xE2\x80\x90",  // U+2010 HYPHEN
    "\xE2\x80\xA9",  // U+2029 PARAGRAPH SEPARATOR
    "\xE2\x80\xAF",  // U+202F NARROW NO-BREAK SPACE
    "\xE2\x81\xA5",  // U+2065 (unassigned)
    "\xE2\x81\xAA",  // U+206A INHIBIT SYMMETRIC SWAPPING (deprecated, not a bidi control)
};

/// True if `s` holds a raw bidirectional control.
bool HasBidi(std::string_view s) {
  for (const auto& b : kBidi) {
    if (s.find(b.first) != std::string_view::npos) return true;
  }
  return false;
}

/// True if `s` holds a raw C1 control (U+0080..U+009F as UTF-8).
bool HasC1(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0 &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80) {
      return true;
    }
  }
  return false;
}

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

TEST_CASE("TerminalSafe: bidirectional controls become visible \\u escapes", "[escape]") {
  for (const auto& [raw, escaped] : kBidi) {
    INFO(escaped);
    CHECK(TerminalSafe(raw) == escaped);
    CHECK(TerminalSafe("a" + raw + "b") == "a" + escaped + "b");
  }
  for (const std::string& kept : kNotBidi) CHECK(TerminalSafe(kept) == kept);
  // "Trojan Source": an override that would make the line read differently on screen.
  const std::string trojan =
      "access_level != \"user\xE2\x80\xAE \xE2\x81\xA6// Check if admin"
      "\xE2\x81\xA9 \xE2\x81\xA6\"";
  const std::string safe = TerminalSafe(trojan);
  CHECK(safe == "access_level != \"user\\u202e \\u2066// Check if admin\\u2069 \\u2066\"");
  CHECK_FALSE(HasBidi(safe));
  // Every output that builds on TerminalSafe shows them the same way.
  CHECK(MarkdownEscape("x\xE2\x80\xAE") == "x\\\\u202e");
  CHECK(MarkdownCode("x\xE2\x80\xAE") == "`x\\u202e`");
  CHECK(HtmlEscape("x\xE2\x80\xAE") == "x\\u202e");
}

TEST_CASE("TerminalSafe: no input gives raw controls, C1 or bidi characters", "[escape]") {
  // Every code point of the first three planes' interesting ranges, and every 2-byte form.
  std::string all;
  for (uint32_t cp = 0; cp < 0x3000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (cp < 0x80) {
      all += static_cast<char>(cp);
    } else if (cp < 0x800) {
      all += static_cast<char>(0xC0 | (cp >> 6));
      all += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      all += static_cast<char>(0xE0 | (cp >> 12));
      all += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      all += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  for (const std::string& out :
       {TerminalSafe(all), MarkdownEscape(all), MarkdownCode(all), HtmlEscape(all)}) {
    CHECK_FALSE(HasControlByte(out));
    CHECK_FALSE(HasC1(out));
    CHECK_FALSE(HasBidi(out));
    CHECK(ValidUtf8(out));
  }
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

TEST_CASE("JsonEscape: C1, bidirectional controls and line separators as \\u escapes", "[escape]") {
  CHECK(JsonEscape("\xC2\x9B") == "\\u009b");
  CHECK(JsonEscape("\xC2\x80") == "\\u0080");
  CHECK(JsonEscape("\xC2\xA0") == "\xC2\xA0");
  CHECK(JsonEscape("\x7f") == "\\u007f");
  CHECK(JsonEscape("\xE2\x80\xA8\xE2\x80\xA9") == "\\u2028\\u2029");
  for (const auto& [raw, escaped] : kBidi) {
    INFO(escaped);
    CHECK(JsonEscape(raw) == escaped);
    // The value is unchanged.
    CHECK(ParseJsonString(JsonEscape("a" + raw)).get<std::string>() == "a" + raw);
  }
  for (const std::string& kept : kNotBidi) {
    if (kept != "\xE2\x80\xA9") CHECK(JsonEscape(kept) == kept);
  }
}

TEST_CASE("JsonTextSafe: a dumped JSON text keeps its values, loses raw C1 and bidi", "[escape]") {
  const std::string hostile = "\"q\" \\ </script><!-- & \x1b[31m \xC2\x9B \xE2\x80\xAE " + kArrow +
                              " \xE2\x80\xA8 \xF0\x9F\x98\x80";
  nlohmann::ordered_json j;
  j["schema"] = "x";
  j["s"] = hostile;
  j["a"] = {hostile, 1, nullptr, true};
  const std::string dumped =
      j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  REQUIRE(HasC1(dumped));  // nlohmann writes them raw: this is what JsonTextSafe is for
  REQUIRE(HasBidi(dumped));

  const std::string safe = JsonTextSafe(dumped);
  CHECK_FALSE(HasC1(safe));
  CHECK_FALSE(HasBidi(safe));
  CHECK(safe.find("\\u009b") != std::string::npos);
  CHECK(safe.find("\\u202e") != std::string::npos);
  CHECK(safe.find("\\u2028") != std::string::npos);
  CHECK(safe.find(kArrow) != std::string::npos);  // other text stays readable
  CHECK(safe.find("</script>") != std::string::npos);
  nlohmann::ordered_json back;
  REQUIRE_NOTHROW(back = nlohmann::ordered_json::parse(safe));
  CHECK(back == j);
  CHECK(back.dump() == j.dump());  // same key order

  // For an HTML <script> element: no `<`, `>` or `&` at all, values still the same.
  const std::string script = JsonTextSafe(dumped, /*for_html_script=*/true);
  CHECK(script.find('<') == std::string::npos);
  CHECK(script.find('>') == std::string::npos);
  CHECK(script.find('&') == std::string::npos);
  CHECK(script.find("\\u003c/script\\u003e\\u003c!-- \\u0026") != std::string::npos);
  REQUIRE_NOTHROW(back = nlohmann::ordered_json::parse(script));
  CHECK(back == j);

  // Invalid bytes (not from nlohmann's replace) become U+FFFD; ASCII JSON passes unchanged.
  CHECK(JsonTextSafe("\"a\xff\"") == "\"a\xEF\xBF\xBD\"");
  CHECK(JsonTextSafe("{\"a\": [1, 2.5e3, null]}\n") == "{\"a\": [1, 2.5e3, null]}\n");
}

// ------------------------------------------------------------------------------------------
// HTML and Markdown

TEST_CASE("HtmlEscape", "[escape]") {
  CHECK(HtmlEscape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;");
  CHECK(HtmlEscape("&amp;") == "&amp;amp;");
  CHECK(HtmlEscape("&T{...} escapes to heap") == "&amp;T{...} escapes to heap");
  CHECK(HtmlEscape(kArrow) == kArrow);
  CHECK(HtmlEscape("") == "");
  // Cleaned like TerminalSafe first: controls, C1, bidi and invalid bytes as visible escapes.
  CHECK(HtmlEscape("a\x1b[31m\rb") == "a\\x1b[31m\\x0db");
  CHECK(HtmlEscape("\xC2\x9B\xE2\x80\xAE\xff") == "\\u009b\\u202e\\xff");
  CHECK(HtmlEscape("<\xE2\x81\xA6>") == "&lt;\\u2066&gt;");
  CHECK(ValidUtf8(HtmlEscape(Bytes("\xff\xfe\0\xC3("))));
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
  // Outside a table (a list item) GitHub keeps that backslash in view: `|` is left alone.
  CHECK(MarkdownCode("a|b", /*in_table=*/false) == "`a|b`");
  CHECK(MarkdownCode("f(a|b) `x`", false) == "`` f(a|b) `x` ``");
  // Control characters are made visible first.
  std::string ctl = MarkdownCode("a\nb\x1b");
  CHECK(ctl.find('\n') == std::string::npos);
  CHECK_FALSE(HasControlByte(ctl));
  CHECK(MarkdownCode(kArrow) == "`" + kArrow + "`");
  // CommonMark strips one space from each end of " x ": padded so that both stay.
  CHECK(MarkdownCode(" x ") == "`  x  `");
  CHECK(MarkdownCode(" x") == "` x`");
  CHECK(MarkdownCode("   ") == "`   `");  // all spaces: not stripped, not padded
  CHECK(MarkdownCode("") == "");
  // A backslash before `|` stays: GitHub removes only the one MarkdownCode adds.
  CHECK(MarkdownCode("a\\|b") == "`a\\\\|b`");
}

TEST_CASE("GraphvizText: valid UTF-8 for XML, controls as pictures or visible escapes",
          "[escape]") {
  CHECK(GraphvizText("plain " + kArrow) == "plain " + kArrow);
  CHECK(GraphvizText("a\r\nb\rc\nd") == "a\nb\nc\nd");
  CHECK(GraphvizText("a\tb") == "a b");
  // U+2400 SYMBOL FOR NULL, U+241B SYMBOL FOR ESCAPE, U+2407 SYMBOL FOR BELL, U+2421 DELETE.
  CHECK(GraphvizText(Bytes("\0\x1b\x07\x7f")) ==
        "\xE2\x90\x80\xE2\x90\x9B\xE2\x90\x87\xE2\x90\xA1");
  CHECK(GraphvizText("\xC2\x9B") == "\\u009b");
  for (const auto& [raw, escaped] : kBidi) CHECK(GraphvizText(raw) == escaped);
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(GraphvizText("\xff\xC3(") == fffd + fffd + "(");
  CHECK(GraphvizText("\xEF\xBF\xBE\xEF\xBF\xBF") == fffd + fffd);  // U+FFFE, U+FFFF
  CHECK(GraphvizText("\\N &amp; <b>") == "\\N &amp; <b>");         // Graphviz syntax is not its job

  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  all += "\xC2\x85\xE2\x80\xAE";
  const std::string out = GraphvizText(all);
  CHECK(ValidUtf8(out));
  CHECK_FALSE(HasC1(out));
  CHECK_FALSE(HasBidi(out));
  bool controls = false;
  for (unsigned char c : out) controls = controls || (c < 0x20 && c != '\n') || c == 0x7F;
  CHECK_FALSE(controls);
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

namespace escviz {
TEST_CASE("CutLongText cuts at a character boundary and says how much is left out", "[escape]") {
  CHECK(CutLongText("short", 5) == "short");
  CHECK(CutLongText("abcdef", 3) == "abc \xe2\x80\xa6 [3 more bytes not shown]");
  // `é` is two bytes: a cut through it keeps neither.
  CHECK(CutLongText("a\xc3\xa9z", 2) == "a \xe2\x80\xa6 [3 more bytes not shown]");
  CHECK(CutLongText("a\xc3\xa9z", 3) == "a\xc3\xa9 \xe2\x80\xa6 [1 more bytes not shown]");
  // An invalid byte counts as one (TerminalSafe shows it later).
  CHECK(CutLongText("\xff\xff\xff", 2) == "\xff\xff \xe2\x80\xa6 [1 more bytes not shown]");
  // HtmlEscape cuts at kMaxHtmlText.
  const std::string long_text(kMaxHtmlText + 10, '<');
  const std::string html = HtmlEscape(long_text);
  CHECK(html.size() ==
        kMaxHtmlText * 4 + std::string(" \xe2\x80\xa6 [10 more bytes not shown]").size());
  CHECK(HtmlEscape(std::string(kMaxHtmlText, 'a')) == std::string(kMaxHtmlText, 'a'));
}
}  // namespace escviz
