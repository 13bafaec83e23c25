#pragma once
/// The line grammar: turns one line of compiler output into a LineKind and its fields.
/// Pure and stateless across lines (the builder keeps the state), so every form can be tested
/// from a string. Forms and their sources: go-diagnostics.md sections 2-8 and 10.

#include <memory>
#include <string_view>

#include "src/line_kind.h"
#include "src/position.h"

namespace escviz {

/// Fields of one classified line. Views point into the line. Which fields are set depends on
/// the kind; unused ones stay empty/zero.
struct ParsedLine {
  LineKind kind = LineKind::kUnrecognized;
  bool has_pos = false;
  PosText pos;
  /// Subject: the expression or variable of a verdict or header (`x`, `&T{...}`, `... argument`);
  /// the function of inlining lines, `capturing` and self-assignment lines; the package of a
  /// package header; the destination of a flow step; the expression of a from note.
  std::string_view subject;
  /// Second field: leak destination (`{heap}`, `~r0`) for leak headers; result for
  /// leaking_param_to_result; source for flow; captured variable for capturing; the test variant
  /// (`p.test`) of a package header; the reason for cannot_inline; the body after `as: ` of
  /// can_inline; the text after the callee of inlining_call (Go <= 1.17 -m=2 prints its
  /// signature and body there) unless it is ` with score N`; the variables of live_at_* lines
  /// (`a b .autotmp_3`); the type of stack_object.
  std::string_view object;
  /// `FUNC` of Go 1.26 ` in FUNC` / ` for FUNC` headers; the caller for cannot_inline_into.
  std::string_view func;
  /// Reason of a from note (`address-of`), `ref`/`value` for capturing, `...` for
  /// `marking P as escaping ...uintptr`.
  std::string_view reason;
  PosText note_pos;  ///< ` at POS2` of a from note
  int number = 0;    ///< derefs (headers, flow: -1 for `&`), level, cost, score
  /// True when the line printed `number` (a rule's number group matched): tells `can inline F`
  /// from `can inline F with cost 0 as: ...`, and `inlining call to F with score N` from the rest.
  bool number_printed = false;
};

/// Classifies lines. Compiles its RE2 patterns once; `Classify` is const and thread-safe.
class Classifier {
 public:
  /// With `frequent_forms` false, every message goes through the RE2 rules, not the
  /// hand-written parsers of parsers/message_forms.h (tests compare the two).
  explicit Classifier(bool frequent_forms = true);
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  /// Classifies `line` (without its line terminator).
  ParsedLine Classify(std::string_view line) const;

 private:
  struct Patterns;
  std::unique_ptr<Patterns> p_;
  bool frequent_forms_;
};

/// Splits a flow body `DST = OPSSRC` (or `←`) after the `flow: ` prefix and before the final
/// ':'. DST may be `{storage for EXPR}` with nested braces. Exposed for tests.
bool ParseFlowBody(std::string_view body, std::string_view* dst, std::string_view* src,
                   int* derefs);

}  // namespace escviz
