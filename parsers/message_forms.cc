#include "parsers/message_forms.h"

#include <charconv>

#include "src/str_util.h"

namespace escviz {
namespace {

using std::string_view;

/// RE2's \s: [\t\n\f\r ].
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// Length of the `-?\d+` that ends `s` just before its last `skip` bytes, or 0.
size_t NumberBefore(string_view s, size_t skip) {
  if (s.size() < skip) return 0;
  size_t end = s.size() - skip, i = end;
  while (i > 0 && IsDigit(s[i - 1])) --i;
  if (i == end) return 0;
  if (i > 0 && s[i - 1] == '-') --i;
  return end - i;
}

/// Length of GO_NAME (parsers/classifier.cc) at the start of `s` if it is followed by the end or
/// a space; 0 when the regex could read it otherwise (then RE2 decides). GO_NAME: characters
/// other than whitespace and brackets, and bracket groups nested at most four deep, with
/// anything but brackets inside.
size_t GoNameThenSpace(string_view s) {
  size_t i = 0;
  int depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '[') {
      if (++depth > 4) return 0;
    } else if (c == ']') {
      if (depth == 0) return 0;
      --depth;
    } else if (depth == 0 && IsSpace(c)) {
      break;
    }
  }
  if (depth != 0 || i == 0) return 0;
  if (i < s.size() && s[i] != ' ') return 0;
  return i;
}

/// True when a rule before the inlining and leak rules of the table could match `msg`: the
/// heap-verdict and explanation-header forms (which contain `escapes to heap`) and the
/// no-escape forms (which end with `does not escape`...).
bool MayBeEscapeForm(string_view msg) {
  return Contains(msg, "escapes to heap") || EndsWith(msg, " does not escape") ||
         EndsWith(msg, " does not escape, mutate, or call");
}

}  // namespace

int ParseInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool ParseFrequentMessage(string_view msg, ParsedLine* out) {
  if (msg.empty()) return false;
  // `X escapes to heap` and `X escapes to heap:` / `X escapes to heap in F:`. Only `moved to
  // heap: (.+)` comes before them.
  constexpr string_view kEsc = " escapes to heap";
  if (StartsWith(msg, "moved to heap: ")) return false;
  if (EndsWith(msg, kEsc) && msg.size() > kEsc.size()) {
    // `.+ escapes to heap, not allowed in runtime` ends otherwise; the header ends with ':'.
    out->kind = LineKind::kEscapesToHeap;
    out->subject = msg.substr(0, msg.size() - kEsc.size());
    return true;
  }
  if (msg.back() == ':' && Contains(msg, kEsc)) {
    // The greedy subject ends at the last ` escapes to heap`; it must be followed by `:` or by
    // ` in F:`.
    const size_t at = msg.rfind(kEsc);
    if (at == 0) return false;
    string_view rest = msg.substr(at + kEsc.size());
    if (rest == ":") {
      out->kind = LineKind::kEscapesHeader;
      out->subject = msg.substr(0, at);
      return true;
    }
    if (StartsWith(rest, " in ") && rest.size() > 5) {
      out->kind = LineKind::kEscapesHeader;
      out->subject = msg.substr(0, at);
      out->func = rest.substr(4, rest.size() - 5);
      return true;
    }
    return false;
  }
  // ` does not escape` (no `, mutate, or call`, an earlier rule).
  constexpr string_view kNoEsc = " does not escape";
  if (EndsWith(msg, kNoEsc)) {
    if (msg.size() == kNoEsc.size()) return false;
    out->kind = LineKind::kDoesNotEscape;
    out->subject = msg.substr(0, msg.size() - kNoEsc.size());
    return true;
  }
  if (MayBeEscapeForm(msg)) return false;
  // `parameter P leaks to D with derefs=N:` (P without whitespace).
  if (StartsWith(msg, "parameter ") && msg.back() == ':') {
    constexpr string_view kDerefs = " with derefs=";
    const size_t num = NumberBefore(msg, 1);
    if (num == 0 || msg.size() < 1 + num + kDerefs.size()) return false;
    const size_t derefs_at = msg.size() - 1 - num - kDerefs.size();
    if (msg.substr(derefs_at, kDerefs.size()) != kDerefs) return false;
    string_view p = msg.substr(10);
    size_t p_end = 0;
    while (p_end < p.size() && !IsSpace(p[p_end])) ++p_end;
    constexpr string_view kLeaks = " leaks to ";
    if (p_end == 0 || p.substr(p_end, kLeaks.size()) != kLeaks) return false;
    const size_t dst_at = 10 + p_end + kLeaks.size();
    if (dst_at >= derefs_at) return false;  // D is `.+`
    out->kind = LineKind::kLeakHeader;
    out->subject = p.substr(0, p_end);
    out->object = msg.substr(dst_at, derefs_at - dst_at);
    out->number = ParseInt(msg.substr(msg.size() - 1 - num, num));
    out->number_printed = true;
    return true;
  }
  // `leaking param: P` (`leaking param: P to result R level=N` is an earlier rule).
  if (StartsWith(msg, "leaking param: ")) {
    if (msg.size() == 15 || Contains(msg, " to result ")) return false;
    out->kind = LineKind::kLeakingParam;
    out->subject = msg.substr(15);
    return true;
  }
  // `inlining call to F` and `inlining call to F ARGS...` (Go 1.22+).
  if (StartsWith(msg, "inlining call to ")) {
    if (Contains(msg, " capturing by ")) return false;
    const size_t n = GoNameThenSpace(msg.substr(17));
    if (n == 0) return false;
    out->kind = LineKind::kInliningCall;
    out->subject = msg.substr(17, n);
    if (17 + n < msg.size()) {
      // ` with score N` (all of the rest), else the rest after the space.
      string_view tail = msg.substr(17 + n + 1);
      constexpr string_view kScore = "with score ";
      const size_t digits = NumberBefore(tail, 0);
      if (StartsWith(tail, kScore) && digits != 0 && kScore.size() + digits == tail.size()) {
        out->number = ParseInt(tail.substr(kScore.size()));
        out->number_printed = true;
      } else {
        out->object = tail;
      }
    }
    return true;
  }
  // `can inline F` and `can inline F with cost N as: BODY`: F is the shortest, up to the first
  // ` with cost N as: `.
  if (StartsWith(msg, "can inline ")) {
    string_view rest = msg.substr(11);
    constexpr string_view kCost = " with cost ";
    for (size_t at = rest.find(kCost, 1); at != string_view::npos; at = rest.find(kCost, at + 1)) {
      string_view after = rest.substr(at + kCost.size());
      size_t k = (!after.empty() && after[0] == '-') ? 1 : 0;
      const size_t digits_at = k;
      while (k < after.size() && IsDigit(after[k])) ++k;
      if (k == digits_at || !StartsWith(after.substr(k), " as: ")) continue;
      out->kind = LineKind::kCanInline;
      out->subject = rest.substr(0, at);
      out->number = ParseInt(after.substr(0, k));
      out->number_printed = true;
      out->object = after.substr(k + 5);
      return true;
    }
    if (rest.empty()) return false;
    out->kind = LineKind::kCanInline;
    out->subject = rest;
    return true;
  }
  // `cannot inline F: REASON`: F up to the first `: ` (`cannot inline F into G: repeated
  // recursive cycle` is an earlier rule).
  if (StartsWith(msg, "cannot inline ")) {
    if (EndsWith(msg, ": repeated recursive cycle")) return false;
    string_view rest = msg.substr(14);
    const size_t colon = rest.find(": ", 1);
    if (colon == string_view::npos || colon + 2 >= rest.size()) return false;
    out->kind = LineKind::kCannotInline;
    out->subject = rest.substr(0, colon);
    out->object = rest.substr(colon + 2);
    return true;
  }
  return false;
}

}  // namespace escviz
