// Call expressions of `(call parameter)` notes taken apart (src/call_text.h).
#include "src/call_text.h"

#include <array>

#include "src/callee_index.h"
#include "src/str_util.h"

namespace escviz {
namespace {

std::string_view Trim(std::string_view s) { return TrimSpaces(s); }

/// `T(x)` -> `x` when `s` is a one-argument call whose callee has no space (a conversion or a
/// call); else empty.
std::string_view Unwrap(std::string_view s) {
  if (s.empty() || s.back() != ')') return {};
  CallText inner = ParseCall(s);
  if (inner.callee.empty() || inner.args.size() != 1) return {};
  return inner.args[0];
}

}  // namespace

CallText ParseCall(std::string_view expr) {
  CallText c;
  c.callee = CalleeSpan(expr);
  if (c.callee.empty()) return c;
  // The argument list: from the `(` after the callee to the last `)`.
  size_t open = static_cast<size_t>(c.callee.data() - expr.data()) + c.callee.size();
  std::string_view list = expr.substr(open + 1, expr.size() - open - 2);
  int depth = 0;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    const char ch = list[i];
    if (quoted) {
      if (ch == '\\')
        ++i;
      else if (ch == '"')
        quoted = false;
      continue;
    }
    if (ch == '"') quoted = true;
    if (ch == '(' || ch == '[' || ch == '{') ++depth;
    if (ch == ')' || ch == ']' || ch == '}') --depth;
    if (ch == ',' && depth == 0) {
      c.args.push_back(Trim(list.substr(start, i - start)));
      start = i + 1;
    }
  }
  std::string_view last = Trim(list.substr(start));
  if (!last.empty() || !c.args.empty()) c.args.push_back(last);
  // `(*T).M` and `pkg.T.M` (two dots outside brackets) are method expressions.
  if (c.callee.front() == '(') {
    c.method_expression = true;
  } else {
    int dots = 0, d = 0;
    // A compiler temporary's leading `.` (`.this.M`, `.autotmp_3.M`) is part of its name.
    const std::string_view callee =
        c.callee.front() == '.' ? c.callee.substr(1) : std::string_view(c.callee);
    for (char ch : callee) {
      if (ch == '[') ++d;
      if (ch == ']') --d;
      if (ch == '.' && d == 0) ++dots;
    }
    c.method_expression = dots >= 2;
  }
  return c;
}

bool IsDictionaryArgument(std::string_view arg) {
  return arg.substr(0, 7) == "&.dict." || arg.find("(.dict[") != std::string_view::npos;
}

int ArgumentIndex(const CallText& call, std::string_view arg) {
  int found = -1;
  for (size_t i = 0; i < call.args.size(); ++i) {
    std::string_view a = call.args[i];
    bool match = false;
    for (int unwrap = 0; unwrap < 4 && !a.empty(); ++unwrap) {
      if (a == arg || (a.size() == arg.size() + 3 && a.substr(0, arg.size()) == arg &&
                       a.substr(arg.size()) == "...")) {
        match = true;
        break;
      }
      a = Unwrap(a);
    }
    if (!match) continue;
    if (found >= 0) return -2;
    found = static_cast<int>(i);
  }
  return found;
}

bool IsBuiltinFunction(std::string_view name) {
  static constexpr std::array<std::string_view, 18> kBuiltins = {
      "append", "cap", "clear", "close", "complex", "copy",  "delete",  "imag", "len",
      "make",   "max", "min",   "new",   "panic",   "print", "println", "real", "recover"};
  for (std::string_view b : kBuiltins) {
    if (b == name) return true;
  }
  return false;
}

}  // namespace escviz
