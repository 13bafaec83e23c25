#include "parsers/go_source.h"

#include <cstring>
#include <utility>

namespace escviz {
namespace {

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
    c['_'] = kIdentStart;
    for (int i = '0'; i <= '9'; ++i) c[i] = kDigit;
    for (char b : {' ', '\t', '\r', '\f', '\v'}) c[static_cast<unsigned char>(b)] = kSpace;
    for (int i = 0; i < 256; ++i) c[i] |= kDull;
    for (char b : {'f', '(', ')', '[', ']', '{', '}', '"', '\'', '`', '/', '\n'}) {
      c[static_cast<unsigned char>(b)] &= ~kDull;
    }
  }
};
constexpr CharTable kChars;

bool IsIdentStart(unsigned char c) { return (kChars.c[c] & ~kDull) == kIdentStart; }
bool IsDigit(unsigned char c) { return (kChars.c[c] & ~kDull) == kDigit; }
bool IsIdentChar(unsigned char c) { return (kChars.c[c] & (kIdentStart | kDigit)) != 0; }
bool IsSpace(unsigned char c) { return (kChars.c[c] & ~kDull) == kSpace; }
bool IsDull(unsigned char c) { return (kChars.c[c] & kDull) != 0; }

bool IsBracket(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}';
}
bool IsFunc(std::string_view w) { return w.size() == 4 && std::memcmp(w.data(), "func", 4) == 0; }

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

