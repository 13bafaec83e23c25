#pragma once
/// Messages that span lines. The compiler prints Go raw string literals (`...`) verbatim,
/// newlines included, so a verdict, an explanation line or a `can inline` body runs on over
/// several lines while such a literal is open (gin's deprecated.go:16 under Go 1.19 and 1.21).
/// Double-quoted strings and rune literals (a backquote rune '`' among them) open none.

#include <string_view>

namespace escviz {

/// True if a raw string literal is still open at the end of `text`; `open` says whether one was
/// open at its start (text continuing a literal). Backquotes inside double-quoted strings and
/// rune literals do not count; a double-quoted string ends at the end of `text` at the latest.
bool RawStringOpenAfter(std::string_view text, bool open);

}  // namespace escviz
