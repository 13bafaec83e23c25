#include "parsers/json_record.h"

#include <nlohmann/json.hpp>

namespace escviz {

namespace {

using Json = nlohmann::json;

/// Parses `line` into `*out`; false with a reason if it is not one JSON object.
bool ParseObject(std::string_view line, Json* out, std::string* err) {
  *out = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) {
    // Parse again with exceptions only to get nlohmann's description of where it failed.
    try {
      Json again = Json::parse(line.begin(), line.end());
      (void)again;
      *err = "not valid JSON";
    } catch (const Json::exception& e) {
      *err = std::string("not valid JSON (") + e.what() + ")";
    }
    return false;
  }
  if (!out->is_object()) {
    *err = "not a JSON object";
    return false;
  }
  return true;
}

/// Reads a non-negative integer member; false if missing or not such a number.
bool GetUint(const Json& j, const char* key, uint32_t* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  int64_t v = it->get<int64_t>();
  if (v < 0 || v > INT32_MAX) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

bool GetString(const Json& j, const char* key, std::string* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

/// `{"start":{"line":L,"character":C},...}` -> line and column.
bool GetRangeStart(const Json& j, JsonPos* out) {
  auto range = j.find("range");
  if (range == j.end() || !range->is_object()) return false;
  auto start = range->find("start");
  if (start == range->end() || !start->is_object()) return false;
  return GetUint(*start, "line", &out->line) && GetUint(*start, "character", &out->col);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

bool FileUriToPath(std::string_view uri, std::string* out) {
  constexpr std::string_view kScheme = "file://";
  if (uri == "file:") {  // an unknown position (line 0)
    out->clear();
    return true;
  }
  if (uri.substr(0, kScheme.size()) != kScheme) return false;
  *out = PercentDecode(uri.substr(kScheme.size()));
  return true;
}

int GoMinorVersion(std::string_view v) {
  constexpr std::string_view kPrefix = "go1.";
  if (v.substr(0, kPrefix.size()) != kPrefix) return -1;
  int minor = 0;
  size_t i = kPrefix.size();
  if (i >= v.size() || v[i] < '0' || v[i] > '9') return -1;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9' && minor < 1000; ++i) {
    minor = minor * 10 + (v[i] - '0');
  }
  return minor;
}

bool ParseJsonHeader(std::string_view line, JsonHeader* out, std::string* err) {
  Json j;
  if (!ParseObject(line, &j, err)) return false;
  uint32_t version = 0;
  if (!GetUint(j, "version", &version) || !GetString(j, "package", &out->package) ||
      !GetString(j, "file", &out->file)) {
    *err = "not a header of the compiler's JSON form (version, package and file expected)";
    return false;
  }
  if (version != 0) {
    *err = "JSON form version " + std::to_string(version) + " (only version 0 is known)";
    return false;
  }
  out->version = 0;
  GetString(j, "gc_version", &out->gc_version);
  return true;
}

bool ParseJsonDiagnostic(std::string_view line, JsonDiagnostic* out, std::string* err) {
  Json j;
  if (!ParseObject(line, &j, err)) return false;
  if (!GetRangeStart(j, &out->pos) || !GetString(j, "code", &out->code) ||
      !GetString(j, "message", &out->message)) {
    *err = "not a diagnostic of the compiler's JSON form (range, code and message expected)";
    return false;
  }
  out->related.clear();
  auto rel = j.find("relatedInformation");
  if (rel == j.end()) return true;
  if (!rel->is_array()) {
    *err = "relatedInformation is not an array";
    return false;
  }
  for (const Json& r : *rel) {
    JsonRelated info;
    auto loc = r.is_object() ? r.find("location") : r.end();
    std::string uri;
    if (!r.is_object() || loc == r.end() || !loc->is_object() || !GetString(*loc, "uri", &uri) ||
        !FileUriToPath(uri, &info.pos.file) || !GetRangeStart(*loc, &info.pos) ||
        !GetString(r, "message", &info.message)) {
      *err = "a relatedInformation entry lacks a file location or message";
      return false;
    }
    out->related.push_back(std::move(info));
  }
  return true;
}

}  // namespace escviz
