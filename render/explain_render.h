#pragma once
/// `escviz explain`: each verdict with its explanation chain as readable text.

#include <ostream>
#include <vector>

#include "src/chains.h"
#include "src/model.h"
#include "src/patterns.h"

namespace escviz {

/// Writes every verdict in `verdicts` with where it is (function, package, log line) and the
/// explanation blocks attached to it: one line per flow step (destination, source, derefs, the
/// reason and position of the note that makes the step), then the step's notes.
/// Where a chain continues into callees (SPEC 3), the continuation follows, marked `-> continues
/// in F`, and the chain's cause closes it.
/// `patterns`: ClassifyPatterns(m, a) when the caller has it (the report, one verdict at a
/// time), else null: the patterns of `verdicts` are worked out here.
void RenderExplain(const Model& m, const Analysis& a, const std::vector<uint32_t>& verdicts,
                   std::ostream* out, const std::vector<AllocationPattern>* patterns = nullptr);

/// One verdict as the compiler printed it: `./main.go:10:2: moved to heap: value`.
std::string VerdictLine(const Model& m, const Verdict& v);

}  // namespace escviz
