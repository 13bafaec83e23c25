#pragma once
/// JSON text written to a stream, text-safe in one place: every JSON output of escviz (summary,
/// diff, snapshot, SARIF, the report's search data) is written through a JsonWriter, so the
/// escaping of render/escape.h ("a JSON string written by hand", "JSON serialized by
/// nlohmann::json") is applied here and nowhere else.

#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <string_view>

namespace escviz {

/// Writes a JSON text piece by piece through a buffer that it flushes to the stream now and
/// then, so a large output is never held whole. Pieces are written in order: hand-written syntax
/// (Raw, or fmt::format_to into buffer()), strings (String) and serialized values (Value).
class JsonWriter {
 public:
  /// With `for_html_script`, `<`, `>` and `&` in strings and values become `\u003c`, `\u003e`,
  /// `\u0026` (JsonTextSafe), so the text can sit inside an HTML `<script>` element.
  explicit JsonWriter(std::ostream* out, bool for_html_script = false);
  /// Flushes what is left.
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  /// Syntax written by hand: punctuation, keys, numbers, newlines (ASCII, written as given).
  void Raw(std::string_view ascii);
  /// A JSON string holding `s` (log text stays data): `"` + JsonEscape(s) + `"`.
  void String(std::string_view s);
  /// `j` serialized by nlohmann::json (`indent` -1: compact; each invalid UTF-8 sequence becomes
  /// U+FFFD, error_handler_t::replace), then made text-safe (JsonTextSafe).
  void Value(const nlohmann::ordered_json& j, int indent = -1);
  /// The buffer, for hand-written syntax formatted in place (fmt::format_to; ASCII only). The
  /// next Raw, String or Value may flush it.
  std::string* buffer() { return &buffer_; }
  /// Writes the buffer to the stream.
  void Flush();

 private:
  /// Flushes once the buffer holds more than a chunk.
  void MaybeFlush();

  std::ostream* out_;
  bool for_html_script_;
  std::string buffer_;
};

}  // namespace escviz
