// Names declared in Go source (parsers/go_names.h), on the lexer of parsers/go_lexer.h.

#include "parsers/go_names.h"

#include <algorithm>
#include <cstring>

#include "parsers/go_lexer.h"
#include "src/allocation.h"

namespace escviz {
namespace go_names {  // named, not anonymous: a unity build joins this file with others

using go_lexer::Lexer;
using go_lexer::Token;
using go_lexer::TokKind;

bool Is(const Token& t, std::string_view text) {
  return t.kind != TokKind::kLiteral && t.text == text;
}
bool Opens(const Token& t) {
  return t.kind == TokKind::kPunct && (t.text == "(" || t.text == "[" || t.text == "{");
}
bool Closes(const Token& t) {
  return t.kind == TokKind::kPunct && (t.text == ")" || t.text == "]" || t.text == "}");
}
/// A spec ends at a newline or `;` outside brackets.
bool EndsSpec(const Token& t) { return t.kind == TokKind::kNewline || Is(t, ";"); }

std::vector<Token> Tokens(std::string_view src) {
  std::vector<Token> out;
  Lexer lx(src);
  for (Token t = lx.Next(); t.kind != TokKind::kEof; t = lx.Next()) out.push_back(t);
  return out;
}

/// The index just past the bracket that closes toks[open], or toks.size().
size_t PastClosing(const std::vector<Token>& toks, size_t open, size_t end) {
  int depth = 0;
  for (size_t i = open; i < end; ++i) {
    if (Opens(toks[i])) ++depth;
    if (Closes(toks[i]) && --depth == 0) return i + 1;
  }
  return end;
}

/// Joins toks[b, e) by spaces, a newline as `;`.
std::string Join(const std::vector<Token>& toks, size_t b, size_t e) {
  std::string s;
  for (size_t i = b; i < e; ++i) {
    if (!s.empty()) s += ' ';
    if (toks[i].kind == TokKind::kNewline) {
      s += ';';
    } else {
      s.append(toks[i].text);
    }
  }
  return s;
}

/// Bytes the scanner never stops at: all but the first letters of `type`, `const` and `var`,
/// `:` (of `:=`), braces, quotes, `/` and newline (`declarations`); or, inside a function body
/// when only package-level names are wanted, all but braces, quotes, `/` and newline. A run of
/// them holds no token the scanner acts on, no string or comment, and no line end, so it is
/// skipped without lexing it.
struct NamesTable {
  bool dull[256] = {};
  explicit constexpr NamesTable(bool declarations) {
    for (int i = 0; i < 256; ++i) dull[i] = true;
    for (char b : {'{', '}', '"', '\'', '`', '/', '\n'})
      dull[static_cast<unsigned char>(b)] = false;
    if (!declarations) return;
    for (char b : {'t', 'c', 'v', ':'}) dull[static_cast<unsigned char>(b)] = false;
  }
};
inline constexpr NamesTable kNames{true};
inline constexpr NamesTable kInBody{false};

/// One pass over the text: the declarations' tokens are lexed where a `type`, `const` or `var`
/// keyword begins one (Declaration), and the scan goes on after the keyword, so that a function
/// literal inside a declaration is scanned as well.
class Scanner {
 public:
  Scanner(std::string_view src, bool package_level_only)
      : s_(src), package_level_only_(package_level_only) {}

  GoFileNames Scan() {
    const char* const s = s_.data();
    const size_t n = s_.size();
    go_lexer::Cursor c;  // at the start of a line: its number and offset are exact
    uint32_t depth = 0;  // of braces
    size_t i = 0;
    auto word = [&](size_t at, std::string_view w) {
      return n - at >= w.size() && std::memcmp(s + at, w.data(), w.size()) == 0 &&
             (at + w.size() == n || !go_lexer::IsIdentChar(s[at + w.size()]));
    };
    while (i < n) {
      const bool(&dull)[256] = package_level_only_ && depth > 0 ? kInBody.dull : kNames.dull;
      while (i < n && dull[static_cast<unsigned char>(s[i])]) ++i;
      if (i >= n) break;
      const char b = s[i];
      if (b == '\n') {
        c.line_start = ++i;
        ++c.line;
      } else if (b == '{') {
        ++depth;
        ++i;
      } else if (b == '}') {
        depth -= depth > 0 ? 1 : 0;
        ++i;
      } else if (b == ':') {
        if (i + 1 < n && s[i + 1] == '=') ShortNames(i, c.line, c.line_start);
        ++i;
      } else if (b == '/' || b == '"' || b == '\'' || b == '`') {
        // A comment, string, rune or division: lexed, so that what it holds is skipped. After a
        // comment on one line Lex() goes on to the next token: the scan resumes at its start.
        c.i = i;
        const Token t = go_lexer::Lex(s_, &c);
        const size_t start = static_cast<size_t>(t.text.data() - s);
        if (start == i) {
          i = c.i;
        } else {
          i = start;
          c.line = t.line;
          c.line_start = start - (t.col - 1);
        }
      } else if (i > 0 && go_lexer::IsIdentChar(s[i - 1])) {
        ++i;  // within a word (`start`, `0x1c`)
      } else {
        GoNameDecl::What what;
        size_t len = 0;
        if (word(i, "type")) {
          what = GoNameDecl::What::kType;
          len = 4;
        } else if (word(i, "const")) {
          what = GoNameDecl::What::kConst;
          len = 5;
        } else if (word(i, "var")) {
          what = GoNameDecl::What::kVar;
          len = 3;
        }
        if (len == 0 || (what == GoNameDecl::What::kType && AfterParen(i))) {  // `x.(type)`
          while (i < n && go_lexer::IsIdentChar(s[i])) ++i;
          continue;
        }
        const Token keyword{TokKind::kIdent, s_.substr(i, len), c.line,
                            static_cast<uint32_t>(i - c.line_start + 1)};
        i += len;
        Declaration(what, keyword, go_lexer::Cursor{i, c.line, c.line_start}, depth == 0);
      }
    }
    // A declaration's names come before the function literals inside it.
    auto before = [](const GoNameDecl& x, const GoNameDecl& y) {
      return x.line != y.line ? x.line < y.line : x.col < y.col;
    };
    if (!std::is_sorted(out_.decls.begin(), out_.decls.end(), before)) {
      std::stable_sort(out_.decls.begin(), out_.decls.end(), before);
    }
    out_.build_constraint = HasBuildConstraint(s_);
    out_.package_level_only = package_level_only_;
    return std::move(out_);
  }

