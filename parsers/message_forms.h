#pragma once
/// Hand-written parsers for the message forms that make up most non-flow lines of a log
/// (explanation headers, heap and no-escape verdicts, leaking params, inlining lines). Each
/// yields exactly what the classifier's RE2 rule for the form yields (parsers/classifier.cc),
/// and answers only when no earlier rule of that table could match the message; otherwise it
/// declines and the RE2 rules decide. tests/classifier_test.cc checks the equivalence on every
/// line of the bundled logs and on edge cases.

#include <string_view>

#include "parsers/classifier.h"

namespace escviz {

/// The decimal int at the start of `s` (a `-` allowed), or 0 if there is none.
int ParseInt(std::string_view s);

/// Parses `msg` (the message after `POS: `, or a line without a position) if it has one of the
/// frequent forms; fills `out` (kind and fields) and returns true, or returns false untouched.
bool ParseFrequentMessage(std::string_view msg, ParsedLine* out);

}  // namespace escviz
