#pragma once
/// Messages to the user on standard error, in one format:
/// `escviz: error: build.log:1234: ...` and `escviz: warning: ...`.

#include <ostream>
#include <string>
#include <string_view>

namespace escviz {

class Diagnostics {
 public:
  /// `color` adds ANSI colour to the `error:`/`warning:` words (only on a terminal, never with
  /// NO_COLOR; the caller decides).
  explicit Diagnostics(std::ostream* err, bool color = false) : err_(err), color_(color) {}

  void Error(std::string_view msg);
  void Warning(std::string_view msg);
  void Note(std::string_view msg);
  int errors() const { return errors_; }
  std::ostream& stream() { return *err_; }

 private:
  void Print(std::string_view word, std::string_view color, std::string_view msg);
  std::ostream* err_;
  bool color_;
  int errors_ = 0;
};

/// `name:line` for messages.
std::string Where(std::string_view input, uint64_t line);

}  // namespace escviz