bool IsKeyword(std::string_view w) {
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

/// Finds function extents in a token stream. Tokens are lexed on demand: the main loop skips
/// those it does not act on (all but brackets and `func`) without keeping them, and a window holds
/// the token before the current one and those that Func() looked ahead at. Indices are absolute
/// (counting only the tokens that enter the window); index 0 stands for the start of text.
class Scanner {
 public:
  explicit Scanner(std::string_view source) : source_(source), lex_(source) {
    window_.reserve(64);
    window_.push_back(
        {TokKind::kNewline, {}, 0, 0});  // a `func` first in the text starts a statement
  }

  std::vector<GoFuncExtent> Run() {
    size_t k = 1;
    for (;;) {
      if (k - base_ == window_.size()) Skip(k);
      const Token t = window_[k - base_];
      if (t.kind == TokKind::kEof) break;
      if (t.kind == TokKind::kIdent && IsFunc(t.text)) {
        k = Func(k);
        continue;
      }
      if (t.kind == TokKind::kPunct) {
        const char c = t.text[0];
        if (c == '(' || c == '[' || c == '{') {
          open_.push_back({c, -1});
        } else if (c == ')' || c == ']') {
          if (!open_.empty() && open_.back().ch == (c == ')' ? '(' : '[')) open_.pop_back();
        } else if (c == '}') {
          CloseBrace(t);
        }
      }
      ++k;
    }
    // Bodies left open end at end of text.
    const Token eof = Tok(k);
    for (const Open& o : open_) {
      if (o.extent >= 0) SetEnd(o.extent, eof.line, eof.col);
    }
    return std::move(out_);
  }

 private:
  struct Open {
    char ch;     ///< '(', '[' or '{'
    int extent;  ///< the extent whose body this brace opens, or -1
  };

  /// With every lexed token consumed (`k` is the next index), lexes on to the next active token
  /// and makes it token `k`, the window holding just it and the token before it.
  void Skip(size_t k) {
    Token before = window_.back();
    const Token t = lex_.NextActive(&before);
    window_.clear();
    window_.push_back(before);
    window_.push_back(t);
    base_ = k - 1;
  }

  /// Token `k` (not before the window), lexing up to it. The reference lasts until a later token
  /// is lexed.
  const Token& Tok(size_t k) {
    if (k - base_ < window_.size()) return window_[k - base_];
    while (k - base_ >= window_.size()) window_.push_back(lex_.Next());
    return window_.back();
  }

  bool IsPunct(size_t k, char c) {
    const Token& t = Tok(k);
    return t.kind == TokKind::kPunct && t.text.size() == 1 && t.text[0] == c;
  }
  bool IsCloser(size_t k) { return IsPunct(k, ')') || IsPunct(k, ']') || IsPunct(k, '}'); }
  bool IsWord(size_t k, std::string_view w) {
    const Token& t = Tok(k);
    return t.kind == TokKind::kIdent && t.text == w;
  }
  bool IsName(size_t k) {
    const Token& t = Tok(k);
    return t.kind == TokKind::kIdent && !IsKeyword(t.text);
  }

  /// Given an opening bracket at `k`, the index just past its matching closer (or of kEof).
  size_t SkipBalanced(size_t k) {
    int depth = 0;
    for (;; ++k) {
      const Token& t = Tok(k);
      if (t.kind == TokKind::kEof) return k;
      if (t.kind != TokKind::kPunct || t.text.size() != 1) continue;
      const char c = t.text[0];
      if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
        return k + 1;
      }
    }
  }

  /// Skips a result type starting at `k` (just after the parameter list). Returns the index of
  /// the body's `{` with *body set, or of the token that ends the signature. *last is the last
  /// token of the signature.
  size_t SkipResult(size_t k, bool* body, size_t* last) {
    *body = false;
    for (;;) {
      const Token t = Tok(k);
      switch (t.kind) {
        case TokKind::kEof:
        case TokKind::kLiteral:
          return k;
        case TokKind::kNewline: {
          // Go inserts a semicolon after an identifier or a closing bracket.
          const bool semi = IsName(*last) || IsCloser(*last);
          if (semi) return k;
          ++k;
          continue;
        }
        case TokKind::kIdent:
          *last = k++;
          continue;
        case TokKind::kPunct:
          break;
      }
      if (IsPunct(k, '{')) {
        if (!IsWord(*last, "struct") && !IsWord(*last, "interface")) {
          *body = true;
          return k;
        }
        k = SkipBalanced(k);
        *last = k - 1;
      } else if (IsPunct(k, '(') || IsPunct(k, '[')) {
        k = SkipBalanced(k);
        *last = k - 1;
      } else if (IsPunct(k, '.') || IsPunct(k, '*') || t.text == "<-" || t.text == "...") {
        *last = k++;
      } else {
        return k;
      }
    }
  }

  /// Handles the `func` at `k`; returns the index to continue scanning at.
  size_t Func(size_t k) {
    const size_t func = k++;
    const bool stmt_start = Tok(func - 1).kind == TokKind::kNewline || IsPunct(func - 1, ';');
    // Before a `func` type's element position (`[]func()`, `map[K]func()`, `chan func()`), a
    // following `{` opens a composite literal, not a body.
    const bool type_only = IsPunct(func - 1, ']') || IsWord(func - 1, "chan");
    size_t name = 0, recv_open = 0, recv_end = 0;
    if (IsName(k)) {
      name = k++;
    } else if (IsPunct(k, '(') && stmt_start && open_.empty()) {
      const size_t end = SkipBalanced(k);
      if (IsName(end)) {
        recv_open = k;
        recv_end = end;
        name = end;
        k = end + 1;
      }
    }
    if (name != 0 && IsPunct(k, '[')) k = SkipBalanced(k);  // type parameters
    if (!IsPunct(k, '(')) return k;
    k = SkipBalanced(k);  // parameters
    bool body = false;
    size_t last = k - 1;
    k = SkipResult(k, &body, &last);
    if (name == 0 && (!body || type_only)) return k;  // a func type

    GoFuncExtent e;
    e.func_line = Tok(func).line;
    e.func_col = Tok(func).col;
    e.literal = name == 0;
    e.decl_line = e.func_line;
    e.decl_col = e.func_col;
    if (name != 0) {
      const Token n = Tok(name);
      e.name_line = n.line;
      e.name_col = n.col;
      e.name = DeclName(recv_open, recv_end, n.text);
      const Token& decl = Tok(recv_end != 0 ? recv_open : name);
      e.decl_line = decl.line;
      e.decl_col = decl.col;
    }
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->extent >= 0) {
        e.parent = it->extent;
        break;
      }
    }
    const int index = static_cast<int>(out_.size());
    out_.push_back(std::move(e));
    if (!body) {
      // A declaration without a body (implemented in assembly): ends with its signature's line.
      const Token end = Tok(last);
      SetEnd(index, end.line, LineEndCol(end));
      return k;
    }
    open_.push_back({'{', index});
    return k + 1;
  }

  /// `M`, `T.M` or `(*T).M` from the receiver tokens [open, end) and the method name.
  std::string DeclName(size_t open, size_t end, std::string_view method) {
    if (end == 0) return std::string(method);
    bool pointer = false;
    std::string_view type;
    int depth = 0;  // inside `[...]` (type arguments) or `{...}`
    for (size_t k = open + 1; k + 1 < end; ++k) {
      if (IsPunct(k, '[') || IsPunct(k, '{')) {
        ++depth;
      } else if (IsPunct(k, ']') || IsPunct(k, '}')) {
        --depth;
      } else if (depth == 0 && IsPunct(k, '*')) {
        pointer = true;
      } else if (depth == 0 && IsName(k)) {
        type = Tok(k).text;
      }
    }
    if (type.empty()) return std::string(method);
    std::string out = pointer ? "(*" + std::string(type) + ")" : std::string(type);
    out += '.';
    out += method;
    return out;
  }

  /// The column of the last byte of `t`'s line (not counting a trailing '\r').
  uint32_t LineEndCol(const Token& t) const {
    const size_t start = static_cast<size_t>(t.text.data() - source_.data()) - (t.col - 1);
    size_t end = source_.find('\n', start);
    if (end == std::string_view::npos) end = source_.size();
    if (end > start && source_[end - 1] == '\r') --end;
    return static_cast<uint32_t>(end > start ? end - start : 1);
  }

  void SetEnd(int index, uint32_t line, uint32_t col) {
    out_[index].end_line = line;
    out_[index].end_col = col;
  }

  /// Pops up to and including the innermost `{`, ending the body it opens, if any.
  void CloseBrace(const Token& t) {
    size_t i = open_.size();
    while (i > 0 && open_[i - 1].ch != '{') --i;
    if (i == 0) return;  // stray `}`
    if (open_[i - 1].extent >= 0) SetEnd(open_[i - 1].extent, t.line, t.col);
    open_.resize(i - 1);
  }

  std::string_view source_;
  Lexer lex_;
  std::vector<Token> window_;  ///< tokens base_, base_ + 1, ...
  size_t base_ = 0;
  std::vector<Open> open_;
  std::vector<GoFuncExtent> out_;
};

}  // namespace

std::vector<GoFuncExtent> ScanGoFunctions(std::string_view source) { return Scanner(source).Run(); }

int InnermostExtent(const std::vector<GoFuncExtent>& extents, uint32_t line, uint32_t col) {
  // Extents are in order of their `func` keyword and nest, so the last one containing the
  // position is the innermost.
  for (size_t i = extents.size(); i-- > 0;) {
    const GoFuncExtent& e = extents[i];
    const bool after_start = line > e.func_line || (line == e.func_line && col >= e.func_col);
    const bool before_end = line < e.end_line || (line == e.end_line && col <= e.end_col);
    if (after_start && before_end) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace escviz
