#include "parsers/raw_string.h"

#include <cstring>

namespace escviz {

bool RawStringOpenAfter(std::string_view text, bool open) {
  const char* p = text.data();
  const char* end = p + text.size();
  // Outside of every literal, only a backquote can leave one open: lines without one (almost
  // all) are answered by memchr.
  if (!open && std::memchr(p, '`', text.size()) == nullptr) return false;
  while (p < end) {
    if (open) {
      const void* close = std::memchr(p, '`', static_cast<size_t>(end - p));
      if (close == nullptr) return true;
      p = static_cast<const char*>(close) + 1;
      open = false;
      continue;
    }
    const char c = *p++;
    if (c == '`') {
      open = true;
    } else if (c == '"') {  // to the closing quote, over escapes
      while (p < end && *p != '"') p += (*p == '\\' && p + 1 < end) ? 2 : 1;
      if (p < end) ++p;
    } else if (c == '\'') {  // a rune literal: 'x' or '\...'; a lone apostrophe is text
      if (p + 1 < end && p[0] != '\\' && p[1] == '\'') {
        p += 2;
      } else if (p < end && p[0] == '\\') {
        const char* q = p + 1;
        while (q < end && q - p < 12 && *q != '\'') ++q;
        if (q < end && *q == '\'') p = q + 1;
      }
    }
  }
  return open;
}

}  // namespace escviz
