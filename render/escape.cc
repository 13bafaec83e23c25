#include "render/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace escviz {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// One character of log text, as every output sees it (the shared cleaning step).
struct Unit {
  enum class Kind {
    kText,       ///< safe to write as it is
    kControl,    ///< C0 control or DEL (`cp` is the byte; tab, LF and CR included)
    kC1,         ///< U+0080..U+009F
    kBidi,       ///< a bidirectional formatting control
    kSeparator,  ///< U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
    kNonchar,    ///< U+FFFE, U+FFFF (not allowed in XML)
    kInvalid,    ///< a byte that is not part of valid UTF-8 (`cp` is the byte)
  };
  Kind kind;
  size_t size;  ///< bytes
  uint32_t cp;  ///< the code point, or the byte for kInvalid
};

bool IsBidiControl(uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

uint32_t DecodeValid(std::string_view s, size_t i, size_t n) {
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (n) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

/// The character at s[i] (i < s.size()).
Unit UnitAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) return {Unit::Kind::kControl, 1, c};
  const size_t n = Utf8SequenceLength(s, i);
  if (n == 0) return {Unit::Kind::kInvalid, 1, c};
  const uint32_t cp = DecodeValid(s, i, n);
  if (cp >= 0x80 && cp <= 0x9F) return {Unit::Kind::kC1, n, cp};
  if (IsBidiControl(cp)) return {Unit::Kind::kBidi, n, cp};
  if (cp == 0x2028 || cp == 0x2029) return {Unit::Kind::kSeparator, n, cp};
  if (cp == 0xFFFE || cp == 0xFFFF) return {Unit::Kind::kNonchar, n, cp};
  return {Unit::Kind::kText, n, cp};
}

void AppendU(std::string* out, uint32_t cp) { *out += fmt::format("\\u{:04x}", cp); }

}  // namespace

namespace escape_text {  // named, not anonymous: a unity build joins this file with others
/// The end of the run of bytes from `i` that are printable ASCII (0x20 to 0x7e) and not in
/// `special`: text every escaping here copies as it is.
size_t PlainRun(std::string_view s, size_t i, std::string_view special) {
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c > 0x7e || special.find(static_cast<char>(c)) != std::string_view::npos) break;
    ++i;
  }
  return i;
}
}  // namespace escape_text

std::string TerminalSafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (const size_t run = escape_text::PlainRun(s, i, {});
        run > i) {  // copied at once: most of any text
      out.append(s, i, run - i);
      i = run;
      continue;
    }
    const Unit u = UnitAt(s, i);
    switch (u.kind) {
      case Unit::Kind::kControl:
        if (u.cp == '\t') {
          out += '\t';
        } else {
          out += fmt::format("\\x{:02x}", u.cp);
        }
        break;
      case Unit::Kind::kInvalid:
        out += fmt::format("\\x{:02x}", u.cp);
        break;
      case Unit::Kind::kC1:
      case Unit::Kind::kBidi:
        AppendU(&out, u.cp);
        break;
      case Unit::Kind::kText:
      case Unit::Kind::kSeparator:
      case Unit::Kind::kNonchar:
        out.append(s.substr(i, u.size));
        break;
    }
    i += u.size;
  }
  return out;
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    if (const size_t run = escape_text::PlainRun(s, i, "\"\\"); run > i) {
      out.append(s, i, run - i);
      i = run;
      continue;
    }
    const Unit u = UnitAt(s, i);
    switch (u.kind) {
      case Unit::Kind::kControl:
        if (u.cp == '\n') {
          out += "\\n";
        } else if (u.cp == '\r') {
          out += "\\r";
        } else if (u.cp == '\t') {
          out += "\\t";
        } else {
          AppendU(&out, u.cp);
        }
        break;
      case Unit::Kind::kInvalid:
        out += kReplacement;
        break;
      case Unit::Kind::kC1:
      case Unit::Kind::kBidi:
      case Unit::Kind::kSeparator:
        AppendU(&out, u.cp);
        break;
      case Unit::Kind::kText:
      case Unit::Kind::kNonchar:
        if (u.cp == '"') {
          out += "\\\"";
        } else if (u.cp == '\\') {
          out += "\\\\";
        } else {
          out.append(s.substr(i, u.size));
        }
        break;
    }
    i += u.size;
  }
  return out;
}

