#include "render/terminal_diagnostics.h"

#include "render/escape.h"

namespace escviz {

void TerminalDiagnostics::Emit(Severity severity, std::string_view msg) {
  std::string_view word = "note", color = "1;36";
  if (severity == Severity::kError) {
    word = "error";
    color = "1;31";
  } else if (severity == Severity::kWarning) {
    word = "warning";
    color = "1;35";
  }
  *err_ << "escviz: ";
  if (color_) {
    *err_ << "\x1b[" << color << "m" << word << ":\x1b[0m ";
  } else {
    *err_ << word << ": ";
  }
  *err_ << TerminalSafe(msg) << "\n";
}

}  // namespace escviz
