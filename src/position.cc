#include "src/position.h"

#include <fmt/format.h>

namespace escviz {
namespace {

constexpr std::string_view kUnknown = "<unknown line number>";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// Reads a run of digits at s[*i]; returns false if there is none or it overflows 32 bits.
bool ReadNumber(std::string_view s, size_t* i, uint32_t* out) {
  size_t start = *i;
  uint64_t v = 0;
  while (*i < s.size() && IsDigit(s[*i])) {
    v = v * 10 + static_cast<uint64_t>(s[*i] - '0');
    if (v > UINT32_MAX) return false;
    ++*i;
  }
  *out = static_cast<uint32_t>(v);
  return *i > start;
}

/// A file part is plausible if it is non-empty, does not start with a space, '#' or the
/// `.   ` of IR dumps, and has no spaces unless it is a path to a Go file: a Windows drive path,
/// or a path ending in `.go`, without `: `, whose first word holds a `/` (`/home/John Doe/x.go`,
/// `./my dir/y.go`, `x/John Doe/src/p/y.go` as the go command prints a path below the current
/// folder). Text that is no path has spaces and starts otherwise: the C compiler's `In file
/// included from /usr/include/stdio.h:27`, vet's `vet: ./a.go:5:2: ...`.
bool PlausibleFile(std::string_view f) {
  if (f.empty() || f[0] == ' ' || f[0] == '#' || f[0] == '\t') return false;
  if (f.size() >= 2 && f[0] == '.' && f[1] == ' ') return false;
  const size_t space = f.find(' ');
  if (space == std::string_view::npos) return true;
  const bool drive = f.size() >= 3 && f[1] == ':' && (f[2] == '\\' || f[2] == '/');
  if (drive) return true;
  return f.size() > 3 && f.substr(f.size() - 3) == ".go" &&
         f.find(": ") == std::string_view::npos &&
         f.substr(0, space).find('/') != std::string_view::npos;
}

/// Shared scanner. With `whole`, the position must span all of `s` (end of text terminates it);
/// otherwise it must be followed by ':' and the index of that ':' is returned.
size_t Scan(std::string_view s, bool whole, PosText* out) {
  constexpr size_t npos = std::string_view::npos;
  auto ends_here = [&](size_t i) { return whole ? i == s.size() : (i < s.size() && s[i] == ':'); };
  if (s.substr(0, kUnknown.size()) == kUnknown) {
    if (!ends_here(kUnknown.size())) return npos;
    *out = PosText{};
    return kUnknown.size();
  }
  if (s.empty() || s[0] == ' ' || s[0] == '#') return npos;
  // Scan left to right for `:LINE` followed by `:COL` and the end, the end, or `[...]` and the
  // end; the file part may itself contain ':' (Windows drive letters), so a failed candidate
  // moves on to the next ':'.
  for (size_t c = s.find(':'); c != npos; c = s.find(':', c + 1)) {
    if (c + 1 >= s.size() || !IsDigit(s[c + 1])) continue;
    std::string_view file = s.substr(0, c);
    if (!PlausibleFile(file)) return npos;
    PosText p;
    p.file = file;
    size_t i = c + 1;
    if (!ReadNumber(s, &i, &p.line)) continue;
    // `-L`: `rel:line[abs:line:col]`, or `rel:line:col[...]` when a //line directive has a column.
    auto bracket = [&](size_t at) -> size_t {
      if (at >= s.size() || s[at] != '[') return npos;
      size_t close = s.find(']', at);
      if (close == npos || !ends_here(close + 1)) return npos;
      p.physical = s.substr(at + 1, close - at - 1);
      return close + 1;
    };
    if (size_t end = bracket(i); end != npos) {
      *out = p;
      return end;
    }
    if (i < s.size() && s[i] == ':') {
      size_t j = i + 1;
      uint32_t col = 0;
      if (j < s.size() && IsDigit(s[j]) && ReadNumber(s, &j, &col)) {
        p.col = col;
        if (ends_here(j)) {
          *out = p;
          return j;
        }
        if (size_t end = bracket(j); end != npos) {
          *out = p;
          return end;
        }
        p.col = 0;
      }
    }
    if (!ends_here(i)) continue;
    *out = p;
    return i;
  }
  return npos;
}

}  // namespace

size_t ParsePositionPrefix(std::string_view s, PosText* out) { return Scan(s, false, out); }

bool ParsePosition(std::string_view s, PosText* out) {
  return Scan(s, true, out) != std::string_view::npos;
}

std::string FormatPosition(std::string_view file, uint32_t line, uint32_t col,
                           std::string_view physical) {
  if (line == 0) return std::string(kUnknown);
  // One allocation: this is called once per row of every listing.
  std::string s;
  s.reserve(file.size() + physical.size() + 24);
  fmt::format_int l(line), c(col);
  s.append(file).append(":").append(l.data(), l.size());
  if (col != 0) s.append(":").append(c.data(), c.size());
  if (!physical.empty()) s.append("[").append(physical).append("]");
  return s;
}

bool PathHasSuffix(std::string_view path, std::string_view suffix) {
  while (suffix.substr(0, 2) == "./" || suffix.substr(0, 2) == ".\\") suffix.remove_prefix(2);
  while (path.substr(0, 2) == "./" || path.substr(0, 2) == ".\\") path.remove_prefix(2);
  if (suffix.empty() || suffix.size() > path.size()) return false;
  if (path.substr(path.size() - suffix.size()) != suffix) return false;
  if (suffix.size() == path.size()) return true;
  char before = path[path.size() - suffix.size() - 1];
  return before == '/' || before == '\\';
}

}  // namespace escviz
