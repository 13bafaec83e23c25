#pragma once
/// Escaping of log text for every output, in one place. Log content is data: it must never
/// become markup, control sequences, structure or reordered text in what escviz writes.
///
/// Which function each output uses (a new renderer picks its row and uses nothing else):
///
/// | output                                   | log text goes through                        |
/// |------------------------------------------|----------------------------------------------|
/// | terminal: text summary, explain, stderr  | TerminalSafe                                 |
/// | a JSON string written by hand            | `"` + JsonEscape + `"`                       |
/// | JSON serialized by nlohmann::json        | dump(..., error_handler_t::replace), then    |
/// |   (summary --format json; SARIF 2.1.0)   |   JsonTextSafe on the whole text             |
/// | JSON inside an HTML `<script>` element   | JsonTextSafe(text, /*for_html_script=*/true) |
/// | (every JSON output: render/json_writer.h's JsonWriter applies the three rows above)     |
/// | Markdown table cell or inline text       | MarkdownCode (a code span), or MarkdownEscape|
/// | HTML text and quoted attribute values    | HtmlEscape                                   |
/// | Graphviz labels and tooltips (DOT, SVG)  | GraphvizText, then graph_render.cc's         |
/// |                                          |   LabelValue/TooltipValue (escString rules)  |
///
/// The shared cleaning step: every function above treats the same characters as unsafe to
/// write raw, and differs only in how it shows them:
/// - C0 controls and DEL (ESC starts terminal escape sequences, CR overwrites a line);
/// - C1 controls U+0080..U+009F (U+009B is CSI on some terminals);
/// - Unicode bidirectional controls U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069,
///   which reorder what a terminal, browser or reviewer sees ("Trojan Source");
/// - bytes that are not valid UTF-8.
/// TerminalSafe shows them as visible escapes (`\x1b`, `\u009b`, `\u202e`, `\xff`); Markdown and
/// HTML build on TerminalSafe, so they show the same escapes; JSON keeps the exact value (`\u`
/// escapes, U+FFFD for invalid bytes); Graphviz shows C0 controls as control pictures, C1 and
/// bidirectional controls as `\u` text, invalid bytes as U+FFFD (GraphvizText).
/// Never put log text in a URL (href, src), an HTML event attribute, `<style>`, or `<script>`
/// other than as JSON from JsonTextSafe(text, true).

#include <string>
#include <string_view>

#include "src/utf8.h"  // Utf8SequenceLength, used with these functions

namespace escviz {

/// For a terminal: C0 control characters (tab excepted) and DEL become `\xNN` (`\x1b`, a
/// newline `\x0a`); C1 controls (U+0080..U+009F) and bidirectional controls become `\uNNNN`
/// (`\u009b`, `\u202e`); bytes that are not valid UTF-8 become `\xNN`. Other valid UTF-8 such
/// as `←` passes unchanged. The result is valid UTF-8 with no control character but tab.
std::string TerminalSafe(std::string_view s);

/// The body of a JSON string (without quotes): `"` and `\` escaped, `\n` `\r` `\t` as such,
/// other C0 controls, DEL, C1 controls, bidirectional controls and U+2028/U+2029 as `\uNNNN`
/// (so the JSON text is safe on a terminal and in JavaScript); each byte that is not part of
/// valid UTF-8 becomes U+FFFD. Parsed back, the string equals the input where it was valid.
std::string JsonEscape(std::string_view s);

/// A whole serialized JSON text (nlohmann::json::dump with error_handler_t::replace, which
/// turns each maximal invalid UTF-8 subsequence into U+FFFD) with the characters JsonEscape
/// writes as `\uNNNN` (C1 and bidirectional controls, U+2028/U+2029) rewritten so. Outside
/// strings JSON is ASCII, so only string contents change, and their values stay the same.
/// With `for_html_script`, `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026` too, so the text
/// can sit inside an HTML `<script>` element (no `</script>` or `<!--` in it). Any byte that is
/// not valid UTF-8 becomes U+FFFD.
std::string JsonTextSafe(std::string_view json, bool for_html_script = false);

/// Text for a Markdown paragraph or table cell: TerminalSafe, then backslash-escapes Markdown
/// punctuation and `|`, and HTML-escapes `<`, `>` and `&` (GitHub renders raw HTML).
std::string MarkdownEscape(std::string_view s);

/// Inline code in Markdown (how escviz shows log text): TerminalSafe, wrapped in a backtick fence
/// longer than any backtick run inside, padded with a space where CommonMark would otherwise
/// strip or merge one. In a table cell (`in_table`) `|` is backslash-escaped: GitHub splits
/// cells at `|` even in code spans and removes that backslash; anywhere else (a list item) the
/// backslash would show, so `|` stays as it is. Displays as TerminalSafe(s). Empty for "".
std::string MarkdownCode(std::string_view s, bool in_table = true);

/// The longest log text an HTML page shows in one place: longer text (a 15 MB identifier, a
/// 16 MiB source line) is cut there by HtmlEscape, with a notice, so that a page stays small.
inline constexpr size_t kMaxHtmlText = 64 * 1024;

/// `s` when it is at most `limit` bytes; else its first `limit` bytes (fewer, to end before a
/// UTF-8 character that would be split) and ` … [N more bytes not shown]`.
std::string CutLongText(std::string_view s, size_t limit);

/// HTML text and quoted attribute values: TerminalSafe, then `&`, `<`, `>`, `"`, `'` as
/// entities. Displays as TerminalSafe(s), cut to kMaxHtmlText (CutLongText).
std::string HtmlEscape(std::string_view s);

/// Display text for Graphviz (labels, tooltips; DOT and SVG) and any XML text: valid UTF-8 that
/// XML accepts. CR LF and CR become LF (a line break), tab a space, other C0 controls and DEL
/// their Unicode control pictures (U+2400..U+241F, U+2421: ESC shows as `␛`); C1 and
/// bidirectional controls the visible text `\uNNNN`; each byte that is not valid UTF-8, U+FFFE
/// and U+FFFF become U+FFFD. Graphviz syntax (escString `\N`, entities) is not handled here:
/// graph_render.cc escapes that for each attribute.
std::string GraphvizText(std::string_view s);

}  // namespace escviz
