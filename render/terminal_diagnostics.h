#pragma once
/// Diagnostics printed on a stream (standard error) in one format:
/// `escviz: error: build.log:1234: ...`, `escviz: warning: ...`, `escviz: note: ...`.
/// Every message goes through TerminalSafe, since it may quote log text.

#include <ostream>
#include <string_view>

#include "src/diagnostics.h"

namespace escviz {

class TerminalDiagnostics : public Diagnostics {
 public:
  /// `color` adds ANSI colour to the `error:`/`warning:`/`note:` words (only on a terminal,
  /// never with NO_COLOR; the caller decides).
  explicit TerminalDiagnostics(std::ostream* err, bool color = false) : err_(err), color_(color) {}

  /// The stream itself, for lines that continue a message (callers make them terminal-safe).
  std::ostream& stream() { return *err_; }

 protected:
  void Emit(Severity severity, std::string_view msg) override;

 private:
  std::ostream* err_;
  bool color_;
};

}  // namespace escviz
