#include "parsers/input_kind.h"

#include <cctype>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "parsers/json_log_parser.h"
#include "parsers/line_reader.h"

namespace escviz {
namespace {

std::string_view SkipSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

}  // namespace

InputKind InputKindOf(const std::string& path) {
  if (path == "-") return InputKind::kTextLog;
  std::error_code ec;
  const std::filesystem::file_status st = std::filesystem::status(path, ec);
  if (ec) return InputKind::kTextLog;
  if (std::filesystem::is_directory(st)) return InputKind::kJsonForm;
  if (!std::filesystem::is_regular_file(st))
    return IsJsonFileName(path) ? InputKind::kJsonForm : InputKind::kTextLog;
  // A text log never starts with `{`: its first line is `# package` or `POS: message`. The JSON
  // form's files start with their header record, `{"version":0,...}`; a snapshot is any other
  // JSON object (whose schema the snapshot reader then checks).
  std::string head;
  ReadGunzipped(path, 4096, &head);  // what could be read of the start decides
  std::string_view s = SkipSpace(head);
  if (s.empty() || s.front() != '{') {
    return IsJsonFileName(path) ? InputKind::kJsonForm : InputKind::kTextLog;
  }
  // The first key: a snapshot starts with "schema" as written, "escviz" with its keys sorted
  // (`jq -S`); the JSON form's header with "version". Another first key is the JSON form in a
  // `.json` file (its reader names what is wrong) and a snapshot otherwise (its reader says
  // it is none).
  s = SkipSpace(s.substr(1));
  if (s.substr(0, 9) == "\"version\"") return InputKind::kJsonForm;
  if (s.substr(0, 8) == "\"schema\"" || s.substr(0, 8) == "\"escviz\"") return InputKind::kSnapshot;
  return IsJsonFileName(path) ? InputKind::kJsonForm : InputKind::kSnapshot;
}

}  // namespace escviz
