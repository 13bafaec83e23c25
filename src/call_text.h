#pragma once
/// A call expression as the compiler prints it in a `(call parameter)` note, taken apart: the
/// callee and the top-level arguments, and which argument a flow's value is. Static method calls
/// are printed as method expressions, the receiver first (`(*json.Decoder).Decode(dec, &u)`,
/// `http.Header.Set(h, k, v)`); a call printed `x.M(...)` is a package's function `x.M` or a
/// dynamic call (an interface method or a func-typed field); `f(...)` is a function of the
/// package, a builtin, or a func value.

#include <string_view>
#include <vector>

namespace escviz {

struct CallText {
  std::string_view callee;             ///< `writeJSON`, `(*T).M`, `fmt.Fprintln`; empty: no call
  std::vector<std::string_view> args;  ///< top-level arguments, trimmed
  bool method_expression = false;      ///< `(*T).M(recv, ...)` or `pkg.T.M(recv, ...)`
};

/// Takes `expr` apart (views into it); callee empty when it is not a call.
CallText ParseCall(std::string_view expr);

/// The index of the argument of `call` that the value `arg` is: an argument spelled `arg`, or
/// `arg...` (a slice handed on to a variadic parameter), or a conversion of it (`io.Writer(arg)`,
/// `T(U(arg))`); -1 when none is, -2 when several are (`f(x, x)`).
/// True for the dictionary a generic function's instance is passed first (`&.dict.F[int]`,
/// `(*[3]uintptr)(.dict[0])`): not an argument of the source's call.
bool IsDictionaryArgument(std::string_view arg);

int ArgumentIndex(const CallText& call, std::string_view arg);

/// True for the names of Go's builtin functions (`panic`, `append`, `copy`, ...).
bool IsBuiltinFunction(std::string_view name);

}  // namespace escviz
