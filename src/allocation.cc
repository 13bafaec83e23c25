// Heap verdicts that allocate nothing (src/allocation.h): the rules on printed expressions.

#include "src/allocation.h"

#include <cctype>

#include "src/str_util.h"

namespace escviz {
namespace {

bool IsIdentChar(char c) { return IsGoIdentChar(c); }

/// A Go identifier (letters, digits, `_`, any UTF-8 byte; not starting with a digit).
bool IsIdent(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

/// `name` or `pkg.name`: splits into qualifier and name; false for anything else.
bool SplitQualified(std::string_view s, std::string_view* qualifier, std::string_view* name) {
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos) {
    *qualifier = {};
    *name = s;
    return IsIdent(s);
  }
  *qualifier = s.substr(0, dot);
  *name = s.substr(dot + 1);
  return IsIdent(*qualifier) && IsIdent(*name);
}

/// The index of the `)` or `]` that closes the bracket at s[open], or npos.
size_t Closing(std::string_view s, size_t open) {
  return WalkCode(s, open, [&](size_t i, int depth) {
    const char c = s[i];
    return depth == 0 && (c == ')' || c == ']' || c == '}');
  });
}

/// Types whose conversion of a constant is a constant, known without the source.
bool IsBuiltinType(std::string_view t) {
  return (IsPredeclaredType(t) && t != "error") || t == "interface {}";
}

bool IsNumber(std::string_view s) {
  if (s.empty()) return false;
  if (!std::isdigit(static_cast<unsigned char>(s[0])) &&
      !(s[0] == '.' && s.size() > 1 && std::isdigit(static_cast<unsigned char>(s[1])))) {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool sign_after_exponent =
        (c == '+' || c == '-') && i > 0 && std::strchr("eEpP", s[i - 1]) != nullptr;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' &&
        !sign_after_exponent) {
      return false;
    }
  }
  return true;
}

bool IsQuoted(std::string_view s, char q) {
  if (s.size() < 2 || s.front() != q || s.back() != q) return false;
  if (q == '`') return s.find('`', 1) == s.size() - 1;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == q) {
      return false;
    }
  }
  // The last quote must not be escaped: count the backslashes before it.
  size_t k = s.size() - 1, backslashes = 0;
  while (k > 1 && s[k - 1] == '\\') --k, ++backslashes;
  return backslashes % 2 == 0;
}

/// `X` without parentheses that enclose all of it.
std::string_view Unparen(std::string_view s) {
  s = TrimSpaces(s);
  while (s.size() >= 2 && s.front() == '(' && Closing(s, 0) == s.size() - 1) {
    s = TrimSpaces(s.substr(1, s.size() - 2));
  }
  return s;
}

/// `T(X)`: splits into T and X (the outermost call form); false otherwise. `(interface {})(X)`
/// gives `interface {}`.
bool SplitConversion(std::string_view s, std::string_view* type, std::string_view* arg) {
  if (s.empty() || s.back() != ')') return false;
  size_t open;
  if (s.front() == '(') {
    const size_t close = Closing(s, 0);
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != '(') {
      return false;
    }
    *type = TrimSpaces(s.substr(1, close - 1));
    open = close + 1;
  } else {
    open = s.find('(');
    if (open == std::string_view::npos || open == 0) return false;
    *type = TrimSpaces(s.substr(0, open));
  }
  if (Closing(s, open) != s.size() - 1) return false;
  *arg = s.substr(open + 1, s.size() - open - 2);
  return true;
}

enum class Const { kNo, kYes, kIfType };

/// Whether `s` is a constant by its spelling; kIfType for `T(constant)` with T a name the
/// source must tell is a type (`*type` set).
Const ConstantSpelling(std::string_view s, std::string_view* type) {
  s = Unparen(s);
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s = TrimSpaces(s.substr(1));
  if (IsLiteral(s)) return Const::kYes;
  std::string_view t, arg;
  if (!SplitConversion(s, &t, &arg)) return Const::kNo;
  std::string_view inner_type;
  const Const inner = ConstantSpelling(arg, &inner_type);
  if (inner != Const::kYes) return Const::kNo;
  if (IsBuiltinType(t)) return Const::kYes;
  std::string_view q, n;
  if (!SplitQualified(t, &q, &n)) return Const::kNo;
  *type = t;
  return Const::kIfType;
}

}  // namespace

