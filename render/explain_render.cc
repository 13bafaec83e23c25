#include "render/explain_render.h"

#include <fmt/format.h>

#include <memory>

#include "render/escape.h"
#include "src/call_text.h"
#include "src/patterns.h"
#include "src/profile_join.h"
#include "src/sites.h"

namespace escviz {
namespace {

std::string Src(const Model& m, const FlowStep& s) {
  return DerefOps(s.derefs) + std::string(m.str(s.src));
}

std::string DerefWords(int32_t d) {
  if (d < 0) return "address taken";
  if (d == 0) return "value";
  return fmt::format("{} deref{}", d, d == 1 ? "" : "s");
}

std::string Header(const Model& m, const Explanation& e) {
  std::string h;
  if (e.kind == Explanation::Kind::kEscapes) {
    h = fmt::format("{} escapes to heap", m.str(e.subject));
  } else {
    h = fmt::format("parameter {} leaks to {} with derefs={}", m.str(e.subject), m.str(e.leak_dst),
                    e.leak_derefs);
  }
  if (e.func != 0) h += fmt::format(" (in {})", ReadableFunctionName(m.str(e.func)));
  return h;
}

void RenderSteps(const Model& m, const Explanation& e, uint32_t from, uint32_t to, int* number,
                 std::ostream* out) {
  for (uint32_t i = from; i < to; ++i) {
    const FlowStep& s = m.steps[e.first_step + i];
    std::string last;
    if (s.note_count > 0) {
      const Note& n = m.notes[s.first_note + s.note_count - 1];
      last = fmt::format("  ({} at {})", m.str(n.reason), m.FormatPos(n.pos));
    }
    *out << fmt::format("    {}. {} = {}   [{}]{}\n", ++*number, TerminalSafe(m.str(s.dst)),
                        TerminalSafe(Src(m, s)), DerefWords(s.derefs), TerminalSafe(last));
    for (uint32_t k = 0; k < s.note_count; ++k) {
      const Note& n = m.notes[s.first_note + k];
      *out << fmt::format("         {:<22} {:<24} {}\n", TerminalSafe(m.str(n.reason)),
                          TerminalSafe(m.FormatPos(n.pos)), TerminalSafe(m.str(n.expr)));
    }
  }
}

void RenderTruncation(const Explanation& e, std::ostream* out) {
  if (e.truncated) {
    *out << "    (the compiler truncated this explanation: assignment cycle, "
            "golang.org/issue/35518)\n";
  }
}

/// `[log FILE:LINE]`; a model read from a snapshot has no log lines: `[log FILE]`.
std::string LogRef(const Model& m, const SourceRef& r) {
  if (r.line == 0) return fmt::format("[log {}]", TerminalSafe(m.inputs[r.input]));
  return fmt::format("[log {}:{}]", TerminalSafe(m.inputs[r.input]), r.line);
}

void RenderExplanation(const Model& m, const Explanation& e, std::ostream* out) {
  *out << fmt::format("  why: {}   {}\n", TerminalSafe(Header(m, e)), LogRef(m, e.src));
  int number = 0;
  RenderSteps(m, e, 0, e.step_count, &number, out);
  RenderTruncation(e, out);
}

/// How a chain goes on into the segment that starts at crossing `x`.
std::string CrossingText(const Model& m, const Crossing& x, const Explanation& into) {
  if (x.via == Crossing::Via::kStorage) {
    const Note& n = m.notes[x.note];
    return fmt::format("that storage is the allocation at {}", m.FormatPos(n.pos));
  }
  const Note& call = m.notes[x.note];
  const bool receiver = x.param_index == 0 && m.functions[x.function].receiver;
  return fmt::format("argument {} of {} is its {} {}", x.arg_index + 1, m.str(call.expr),
                     receiver ? "receiver" : "parameter", m.str(into.subject));
}

/// Chain `c` of a verdict: its explanation block, continued into callees and storages.
void RenderChain(const Model& m, const Analysis& a, const Chain& c, std::ostream* out) {
  int number = 0;
  size_t next_crossing = 0;
  for (size_t i = 0; i < c.hops.size();) {
    const Explanation& e = m.explanations[c.hops[i].explanation];
    if (i == 0) {
      const std::string which =
          c.blocks > 1 ? fmt::format("reason {} of {}", c.block + 1, c.blocks) : "why";
      *out << fmt::format("  {}: {}   {}\n", which, TerminalSafe(Header(m, e)), LogRef(m, e.src));
    } else {
      std::string how;
      if (next_crossing < c.crossings.size() && c.crossings[next_crossing].hop == i) {
        how = CrossingText(m, c.crossings[next_crossing++], e);
      }
      *out << fmt::format(
          "  -> continues in {} ({}): {}   {}\n", TerminalSafe(m.FunctionName(e.function)),
          TerminalSafe(m.PackageName(e.package)), TerminalSafe(Header(m, e)), LogRef(m, e.src));
      if (!how.empty()) *out << fmt::format("     ({})\n", TerminalSafe(how));
    }
    size_t j = i;
    while (j < c.hops.size() && c.hops[j].explanation == c.hops[i].explanation &&
           (j == i || !c.hops[j].crosses)) {
      ++j;
    }
    RenderSteps(m, e, c.hops[i].step, c.hops[j - 1].step + 1, &number, out);
    RenderTruncation(e, out);
    i = j;
  }
  if (c.stop != Chain::Stop::kNone) {
    *out << fmt::format("  -> stops: {}\n", TerminalSafe(StopText(m, c)));
  }
  if (c.end == Chain::End::kCycle) *out << "  (chain stops: assignment cycle)\n";
  if (c.end == Chain::End::kCallCycle) {
    *out << "  (chain stops: a call cycle: the next callee's block is already on this chain)\n";
  }
  if (c.end == Chain::End::kTooLong) {
    *out << fmt::format("  (chain stops: escviz follows at most {} callees)\n", kMaxChainCrossings);
  }
  if (c.cause != kNone) {
    *out << fmt::format("  cause: {}\n", TerminalSafe(CauseLabel(m, OwnCallCause(m, a, c))));
  }
}

}  // namespace

std::string VerdictLine(const Model& m, const Verdict& v) {
  return m.FormatPos(v.pos) + ": " + VerdictSentence(m, v);
}

void RenderExplain(const Model& m, const Analysis& a, const std::vector<uint32_t>& verdicts,
                   std::ostream* out, const std::vector<AllocationPattern>* known) {
  bool any_explanations = !m.explanations.empty();
  std::unique_ptr<PatternClassifier> classifier;
  if (known == nullptr) classifier = std::make_unique<PatternClassifier>(m, a);
  bool first = true;
  for (uint32_t id : verdicts) {
    const Verdict& v = m.verdicts[id];
    if (!first) *out << "\n";
    first = false;
    *out << TerminalSafe(VerdictLine(m, v)) << "\n";
    *out << fmt::format("  in {} (package {})   {}\n", TerminalSafe(m.FunctionName(v.function)),
                        TerminalSafe(m.PackageName(v.package)), LogRef(m, v.src));
    const std::string copies = CopiesText(m.SiteCopies(id));
    if (!copies.empty()) {
      *out << "  " << copies << " (generic instances and closure clones of this source site)\n";
    }
    if (IsHeap(v.kind)) {
      // The pattern and what to do first (issue 22), then the chain that shows it.
      const AllocationPattern p = known != nullptr ? (*known)[id] : classifier->Classify(id);
      const bool unexplained = p.final_step == kNoExplanationStep;
      *out << fmt::format("  pattern: {}{}\n", TerminalSafe(PatternLabel(m, v, p)),
                          p.pattern == Pattern::kOther ? " (" + p.final_step + ")" : "");
      if (p.pattern != Pattern::kNoAllocation && !unexplained) {
        *out << fmt::format("    what to do: {}\n", InfoOf(p.pattern).remedy);
      }
      if (!p.inline_hint.empty()) {
        *out << fmt::format("    {}: were it inlined, the value could stay in its caller's frame\n",
                            TerminalSafe(p.inline_hint));
      }
      if (m.profile) {
        const ProfileJoin& join = *m.profile;
        if (!join.Sampled(m, id)) {
          *out << "  profile: not exercised by this profile\n";
        } else {
          const ProfileFigures f = join.Of(m, id);
          const uint32_t shared = join.SharedBy(m, id);
          *out << fmt::format("  profile: {} in {} objects, {:.1f}% of {}{}\n",
                              FormatBytes(f.bytes), f.objects, join.Percent(f), join.sample_index,
                              shared > 1 ? fmt::format(" (the line's figures, shared by {} "
                                                       "allocations on it)",
                                                       shared)
                                         : "");
          if (const ProfileLine* line = join.LineOf(m, id); line && !line->also.empty()) {
            *out << fmt::format("    the line's figures include its {}\n", line->also);
          }
          if (const ProfileLine* in = join.InlinedFrom(m, id)) {
            *out << fmt::format(
                "    allocated in {} at {}:{}, inlined here (as pprof -lines names it)\n",
                TerminalSafe(ProfileFunction(in->function)),
                TerminalSafe(in->log_file != kNone ? m.str(in->log_file) : in->file), in->line);
          }
        }
      }
    }
    if (m.profile && v.kind == VerdictKind::kDoesNotEscape && m.profile->Sampled(m, id)) {
      const ProfileFigures f = m.profile->Of(m, id);
      *out << fmt::format(
          "  profile: {} in {} objects, {:.1f}% of {}: on the heap although it does not escape "
          "(its size is not constant: from Go 1.25 such a make is on the stack only up to 32 "
          "bytes; or it is too large for the stack)\n",
          FormatBytes(f.bytes), f.objects, m.profile->Percent(f), m.profile->sample_index);
    }
    if (IsHeap(v.kind) && v.no_alloc != NoAlloc::kAllocates) {
      *out << fmt::format(
          "  escapes, no allocation: {}{}\n", NoAllocReason(v.no_alloc),
          m.count_no_alloc ? " (counted: --count-no-alloc)" : "; not counted as a heap allocation");
    }
    uint32_t begin = m.expl_offsets[id], end = m.expl_offsets[id + 1];
    const auto [first, last] = ChainsOf(a, id);
    for (uint32_t ci = first; ci < last; ++ci) {
      if (!a.chains[ci].hops.empty()) RenderChain(m, a, a.chains[ci], out);
    }
    if (first == last) {  // explanations of a verdict no chain starts from
      for (uint32_t k = begin; k < end; ++k) {
        RenderExplanation(m, m.explanations[m.expl_index[k]], out);
      }
    }
    if (begin != end) continue;
    if (!IsExplainable(v.kind)) continue;
    if (!any_explanations) {
      *out << "  no explanation: the log has none (it was built with -m). Rebuild with\n"
              "  -gcflags='-m -m' to see the chain that sends this value to the heap.\n";
    } else {
      *out << "  no explanation for this verdict in the log.\n";
    }
  }
}

}  // namespace escviz
