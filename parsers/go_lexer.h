#pragma once
/// The Go lexer under parsers/go_source.cc's scanner of function extents: tokens on demand, with
/// comments dropped, and a skip-ahead (Lexer::NextActive) over bytes that cannot begin a bracket,
/// string, comment, line or `func`. Internal to the parsers; header-only so that the scanner's
/// hot loop inlines it.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace escviz {
namespace go_lexer {

enum class TokKind { kIdent, kLiteral, kPunct, kNewline, kEof };

/// A significant token. Comments are dropped; a block comment spanning lines becomes a newline.
struct Token {
  TokKind kind;
  std::string_view text;
  uint32_t line, col;
};

/// Character classes of the lexer, one table lookup per byte.
enum CharClass : uint8_t {
  kIdentStart = 1,  ///< a letter, `_` or any byte of a UTF-8 sequence
  kDigit = 2,
  kSpace = 4,  ///< blanks other than newline
  /// A byte that never begins a token the scanner acts on, nor a string, comment or line: all but
  /// `f`, brackets, quotes, `/` and newline. Runs of them are skipped without lexing them.
  kDull = 8,
};
struct CharTable {
  uint8_t c[256] = {};
  constexpr CharTable() {
    for (int i = 'a'; i <= 'z'; ++i) c[i] = kIdentStart;
    for (int i = 'A'; i <= 'Z'; ++i) c[i] = kIdentStart;
    for (int i = 0x80; i < 256; ++i) c[i] = kIdentStart;
    c[static_cast<unsigned char>('_')] = kIdentStart;
    for (int i = '0'; i <= '9'; ++i) c[i] = kDigit;
    for (char b : {' ', '\t', '\r', '\f', '\v'}) c[static_cast<unsigned char>(b)] = kSpace;
    for (int i = 0; i < 256; ++i) c[i] |= kDull;
    for (char b : {'f', '(', ')', '[', ']', '{', '}', '"', '\'', '`', '/', '\n'}) {
      c[static_cast<unsigned char>(b)] &= ~kDull;
    }
  }
};
inline constexpr CharTable kChars;

inline bool IsIdentStart(unsigned char c) { return (kChars.c[c] & ~kDull) == kIdentStart; }
inline bool IsDigit(unsigned char c) { return (kChars.c[c] & ~kDull) == kDigit; }
inline bool IsIdentChar(unsigned char c) { return (kChars.c[c] & (kIdentStart | kDigit)) != 0; }
inline bool IsSpace(unsigned char c) { return (kChars.c[c] & ~kDull) == kSpace; }
inline bool IsDull(unsigned char c) { return (kChars.c[c] & kDull) != 0; }

inline bool IsBracket(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}';
}
inline bool IsFunc(std::string_view w) {
  return w.size() == 4 && std::memcmp(w.data(), "func", 4) == 0;
}

/// Where lexing is: a byte offset, its line, and the offset that line starts at.
struct Cursor {
  size_t i = 0;
  uint32_t line = 1;
  size_t line_start = 0;
};

/// Lexes the token at `*at` in `src` (after any blanks and comments) and moves `*at` past it:
/// comments are skipped, and strings, raw strings and runes are single literal tokens. At the end
/// of text, a kEof token positioned just past it. Inlined where it is called: the position is
/// held in locals while lexing (in memory, it would be written back before each byte is read, as
/// a char may alias it).
[[gnu::always_inline]] inline Token Lex(std::string_view src, Cursor* at) {
  const char* const s = src.data();
  const size_t n = src.size();
  size_t i = at->i, line_start = at->line_start;
  uint32_t line_no = at->line;
  auto token = [&](TokKind kind, size_t start, size_t len, uint32_t line, uint32_t col) {
    *at = Cursor{i, line_no, line_start};
    return Token{kind, std::string_view(s + start, len), line, col};
  };
  auto new_line = [&](size_t next) {
    ++line_no;
    line_start = next;
  };
  while (i < n) {
    const unsigned char c = s[i];
    const size_t start = i;
    const uint32_t line = line_no, col = static_cast<uint32_t>(i - line_start + 1);
    if (IsIdentStart(c)) {
      while (i < n && IsIdentChar(s[i])) ++i;
      return token(TokKind::kIdent, start, i - start, line, col);
    } else if (IsSpace(c)) {
      ++i;
      while (i < n && IsSpace(s[i])) ++i;
    } else if (c == '\n') {
      new_line(++i);
      return token(TokKind::kNewline, start, 1, line, col);
    } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      const void* end = std::memchr(s + i, '\n', n - i);
      i = end == nullptr ? n : static_cast<size_t>(static_cast<const char*>(end) - s);
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      bool multiline = false;
      i += 2;
      while (i < n && !(s[i] == '*' && i + 1 < n && s[i + 1] == '/')) {
        if (s[i++] == '\n') {
          multiline = true;
          new_line(i);
        }
      }
      i = i < n ? i + 2 : n;
      if (multiline) return token(TokKind::kNewline, start, 2, line, col);
    } else if (c == '"' || c == '\'') {
      // Interpreted string or rune; a newline (invalid here) ends it to limit the damage.
      ++i;
      while (i < n && s[i] != c && s[i] != '\n') {
        i += (s[i] == '\\' && i + 1 < n && s[i + 1] != '\n') ? 2 : 1;
      }
      if (i < n && s[i] == c) ++i;
      return token(TokKind::kLiteral, start, i - start, line, col);
    } else if (c == '`') {
      ++i;
      while (i < n && s[i] != '`') {
        if (s[i++] == '\n') new_line(i);
      }
      if (i < n) ++i;
      return token(TokKind::kLiteral, start, i - start, line, col);
    } else if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(s[i + 1]))) {
      while (i < n && (IsIdentChar(s[i]) || s[i] == '.')) {
        const unsigned char d = s[i++];
        const bool exp = d == 'e' || d == 'E' || d == 'p' || d == 'P';
        if (exp && i < n && (s[i] == '+' || s[i] == '-')) ++i;  // 1e-9, 0x1p+3
      }
      return token(TokKind::kLiteral, start, i - start, line, col);
    } else {
      size_t len = 1;
      if (c == '<' && i + 1 < n && s[i + 1] == '-') {
        len = 2;
      } else if (c == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
        len = 3;
      }
      i += len;
      return token(TokKind::kPunct, start, len, line, col);
    }
  }
  return token(TokKind::kEof, n, 0, line_no, static_cast<uint32_t>(n - line_start + 1));
}

