#pragma once
/// UTF-8 validity, byte by byte. Boundary: the model needs it to store text as a snapshot keeps
/// it (src/verdict_key), and every output's escaping builds on it (render/escape), so it sits at
/// the bottom.

#include <cstddef>
#include <string_view>

namespace escviz {

/// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not valid UTF-8
/// (overlong forms, surrogates and values past U+10FFFF are invalid).
size_t Utf8SequenceLength(std::string_view s, size_t i);

}  // namespace escviz
