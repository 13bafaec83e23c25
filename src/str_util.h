#pragma once
/// Small string tests every layer uses, defined once. (Abseil's absl::StartsWith takes its own
/// string_view type in Debian's build, not std::string_view.)

#include <string_view>

namespace escviz {

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

inline bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace escviz
