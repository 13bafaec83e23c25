#include "src/chain_text.h"

#include <fmt/format.h>

namespace escviz {

std::vector<std::string> ChainStepTexts(const Model& m, const Analysis& a, uint32_t v, size_t max,
                                        size_t* more) {
  std::vector<std::string> out;
  if (more != nullptr) *more = 0;
  if (v >= a.chain_of_verdict.size() || a.chain_of_verdict[v] == kNone) return out;
  const Chain& c = a.chains[a.chain_of_verdict[v]];
  for (const ChainHop& hop : c.hops) {
    if (out.size() == max) {
      if (more != nullptr) *more = c.hops.size() - max;
      break;
    }
    const Explanation& e = m.explanations[hop.explanation];
    const FlowStep& s = m.steps[e.first_step + hop.step];
    std::string text = fmt::format("{} = {}{}", m.str(s.dst), DerefOps(s.derefs), m.str(s.src));
    if (s.note_count > 0) {
      const Note& n = m.notes[s.first_note + s.note_count - 1];
      text += fmt::format(" ({} at {})", m.str(n.reason), m.FormatPos(n.pos));
    }
    if (hop.crosses) text = fmt::format("-> continues in {}: {}", m.FunctionName(e.function), text);
    out.push_back(std::move(text));
  }
  return out;
}

}  // namespace escviz