 private:
  /// True if the byte before offset i (blanks skipped) is `(`.
  bool AfterParen(size_t i) const {
    while (i > 0 && (s_[i - 1] == ' ' || s_[i - 1] == '\t')) --i;
    return i > 0 && s_[i - 1] == '(';
  }

  /// True if a `//go:build` or `// +build` line comes before the package clause.
  static bool HasBuildConstraint(std::string_view text) {
    const size_t package = text.substr(0, 8) == "package " ? 0 : text.find("\npackage ");
    const std::string_view head = text.substr(0, package);
    return head.find("//go:build") != std::string_view::npos ||
           head.find("// +build") != std::string_view::npos;
  }

  /// The declaration that `keyword` begins (its tokens are lexed from `after`): a group
  /// `( ... )` of specs, or one spec up to a newline or `;` outside brackets.
  void Declaration(GoNameDecl::What what, const Token& keyword, go_lexer::Cursor after,
                   bool package_level) {
    t_.clear();
    t_.push_back(keyword);
    int depth = 0;
    bool group = false;
    bool value = false;  // in a var or const spec's `= values`, which Spec() does not read
    for (Token x = go_lexer::Lex(s_, &after); x.kind != TokKind::kEof;
         x = go_lexer::Lex(s_, &after)) {
      if (t_.size() == 1 && Is(x, "(")) group = true;
      if (!group && depth == 0 && (EndsSpec(x) || Closes(x))) break;
      const bool spec_level = depth == (group ? 1 : 0);
      if (spec_level && what != GoNameDecl::What::kType && Is(x, "=")) {
        if (!group) break;
        value = true;
      }
      if (spec_level && EndsSpec(x)) value = false;
      if (Opens(x)) ++depth;
      const bool closed = Closes(x) && --depth == 0;
      if (!value || closed) t_.push_back(x);
      if (closed && group) break;
    }
    package_level_ = package_level;
    if (t_.size() > 1 && Is(t_[1], "(")) {
      const size_t end = PastClosing(t_, 1, t_.size());
      size_t b = 2;
      while (b + 1 < end) {
        size_t e = SpecEnd(b, end - 1);
        Spec(what, b, e);
        b = e + 1;
      }
    } else {
      Spec(what, 1, t_.size());
    }
  }

  /// The end of the spec that starts at b: the first newline or `;` outside brackets.
  size_t SpecEnd(size_t b, size_t end) const {
    int depth = 0;
    for (size_t i = b; i < end; ++i) {
      if (Opens(t_[i])) ++depth;
      if (Closes(t_[i])) {
        if (depth == 0) return i;  // a group's closing `)` seen early: malformed
        --depth;
      }
      if (depth == 0 && EndsSpec(t_[i])) return i;
    }
    return end;
  }

  void Add(GoNameDecl::What what, std::string_view name, uint32_t line, uint32_t col,
           std::string type, bool package_level) {
    out_.decls.push_back(
        GoNameDecl{what, std::string(name), line, col, std::move(type), package_level});
  }

