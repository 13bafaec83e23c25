#pragma once
/// Escaping of log text for every output, in one place: terminal, JSON strings, Markdown,
/// HTML and DOT labels. Log content is data: it must never become markup, control sequences or
/// structure in what escviz writes.

#include <string>
#include <string_view>

namespace escviz {

/// For a terminal: control characters (C0, DEL, and C1 when they appear as raw bytes) become
/// visible escapes (`\x1b`, `\t` as a space is kept as `\t`), invalid UTF-8 bytes become `\xNN`.
/// Valid UTF-8 such as `←` passes unchanged.
std::string TerminalSafe(std::string_view s);

/// The body of a JSON string (without quotes), valid UTF-8 (invalid bytes become U+FFFD).
std::string JsonEscape(std::string_view s);

/// Text for a Markdown table cell or paragraph: backslash-escapes Markdown punctuation and `|`,
/// replaces newlines, and HTML-escapes `<`, `>` and `&` (GitHub renders raw HTML).
std::string MarkdownEscape(std::string_view s);

/// Inline code in Markdown: wraps in enough backticks for the content.
std::string MarkdownCode(std::string_view s);

/// HTML text and attribute values: `&`, `<`, `>`, `"`, `'`.
std::string HtmlEscape(std::string_view s);

/// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not valid UTF-8.
size_t Utf8SequenceLength(std::string_view s, size_t i);

}  // namespace escviz