std::string JsonTextSafe(std::string_view json, bool for_html_script) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size();) {
    // ASCII stays as it is (in valid JSON a control character is whitespace between tokens),
    // but for a script's <, > and &: copied in runs, the bulk of every JSON text.
    size_t run = i;
    while (run < json.size()) {
      const unsigned char c = static_cast<unsigned char>(json[run]);
      if (c >= 0x80 || (for_html_script && (c == '<' || c == '>' || c == '&'))) break;
      ++run;
    }
    if (run > i) {
      out.append(json, i, run - i);
      i = run;
      continue;
    }
    const Unit u = UnitAt(json, i);
    switch (u.kind) {
      case Unit::Kind::kInvalid:
        out += kReplacement;
        break;
      case Unit::Kind::kC1:
      case Unit::Kind::kBidi:
      case Unit::Kind::kSeparator:
        AppendU(&out, u.cp);
        break;
      case Unit::Kind::kText:
        if (for_html_script && (u.cp == '<' || u.cp == '>' || u.cp == '&')) {
          AppendU(&out, u.cp);
          break;
        }
        out.append(json.substr(i, u.size));
        break;
      case Unit::Kind::kControl:  // only whitespace between tokens in valid JSON
      case Unit::Kind::kNonchar:
        out.append(json.substr(i, u.size));
        break;
    }
    i += u.size;
  }
  return out;
}

std::string CutLongText(std::string_view s, size_t limit) {
  if (s.size() <= limit) return std::string(s);
  size_t end = 0;  // past the last whole character (or invalid byte) that fits
  while (end < limit) {
    const size_t n = std::max<size_t>(Utf8SequenceLength(s, end), 1);
    if (end + n > limit) break;
    end += n;
  }
  return std::string(s.substr(0, end)) +
         fmt::format(" \u2026 [{} more bytes not shown]", s.size() - end);
}

std::string HtmlEscape(std::string_view s) {
  const std::string safe = TerminalSafe(s.size() > kMaxHtmlText ? CutLongText(s, kMaxHtmlText) : s);
  std::string out;
  out.reserve(safe.size());
  for (size_t i = 0; i < safe.size();) {
    if (const size_t run = escape_text::PlainRun(safe, i, "&<>\"'"); run > i) {
      out.append(safe, i, run - i);
      i = run;
      continue;
    }
    const char c = safe[i++];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MarkdownEscape(std::string_view s) {
  std::string out;
  std::string safe = TerminalSafe(s);
  out.reserve(safe.size());
  for (char c : safe) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '{':
      case '}':
      case '[':
      case ']':
      case '(':
      case ')':
      case '#':
      case '+':
      case '-':
      case '!':
      case '|':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MarkdownCode(std::string_view s, bool in_table) {
  if (s.empty()) return "";
  std::string safe = TerminalSafe(s);
  // `|` ends a GitHub table cell even inside a code span unless it is backslash-escaped; GitHub
  // removes the backslash in front of every `|` of a cell before parsing its content.
  std::string body;
  for (char c : safe) {
    if (c == '|' && in_table) body += '\\';
    body += c;
  }
  size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  // CommonMark strips one space from both ends of a code span that begins and ends with a space
  // (and is not all spaces); a backtick at either end would join the fence. Pad both cases.
  const bool all_spaces = body.find_first_not_of(' ') == std::string::npos;
  const bool pad = body.front() == '`' || body.back() == '`' ||
                   (body.front() == ' ' && body.back() == ' ' && !all_spaces);
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string GraphvizText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const Unit u = UnitAt(s, i);
    switch (u.kind) {
      case Unit::Kind::kControl:
        if (u.cp == '\r') {
          out += '\n';
          if (i + 1 < s.size() && s[i + 1] == '\n') ++i;  // CR LF: one line break
        } else if (u.cp == '\n') {
          out += '\n';
        } else if (u.cp == '\t') {
          out += ' ';
        } else {
          // U+2400 + c for C0 (SYMBOL FOR NULL...), U+2421 SYMBOL FOR DELETE.
          const unsigned char low = u.cp == 0x7F ? 0xA1 : static_cast<unsigned char>(0x80 + u.cp);
          out += "\xE2\x90";
          out += static_cast<char>(low);
        }
        break;
      case Unit::Kind::kInvalid:
      case Unit::Kind::kNonchar:
        out += kReplacement;
        break;
      case Unit::Kind::kC1:
      case Unit::Kind::kBidi:
        AppendU(&out, u.cp);
        break;
      case Unit::Kind::kText:
      case Unit::Kind::kSeparator:
        out.append(s.substr(i, u.size));
        break;
    }
    i += u.size;
  }
  return out;
}

}  // namespace escviz
