#pragma once
/// Messages to the user (errors, warnings, notes) as the layers below the commands raise them.
/// Boundary: what a message says belongs to the layer that raises it, so the sink lives here at
/// the bottom; how it is shown (terminal-safe text, colour) is render/terminal_diagnostics.h's.

#include <cstdint>
#include <string>
#include <string_view>

namespace escviz {

class Diagnostics {
 public:
  enum class Severity : uint8_t { kError, kWarning, kNote };

  virtual ~Diagnostics() = default;

  void Error(std::string_view msg) {
    ++errors_;
    Emit(Severity::kError, msg);
  }
  void Warning(std::string_view msg) { Emit(Severity::kWarning, msg); }
  void Note(std::string_view msg) { Emit(Severity::kNote, msg); }
  /// How many errors were raised so far.
  int errors() const { return errors_; }

 protected:
  /// Shows one message; `msg` may hold log text and is not yet made safe for any output.
  virtual void Emit(Severity severity, std::string_view msg) = 0;

 private:
  int errors_ = 0;
};

/// `name:line` for messages.
std::string Where(std::string_view input, uint64_t line);

}  // namespace escviz
