#include "render/json_writer.h"

#include <nlohmann/json.hpp>

#include "render/escape.h"

namespace escviz {
namespace {

/// The buffer is written out once it holds this many bytes.
constexpr size_t kChunk = 64 * 1024;

}  // namespace

JsonWriter::JsonWriter(std::ostream* out, bool for_html_script)
    : out_(out), for_html_script_(for_html_script) {
  buffer_.reserve(2 * kChunk);
}

JsonWriter::~JsonWriter() { Flush(); }

void JsonWriter::Raw(std::string_view ascii) {
  buffer_.append(ascii);
  MaybeFlush();
}

void JsonWriter::String(std::string_view s) {
  buffer_.push_back('"');
  if (for_html_script_) {
    buffer_.append(JsonTextSafe(JsonEscape(s), /*for_html_script=*/true));
  } else {
    buffer_.append(JsonEscape(s));
  }
  buffer_.push_back('"');
  MaybeFlush();
}

void JsonWriter::Value(const nlohmann::ordered_json& j, int indent) {
  buffer_.append(
      JsonTextSafe(j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                   for_html_script_));
  MaybeFlush();
}

void JsonWriter::Flush() {
  if (buffer_.empty()) return;
  out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonWriter::MaybeFlush() {
  if (buffer_.size() >= kChunk) Flush();
}

}  // namespace escviz