bool IsPredeclaredType(std::string_view t) {
  static constexpr std::string_view kTypes[] = {
      "bool",    "byte",    "rune",      "int",        "int8",   "int16",  "int32",
      "int64",   "uint",    "uint8",     "uint16",     "uint32", "uint64", "uintptr",
      "float32", "float64", "complex64", "complex128", "string", "error",  "any"};
  for (std::string_view k : kTypes) {
    if (t == k) return true;
  }
  return false;
}

bool IsLiteral(std::string_view s) {
  s = TrimSpaces(s);
  if (s == "true" || s == "false") return true;
  if (IsQuoted(s, '"') || IsQuoted(s, '`') || IsQuoted(s, '\'')) return true;
  // A long string literal the compiler cut: `"reflect.TypeAssert: cannot return value obt...`
  // (an opening quote, no closing one, `...` at the end).
  if (s.size() > 4 && s.front() == '"' && EndsWith(s, "...") &&
      IsQuoted(std::string(s.substr(0, s.size() - 3)) + '"', '"')) {
    return true;
  }
  return IsNumber(s);
}

bool IsZeroSizeTypeSpelling(std::string_view t) {
  t = TrimSpaces(t);
  if (t == "struct {}" || t == "struct{}") return true;
  if (StartsWith(t, "[0]")) return true;
  if (t.size() > 2 && t[0] == '[') {
    const size_t close = t.find(']');
    if (close == std::string_view::npos) return false;
    return IsNumber(t.substr(1, close - 1)) && IsZeroSizeTypeSpelling(t.substr(close + 1));
  }
  return false;
}

NoAlloc ClassifyByExpression(VerdictKind kind, std::string_view subject, SourceQuestion* question) {
  SourceQuestion q;
  NoAlloc r = NoAlloc::kAllocates;
  const std::string_view s = Unparen(subject);
  if (kind == VerdictKind::kEscapesToHeap) {
    std::string_view type;
    switch (ConstantSpelling(s, &type)) {
      case Const::kYes:
        r = NoAlloc::kConstant;
        break;
      case Const::kIfType:
        q.kind = SourceQuestion::Kind::kConversion;
        SplitQualified(type, &q.qualifier, &q.name);
        break;
      case Const::kNo:
        break;
    }
  }
  if (r == NoAlloc::kAllocates && q.kind == SourceQuestion::Kind::kNone && IsHeap(kind)) {
    std::string_view lit = s;
    if (StartsWith(lit, "&")) lit = TrimSpaces(lit.substr(1));
    std::string_view type;
    if (EndsWith(lit, "{}") && lit.size() > 2) {
      type = TrimSpaces(lit.substr(0, lit.size() - 2));
    } else if (StartsWith(lit, "new(") && EndsWith(lit, ")")) {
      type = TrimSpaces(lit.substr(4, lit.size() - 5));
    }
    if (!type.empty()) {
      if (IsZeroSizeTypeSpelling(type)) {
        r = NoAlloc::kZeroSize;
      } else if (SplitQualified(type, &q.qualifier, &q.name)) {
        q.kind = SourceQuestion::Kind::kEmptyLiteral;
      }
    } else if (SplitQualified(s, &q.qualifier, &q.name)) {
      q.kind = SourceQuestion::Kind::kName;  // a variable (moved or converted), or a constant
    }
  }
  if (r != NoAlloc::kAllocates) q = SourceQuestion{};
  if (question != nullptr) *question = q;
  return r;
}

NoAlloc ClassifyAllocation(const Verdict& v, std::string_view subject, SourceFacts* facts) {
  SourceQuestion q;
  const NoAlloc r = ClassifyByExpression(v.kind, subject, &q);
  if (r != NoAlloc::kAllocates || facts == nullptr || q.kind == SourceQuestion::Kind::kNone) {
    return r;
  }
  using Name = SourceFacts::Name;
  const Name n = facts->Lookup(v, q.qualifier, q.name);
  switch (q.kind) {
    case SourceQuestion::Kind::kConversion:
      return n == Name::kType || n == Name::kZeroSizeType ? NoAlloc::kConstant
                                                          : NoAlloc::kAllocates;
    case SourceQuestion::Kind::kName:
      if (n == Name::kZeroSizeVariable) return NoAlloc::kZeroSize;
      return n == Name::kConstant && v.kind == VerdictKind::kEscapesToHeap ? NoAlloc::kConstant
                                                                           : NoAlloc::kAllocates;
    case SourceQuestion::Kind::kEmptyLiteral:
      return n == Name::kZeroSizeType ? NoAlloc::kZeroSize : NoAlloc::kAllocates;
    case SourceQuestion::Kind::kNone:
      break;
  }
  return NoAlloc::kAllocates;
}

}  // namespace escviz
