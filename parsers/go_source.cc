#include "parsers/go_source.h"

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

bool IsIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsIdentChar(unsigned char c) { return IsIdentStart(c) || IsDigit(c); }

/// Splits Go source into tokens, skipping comments, and strings, raw strings and runes as single
/// literal tokens. Ends with a kEof token positioned just past the end of text.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> Run() {
    std::vector<Token> out;
    const size_t n = s_.size();
    while (i_ < n) {
      const unsigned char c = s_[i_];
      const size_t start = i_;
      const uint32_t line = line_, col = Col(i_);
      if (c == '\n') {
        out.push_back({TokKind::kNewline, s_.substr(i_, 1), line, col});
        NewLine(++i_);
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '/' && i_ + 1 < n && s_[i_ + 1] == '/') {
        while (i_ < n && s_[i_] != '\n') ++i_;
      } else if (c == '/' && i_ + 1 < n && s_[i_ + 1] == '*') {
        bool multiline = false;
        i_ += 2;
        while (i_ < n && !(s_[i_] == '*' && i_ + 1 < n && s_[i_ + 1] == '/')) {
          if (s_[i_++] == '\n') {
            multiline = true;
            NewLine(i_);
          }
        }
        i_ = i_ < n ? i_ + 2 : n;
        if (multiline) out.push_back({TokKind::kNewline, s_.substr(start, 2), line, col});
      } else if (c == '"' || c == '\'') {
        // Interpreted string or rune; a newline (invalid here) ends it to limit the damage.
        ++i_;
        while (i_ < n && s_[i_] != c && s_[i_] != '\n') {
          i_ += (s_[i_] == '\\' && i_ + 1 < n && s_[i_ + 1] != '\n') ? 2 : 1;
        }
        if (i_ < n && s_[i_] == c) ++i_;
        out.push_back({TokKind::kLiteral, s_.substr(start, i_ - start), line, col});
      } else if (c == '`') {
        ++i_;
        while (i_ < n && s_[i_] != '`') {
          if (s_[i_++] == '\n') NewLine(i_);
        }
        if (i_ < n) ++i_;
        out.push_back({TokKind::kLiteral, s_.substr(start, i_ - start), line, col});
      } else if (IsIdentStart(c)) {
        while (i_ < n && IsIdentChar(s_[i_])) ++i_;
        out.push_back({TokKind::kIdent, s_.substr(start, i_ - start), line, col});
      } else if (IsDigit(c) || (c == '.' && i_ + 1 < n && IsDigit(s_[i_ + 1]))) {
        while (i_ < n && (IsIdentChar(s_[i_]) || s_[i_] == '.')) {
          const unsigned char d = s_[i_++];
          const bool exp = d == 'e' || d == 'E' || d == 'p' || d == 'P';
          if (exp && i_ < n && (s_[i_] == '+' || s_[i_] == '-')) ++i_;  // 1e-9, 0x1p+3
        }
        out.push_back({TokKind::kLiteral, s_.substr(start, i_ - start), line, col});
      } else {
        size_t len = 1;
        if (s_.compare(i_, 2, "<-") == 0) len = 2;
        if (s_.compare(i_, 3, "...") == 0) len = 3;
        i_ += len;
        out.push_back({TokKind::kPunct, s_.substr(start, len), line, col});
      }
    }
    out.push_back({TokKind::kEof, {}, line_, Col(n)});
    return out;
  }

 private:
  uint32_t Col(size_t i) const { return static_cast<uint32_t>(i - line_start_ + 1); }
  void NewLine(size_t next) {
    ++line_;
    line_start_ = next;
  }

  std::string_view s_;
  size_t i_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
};

bool IsKeyword(std::string_view w) {
  static const char* const kKeywords[] = {
      "break",  "case",        "chan", "const",   "continue", "default", "defer",
      "else",   "fallthrough", "for",  "func",    "go",       "goto",    "if",
      "import", "interface",   "map",  "package", "range",    "return",  "select",
      "struct", "switch",      "type", "var"};
  for (const char* k : kKeywords) {
    if (w == k) return true;
  }
  return false;
}

