#pragma once
/// Which heap verdicts allocate nothing at run time (issue 20, defect 5). The compiler's escape
/// analysis prints `X escapes to heap` for every value that flows to the heap, but for some the
/// back end never calls the allocator:
///
/// 1. **Constants** converted to an interface. The order pass gives a constant operand a
///    read-only static copy (`cmd/compile/internal/walk/order.go`, `addrTemp`: "if n is a
///    constant, make a static read-only copy"), and the interface's data word points at it. The
///    expression is a literal (`"sum"`, `42`, `-1.5`, `'x'`, `true`), a conversion of one
///    (`string("x")`, `(interface {})(string("x"))`, `int64(3)`), or, known from the Go source,
///    a conversion to a type of the package (`FormatError("bad")`, `syscall.Errno(22)`) or a
///    named constant (`errLine`).
/// 2. **Zero-size values.** `runtime.mallocgc` returns `&zerobase` for size 0 and never
///    allocates (`runtime/malloc.go`: "if size == 0 { return unsafe.Pointer(&zerobase) }"), and
///    converting a zero-size value to an interface uses `zerobase` too (`walk/convert.go`,
///    `dataWord`: "if fromType.Size() == 0 ... zerobase"). The expression is a composite literal,
///    `&` of one, or `new(T)`, of a zero-size type (`struct {}{}`, `[0]int{}`, or known from the
///    source `context.backgroundCtx{}`, `&noCopy{}`), or a variable declared with a zero-size
///    type (`binary.LittleEndian`; a local `var e [0]int`).
///
/// What the source says comes from a SourceFacts the parsers fill (parsers/allocation_facts.h);
/// without sources, only rule 1's literal forms and rule 2's literal types apply. Whatever is not
/// known to allocate nothing counts as an allocation: a wrong "no allocation" would hide a real
/// cost, a wrong "allocation" only shows one too many.

#include <string>
#include <string_view>

#include "src/model.h"

namespace escviz {

/// What the Go source says about names of the package a verdict is in, or of a package its
/// expression qualifies (`context.backgroundCtx{}`). Filled by the parsers.
class SourceFacts {
 public:
  virtual ~SourceFacts() = default;
  /// The name's kind in the package `qualifier` names as printed (empty: the verdict's own
  /// package; `context`, `syscall`: a package the log names by that last path element), as seen
  /// from the verdict's position (a local declaration before a package-level one).
  enum class Name { kUnknown, kType, kZeroSizeType, kConstant, kZeroSizeVariable };
  virtual Name Lookup(const Verdict& v, std::string_view qualifier, std::string_view name) = 0;
};

/// The question an expression leaves for the source, if any.
struct SourceQuestion {
  enum class Kind {
    kNone,         ///< decided without the source
    kConversion,   ///< `T(literal)`: constant if T is a type
    kName,         ///< `x`, `pkg.X`: a named constant, or a variable of a zero-size type
    kEmptyLiteral  ///< `T{}`, `&T{}`, `new(T)`: zero-size if T is
  };
  Kind kind = Kind::kNone;
  std::string_view qualifier;  ///< `context` of `context.backgroundCtx{}`, else empty
  std::string_view name;       ///< `backgroundCtx`, `Errno`, `x`
};

/// Decides from the expression alone: kConstant or kZeroSize when the printed expression shows
/// it, else kAllocates with `*question` (if given) saying what the source could still decide.
/// Only heap verdicts are classified: `moved to heap: x` can be zero-size only, never constant.
NoAlloc ClassifyByExpression(VerdictKind kind, std::string_view subject,
                             SourceQuestion* question = nullptr);

/// ClassifyByExpression, then the source's answer to its question.
NoAlloc ClassifyAllocation(const Verdict& v, std::string_view subject, SourceFacts* facts);

/// True for Go's predeclared type names (`int`, `string`, `error`, `any`, ...).
bool IsPredeclaredType(std::string_view name);

/// True if `expr` is a Go literal token as the compiler prints one: a string, raw string, rune,
/// integer, float or imaginary number (with `_` separators), or `true` / `false`.
bool IsLiteral(std::string_view expr);

/// True if `type`, as printed, has size 0 by its spelling alone: `struct {}`, `[0]T`, an array
/// of such.
bool IsZeroSizeTypeSpelling(std::string_view type);

}  // namespace escviz
