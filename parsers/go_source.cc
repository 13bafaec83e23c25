// Function extents of Go source (parsers/go_source.h), found by a scanner over the tokens of
// parsers/go_lexer.h.
#include "parsers/go_source.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "parsers/go_lexer.h"

namespace escviz {
namespace {

using go_lexer::IsFunc;
using go_lexer::IsKeyword;
using go_lexer::Lexer;
using go_lexer::Token;
using go_lexer::TokKind;

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
    const size_t params_open = k;
    k = SkipBalanced(k);  // parameters
    const size_t params_end = k;
    bool body = false;
    size_t last = k - 1;
    k = SkipResult(k, &body, &last);
    if (name == 0 && (!body || type_only)) return k;  // a func type

    GoFuncExtent e;
    e.func_line = Tok(func).line;
    e.func_col = Tok(func).col;
    e.literal = name == 0;
    e.go_statement = e.literal && IsWord(func - 1, "go");
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
    if (recv_end != 0) {
      e.receiver = true;
      ParamNames(recv_open, recv_end, &e.params, nullptr);
      e.params += ',';
    }
    ParamNames(params_open, params_end, &e.params, &e.variadic);
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

  /// Appends to `*out` the names of the parameter list [open, end) (its `(` to just past its
  /// `)`), joined by ','. Go's lists either name every parameter (`a, b int, c string`: a group
  /// that starts with a name followed by a type) or none (`int, string`: `_` each). Sets
  /// `*variadic` when the last one's type is `...T`.
  void ParamNames(size_t open, size_t end, std::string* out, bool* variadic) {
    struct Group {
      size_t first = 0, count = 0;  ///< its first token and how many at depth 0
      bool dots = false;            ///< the token after the first is `...`
    };
    std::vector<Group> groups(1);
    int depth = 0;
    for (size_t k = open + 1; k + 1 < end; ++k) {
      const Token& t = Tok(k);
      if (t.kind == TokKind::kNewline) continue;
      const bool punct = t.kind == TokKind::kPunct && t.text.size() == 1;
      const char c = punct ? t.text[0] : 0;
      if (c == ')' || c == ']' || c == '}') --depth;
      const bool top = depth == 0;
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (!top) continue;
      if (c == ',') {
        groups.emplace_back();
        continue;
      }
      Group& g = groups.back();
      if (g.count == 0) g.first = k;
      if (g.count == 1 && t.text == "...") g.dots = true;
      ++g.count;
    }
    if (groups.back().count == 0) groups.pop_back();  // `(a int,)` or `()`
    // Named when a group is a name then a type: `a int`, `a ...int`, `a *T`, `a []T`; not
    // `pkg.T` (a name, `.`, a name: one qualified type).
    bool named = false;
    for (const Group& g : groups) {
      if (g.count >= 2 && IsName(g.first) && !IsPunct(g.first + 1, '.')) named = true;
    }
    for (size_t i = 0; i < groups.size(); ++i) {
      if (i > 0) *out += ',';
      *out += named && IsName(groups[i].first) ? std::string(Tok(groups[i].first).text) : "_";
    }
    if (variadic != nullptr && !groups.empty()) {
      const Group& last = groups.back();
      *variadic = named ? last.dots : (last.count > 0 && Tok(last.first).text == "...");
    }
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
  // Extents are in order of their `func` keyword and nest: the innermost one containing the
  // position is the last one starting at or before it, or the nearest of its parents that ends
  // at or after it.
  using Pos = std::pair<uint32_t, uint32_t>;
  const Pos at{line, col};
  auto after =
      std::upper_bound(extents.begin(), extents.end(), at, [](const Pos& p, const GoFuncExtent& e) {
        return p < Pos{e.func_line, e.func_col};
      });
  int i = static_cast<int>(after - extents.begin()) - 1;
  while (i >= 0 && Pos{extents[i].end_line, extents[i].end_col} < at) i = extents[i].parent;
  return i;
}

}  // namespace escviz
