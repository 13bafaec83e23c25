// Names declared in Go source (parsers/go_names.h), on the lexer of parsers/go_lexer.h.

#include "parsers/go_names.h"

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

class Scanner {
 public:
  explicit Scanner(std::string_view src) : t_(Tokens(src)) {}

  std::vector<GoNameDecl> Scan() {
    for (size_t i = 0; i < t_.size(); ++i) {
      const Token& k = t_[i];
      if (k.kind == TokKind::kPunct && k.text == ":" && i + 1 < t_.size() && Is(t_[i + 1], "=") &&
          t_[i + 1].line == k.line && t_[i + 1].col == k.col + 1) {
        ShortNames(i);
        continue;
      }
      if (k.kind != TokKind::kIdent) continue;
      const bool at_statement = i == 0 || EndsSpec(t_[i - 1]) || Is(t_[i - 1], "{") ||
                                Is(t_[i - 1], "}") || Is(t_[i - 1], ")");
      if (!at_statement) continue;
      GoNameDecl::What what;
      if (k.text == "type") {
        what = GoNameDecl::What::kType;
      } else if (k.text == "const") {
        what = GoNameDecl::What::kConst;
      } else if (k.text == "var") {
        what = GoNameDecl::What::kVar;
      } else {
        continue;
      }
      if (i + 1 < t_.size() && Is(t_[i + 1], "(")) {
        const size_t end = PastClosing(t_, i + 1, t_.size());
        size_t b = i + 2;
        while (b + 1 < end) {
          size_t e = SpecEnd(b, end - 1);
          Spec(what, b, e);
          b = e + 1;
        }
        i = end - 1;
      } else {
        const size_t e = SpecEnd(i + 1, t_.size());
        Spec(what, i + 1, e);
        i = e == i + 1 ? i : e - 1;
      }
    }
    return std::move(out_);
  }

 private:
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

  void Add(GoNameDecl::What what, const Token& name, std::string type) {
    out_.push_back(GoNameDecl{what, std::string(name.text), name.line, name.col, std::move(type)});
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
      Add(what, t_[b], Join(t_, ty, e));
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
    for (size_t n : names) Add(what, t_[n], type);
  }

  /// The names before `:=` at toks[colon]: `x`, `a, b`, `k, v` of a range.
  void ShortNames(size_t colon) {
    size_t i = colon;
    while (i > 0 && t_[i - 1].kind == TokKind::kIdent) {
      Add(GoNameDecl::What::kShort, t_[i - 1], {});
      if (i >= 2 && Is(t_[i - 2], ",")) {
        i -= 2;
      } else {
        break;
      }
    }
  }

  std::vector<Token> t_;
  std::vector<GoNameDecl> out_;
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

std::vector<GoNameDecl> ScanGoNames(std::string_view source) {
  return go_names::Scanner(source).Scan();
}

bool ZeroSizeType(std::string_view type, const std::function<bool(std::string_view)>& named) {
  std::vector<go_lexer::Token> t = go_names::Tokens(type);
  // Join() wrote newlines inside a type as `;`.
  return go_names::Zero(t, 0, t.size(), named);
}

}  // namespace escviz