/// Finds function extents in a token stream.
class Scanner {
 public:
  Scanner(std::string_view source, std::vector<Token> toks)
      : source_(source), toks_(std::move(toks)) {}

  std::vector<GoFuncExtent> Run() {
    size_t k = 0;
    while (toks_[k].kind != TokKind::kEof) {
      const Token& t = toks_[k];
      if (t.kind == TokKind::kIdent && t.text == "func") {
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
    for (const Open& o : open_) {
      if (o.extent >= 0) SetEnd(o.extent, toks_[k].line, toks_[k].col);
    }
    return std::move(out_);
  }

 private:
  struct Open {
    char ch;     ///< '(', '[' or '{'
    int extent;  ///< the extent whose body this brace opens, or -1
  };

  bool IsPunct(size_t k, char c) const {
    return toks_[k].kind == TokKind::kPunct && toks_[k].text.size() == 1 && toks_[k].text[0] == c;
  }
  bool IsOpener(size_t k) const { return IsPunct(k, '(') || IsPunct(k, '[') || IsPunct(k, '{'); }
  bool IsCloser(size_t k) const { return IsPunct(k, ')') || IsPunct(k, ']') || IsPunct(k, '}'); }
  bool IsWord(size_t k, std::string_view w) const {
    return toks_[k].kind == TokKind::kIdent && toks_[k].text == w;
  }
  bool IsName(size_t k) const {
    return toks_[k].kind == TokKind::kIdent && !IsKeyword(toks_[k].text);
  }

  /// Given an opening bracket at `k`, the index just past its matching closer (or of kEof).
  size_t SkipBalanced(size_t k) const {
    int depth = 0;
    for (; toks_[k].kind != TokKind::kEof; ++k) {
      if (IsOpener(k)) {
        ++depth;
      } else if (IsCloser(k) && --depth == 0) {
        return k + 1;
      }
    }
    return k;
  }

  /// Skips a result type starting at `k` (just after the parameter list). Returns the index of
  /// the body's `{` with *body set, or of the token that ends the signature. *last is the last
  /// token of the signature.
  size_t SkipResult(size_t k, bool* body, size_t* last) const {
    *body = false;
    for (;;) {
      const Token& t = toks_[k];
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
    const bool stmt_start =
        func == 0 || toks_[func - 1].kind == TokKind::kNewline || IsPunct(func - 1, ';');
    // Before a `func` type's element position (`[]func()`, `map[K]func()`, `chan func()`), a
    // following `{` opens a composite literal, not a body.
    const bool type_only = func > 0 && (IsPunct(func - 1, ']') || IsWord(func - 1, "chan"));
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
    e.func_line = toks_[func].line;
    e.func_col = toks_[func].col;
    e.literal = name == 0;
    e.decl_line = e.func_line;
    e.decl_col = e.func_col;
    if (name != 0) {
      e.name_line = toks_[name].line;
      e.name_col = toks_[name].col;
      e.name = DeclName(recv_open, recv_end, toks_[name].text);
      const Token& decl = toks_[recv_end != 0 ? recv_open : name];
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
      SetEnd(index, toks_[last].line, LineEndCol(toks_[last]));
      return k;
    }
    open_.push_back({'{', index});
    return k + 1;
  }

  /// `M`, `T.M` or `(*T).M` from the receiver tokens [open, end) and the method name.
  std::string DeclName(size_t open, size_t end, std::string_view method) const {
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
        type = toks_[k].text;
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
  std::vector<Token> toks_;
  std::vector<Open> open_;
  std::vector<GoFuncExtent> out_;
};

}  // namespace

std::vector<GoFuncExtent> ScanGoFunctions(std::string_view source) {
  return Scanner(source, Lexer(source).Run()).Run();
}

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
