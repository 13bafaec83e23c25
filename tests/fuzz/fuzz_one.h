#pragma once
/// One fuzz input through every stage: parser, model, chains, summary in all formats, explain,
/// the HTML report (into memory, without graphs), the escape graph and its DOT (and SVG for
/// small graphs). The input also goes to the snapshot
/// reader, and a model it reads through the same stages. Shared by the libFuzzer target and
/// the replay test that runs the committed corpus in the ordinary suite.

#include <cstddef>
#include <cstdint>

namespace escviz {
void FuzzOne(const uint8_t* data, size_t size);
}