/// Splits Go source into tokens, one at a time (Lex).
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  /// The next token.
  Token Next() { return Lex(s_, &at_); }

  /// The next token the scanner's main loop acts on: a bracket, `func`, or kEof, the same as
  /// calling Next() until one comes. For a `func`, `*before` becomes the token just before it
  /// (it is left as it is if there is none since the last token given; otherwise it is
  /// unspecified).
  ///
  /// Runs of dull bytes (CharTable) are skipped without lexing them: a byte that is not dull
  /// always begins a token or a comment, except `f`, which begins `func` only as a whole word
  /// (and not inside a number: `1.func`, `1e+func`). Up to such a byte no line ends, so the
  /// position there is known without lexing; what was skipped is lexed again only to find the
  /// token before a `func`, or to tell a number from `func`.
  Token NextActive(Token* before) {
    const char* const s = s_.data();
    const size_t n = s_.size();
    Cursor sync = at_;  // lexed exactly up to here; `*before` is the token before it
    size_t i = at_.i;
    for (;;) {
      while (i < n && IsDull(s[i])) ++i;
      if (i < n && s[i] == 'f') {
        const bool word = n - i >= 4 && std::memcmp(s + i, "func", 4) == 0 &&
                          (i + 4 == n || !IsIdentChar(s[i + 4])) &&
                          (i == 0 || !IsIdentChar(s[i - 1]));
        if (!word) {
          ++i;
          continue;
        }
        const char prev = i == 0 ? ' ' : s[i - 1];
        if (prev == '.' || prev == '+' || prev == '-') {  // perhaps within a number
          Cursor c = sync;
          const Token last = LastBefore(c, i, before);
          if (c.i > i) {  // it was: go on after the number
            sync = c;
            *before = last;
            i = c.i;
            continue;
          }
        }
      }
      // A token or comment begins at i (or i is the end): nothing between `sync` and i ends a
      // line.
      Cursor at{i, sync.line, sync.line_start};
      const Token t = Lex(s_, &at);
      const bool func = t.kind == TokKind::kIdent && IsFunc(t.text);
      if (func || t.kind == TokKind::kEof ||
          (t.kind == TokKind::kPunct && t.text.size() == 1 && IsBracket(t.text[0]))) {
        if (func && i != sync.i) {
          Cursor c = sync;
          *before = LastBefore(c, static_cast<size_t>(t.text.data() - s), before);
        }
        at_ = at;
        return t;
      }
      sync = at;
      *before = t;
      i = at.i;
    }
  }

 private:
  /// Lexes from `*c` the tokens that begin before offset `end`, leaving `*c` past the last of
  /// them, and returns that token (`*before` if there is none).
  Token LastBefore(Cursor& c, size_t end, const Token* before) const {
    Token last = *before;
    for (;;) {
      Cursor next = c;
      const Token t = Lex(s_, &next);
      if (t.kind == TokKind::kEof || static_cast<size_t>(t.text.data() - s_.data()) >= end) {
        return last;
      }
      last = t;
      c = next;
    }
  }

  std::string_view s_;
  Cursor at_;
};

inline bool IsKeyword(std::string_view w) {
  static constexpr std::string_view kKeywords[] = {
      "break",  "case",        "chan", "const",   "continue", "default", "defer",
      "else",   "fallthrough", "for",  "func",    "go",       "goto",    "if",
      "import", "interface",   "map",  "package", "range",    "return",  "select",
      "struct", "switch",      "type", "var"};
  if (w.size() < 2 || w.size() > 11 || w[0] < 'b' || w[0] > 'v') return false;
  for (std::string_view k : kKeywords) {
    if (w == k) return true;
  }
  return false;
}

}  // namespace go_lexer
}  // namespace escviz
