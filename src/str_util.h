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

/// A byte of a Go identifier as the compiler prints it: a letter, digit, `_` or any byte of a
/// UTF-8 sequence.
inline bool IsGoIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

/// Walks the printed Go expression `s` from `from`, skipping the insides of string, rune and
/// raw-string literals, and calls `f(i, depth)` for every other byte s[i], `depth` counting the
/// brackets open before it (a closing one already counted off). Returns the first i for which f
/// returns true, or npos.
template <typename F>
size_t WalkCode(std::string_view s, size_t from, F f) {
  int depth = 0;
  char quote = 0;
  for (size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (quote != 0) {
      if (c == '\\' && quote != '`') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      quote = c;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (f(i, depth)) return i;
  }
  return std::string_view::npos;
}

/// `s` without the spaces at either end.
inline std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace escviz
