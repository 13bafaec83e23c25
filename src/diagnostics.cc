#include "src/diagnostics.h"

#include "render/escape.h"

namespace escviz {

void Diagnostics::Print(std::string_view word, std::string_view color, std::string_view msg) {
  *err_ << "escviz: ";
  if (color_) {
    *err_ << "\x1b[" << color << "m" << word << ":\x1b[0m ";
  } else {
    *err_ << word << ": ";
  }
  *err_ << TerminalSafe(msg) << "\n";
}

void Diagnostics::Error(std::string_view msg) {
  ++errors_;
  Print("error", "1;31", msg);
}
void Diagnostics::Warning(std::string_view msg) { Print("warning", "1;35", msg); }
void Diagnostics::Note(std::string_view msg) { Print("note", "1;36", msg); }

std::string Where(std::string_view input, uint64_t line) {
  return std::string(input) + ":" + std::to_string(line);
}

}  // namespace escviz