  /// One spec toks[b, e) of a `type`, `const` or `var` declaration.
  void Spec(GoNameDecl::What what, size_t b, size_t e) {
    if (b >= e || t_[b].kind != TokKind::kIdent) return;
    if (what == GoNameDecl::What::kType) {
      size_t ty = b + 1;
      // Type parameters: `T[P any]`, not an array type `T [0]int` (`[` then a literal or `]`).
      if (ty + 2 < e && Is(t_[ty], "[") && t_[ty + 1].kind == TokKind::kIdent &&
          !Is(t_[ty + 2], "]")) {
        ty = PastClosing(t_, ty, e);
      }
      if (ty < e && Is(t_[ty], "=")) ++ty;  // an alias
      Add(what, t_[b].text, t_[b].line, t_[b].col, Join(t_, ty, e), package_level_);
      return;
    }
    // Names: `a, b, c`, then a type and/or `= values`.
    size_t i = b;
    std::vector<size_t> names;
    while (i < e && t_[i].kind == TokKind::kIdent) {
      names.push_back(i++);
      if (i < e && Is(t_[i], ",")) {
        ++i;
      } else {
        break;
      }
    }
    size_t ty_end = i;
    while (ty_end < e && !Is(t_[ty_end], "=")) {
      ty_end = Opens(t_[ty_end]) ? PastClosing(t_, ty_end, e) : ty_end + 1;
    }
    const std::string type = what == GoNameDecl::What::kVar ? Join(t_, i, ty_end) : std::string();
    for (size_t k : names) Add(what, t_[k].text, t_[k].line, t_[k].col, type, package_level_);
  }

  /// The names before the `:=` whose `:` is at offset i, on its line `line` (which starts at
  /// offset line_start): `x`, `a, b`, `k, v` of a range.
  void ShortNames(size_t i, uint32_t line, size_t line_start) {
    for (;;) {
      while (i > line_start && (s_[i - 1] == ' ' || s_[i - 1] == '\t')) --i;
      const size_t end = i;
      while (i > line_start && go_lexer::IsIdentChar(s_[i - 1])) --i;
      if (i == end || !go_lexer::IsIdentStart(s_[i])) return;
      Add(GoNameDecl::What::kShort, s_.substr(i, end - i), line,
          static_cast<uint32_t>(i - line_start + 1), {}, false);
      while (i > line_start && (s_[i - 1] == ' ' || s_[i - 1] == '\t')) --i;
      if (i == line_start || s_[i - 1] != ',') return;
      --i;
    }
  }

  std::string_view s_;
  bool package_level_only_;
  std::vector<Token> t_;  ///< the tokens of the declaration being read
  bool package_level_ = false;
  GoFileNames out_;
};

bool Zero(const std::vector<Token>& t, size_t b, size_t e,
          const std::function<bool(std::string_view)>& named) {
  if (b >= e) return false;
  const Token& k = t[b];
  if (Is(k, "(") && PastClosing(t, b, e) == e) return Zero(t, b + 1, e - 1, named);
  if (Is(k, "struct")) {
    if (b + 1 >= e || !Is(t[b + 1], "{") || PastClosing(t, b + 1, e) != e) return false;
    size_t f = b + 2;
    const size_t body_end = e - 1;
    while (f < body_end) {
      // One field line: up to `;` or a newline outside brackets.
      size_t fe = f;
      int depth = 0;
      for (; fe < body_end; ++fe) {
        if (Opens(t[fe])) ++depth;
        if (Closes(t[fe])) --depth;
        if (depth == 0 && (Is(t[fe], ";") || t[fe].kind == TokKind::kNewline)) break;
      }
      size_t te = fe;
      if (te > f && t[te - 1].kind == TokKind::kLiteral && te - 1 > f) --te;  // a tag
      if (te > f) {
        size_t tb = f;
        if (t[f].kind == TokKind::kIdent && te - f >= 2 && Is(t[f + 1], ",")) {
          while (tb + 1 < te && t[tb].kind == TokKind::kIdent && Is(t[tb + 1], ",")) tb += 2;
          ++tb;  // past the last name
        } else if (t[f].kind == TokKind::kIdent && te - f >= 2 && !Is(t[f + 1], ".")) {
          tb = f + 1;  // `name T`
        }              // else embedded: `T`, `pkg.T`, `*T`
        if (!Zero(t, tb, te, named)) return false;
      }
      f = fe + 1;
    }
    return true;
  }
  if (Is(k, "[")) {
    const size_t close = PastClosing(t, b, e);
    if (close != b + 3 || t[b + 1].kind != TokKind::kLiteral) return false;
    if (t[b + 1].text == "0") return close < e;
    const std::string_view n = t[b + 1].text;
    for (char c : n) {
      if (c < '0' || c > '9') return false;
    }
    return Zero(t, close, e, named);
  }
  if (k.kind == TokKind::kIdent && e - b == 1) return !IsPredeclaredType(k.text) && named(k.text);
  return false;
}

}  // namespace go_names

GoFileNames ScanGoNames(std::string_view source, bool package_level_only) {
  return go_names::Scanner(source, package_level_only).Scan();
}

bool ZeroSizeType(std::string_view type, const std::function<bool(std::string_view)>& named) {
  std::vector<go_lexer::Token> t = go_names::Tokens(type);
  // Join() wrote newlines inside a type as `;`.
  return go_names::Zero(t, 0, t.size(), named);
}

}  // namespace escviz
