// Chains as JSON (render/chains_json.h).
#include "render/chains_json.h"

#include <nlohmann/json.hpp>

#include "render/json_writer.h"
#include "src/call_text.h"
#include "src/patterns.h"
#include "src/profile_join.h"

namespace escviz {
namespace {

using Json = nlohmann::ordered_json;

Json Pos(const Model& m, const Position& p) {
  if (p.line == 0 && p.file == 0) return nullptr;
  return m.FormatPos(p);
}

Json Intro(const Model& m, uint32_t note) {
  return note == kNone ? Json(nullptr) : Json(m.FormatPos(m.notes[note].pos));
}

std::string_view EndName(Chain::End e) {
  switch (e) {
    case Chain::End::kHeap:
      return "heap";
    case Chain::End::kOther:
      return "other";
    case Chain::End::kUnexplained:
      return "unexplained";
    case Chain::End::kCycle:
      return "cycle";
    case Chain::End::kCallCycle:
      return "call_cycle";
    case Chain::End::kTooLong:
      return "too_long";
  }
  return "";
}

std::string HeaderOf(const Model& m, const Explanation& e) {
  if (e.kind == Explanation::Kind::kEscapes)
    return std::string(m.str(e.subject)) + " escapes to heap";
  return "parameter " + std::string(m.str(e.subject)) + " leaks to " +
         std::string(m.str(e.leak_dst)) + " with derefs=" + std::to_string(e.leak_derefs);
}

Json Into(const Model& m, const Chain& c, const Crossing& x) {
  Json j;
  if (x.via == Crossing::Via::kStorage) {
    j["via"] = "storage";
    j["storage"] = m.str(m.explanations[c.hops[x.hop].explanation].subject);
    j["storage_pos"] = m.FormatPos(m.notes[x.note].pos);
    return j;
  }
  const Note& call = m.notes[x.note];
  const CallText ct = ParseCall(m.str(call.expr));
  j["via"] = "call";
  j["call"] = m.str(call.expr);
  j["call_pos"] = m.FormatPos(call.pos);
  // arg_index counts the source's arguments: a generic wrapper's printed dictionary
  // (`&.dict.F[T]`, argument 0 as printed) is none of them.
  const bool dict = !ct.args.empty() && IsDictionaryArgument(ct.args[0]);
  const size_t printed = static_cast<size_t>(x.arg_index) + (dict ? 1 : 0);
  if (x.arg_index >= 0 && printed < ct.args.size()) {
    j["arg"] = ct.args[printed];
  } else {
    j["arg"] = nullptr;
  }
  j["dictionary"] = dict;
  j["arg_pos"] = x.arg_note == kNone ? Json(nullptr) : Json(m.FormatPos(m.notes[x.arg_note].pos));
  j["arg_index"] = x.arg_index;
  const Function& f = m.functions[x.function];
  j["callee"] = m.str(f.name);
  j["callee_decl"] = Pos(m, f.decl);
  j["param_index"] = x.param_index;
  j["param"] = m.str(m.explanations[c.hops[x.hop].explanation].subject);
  j["receiver"] = f.receiver && x.param_index == 0;
  j["params_from_source"] = f.first_param != kNone;
  j["inlined_body"] = x.inlined_body;
  return j;
}

void VerdictJson(const Model& m, const Chain& c, Json* out) {
  Json& j = *out;
  const Verdict& v = m.verdicts[c.verdict];
  j["verdict"] = {{"kind", VerdictKindName(v.kind)},
                  {"subject", m.str(v.subject)},
                  {"pos", m.FormatPos(v.pos)},
                  {"function", m.FunctionName(v.function)},
                  {"package", m.PackageName(v.package)},
                  {"log_line", v.src.line},
                  {"allocates", IsHeap(v.kind) && v.no_alloc == NoAlloc::kAllocates},
                  {"no_allocation", v.no_alloc == NoAlloc::kAllocates
                                        ? Json(nullptr)
                                        : Json(std::string(NoAllocName(v.no_alloc)))},
                  {"copies", m.SiteCopies(c.verdict)}};
  j["block"] = c.block;
  j["blocks"] = c.blocks;
}

void ChainBody(const Model& m, const Analysis& a, const Chain& c, Json* out) {
  Json& j = *out;
  Json segments = Json::array();
  size_t crossing = 0;
  for (size_t i = 0; i < c.hops.size();) {
    const Explanation& e = m.explanations[c.hops[i].explanation];
    Json seg;
    seg["function"] = m.FunctionName(e.function);
    seg["package"] = m.PackageName(e.package);
    seg["header"] = HeaderOf(m, e);
    seg["pos"] = m.FormatPos(e.pos);
    seg["log_line"] = e.src.line;
    Json steps = Json::array();
    size_t j2 = i;
    uint32_t prev_intro = kNone;
    for (; j2 < c.hops.size() && c.hops[j2].explanation == c.hops[i].explanation &&
           (j2 == i || !c.hops[j2].crosses);
         ++j2) {
      const ChainHop& h = c.hops[j2];
      const FlowStep& s = m.steps[e.first_step + h.step];
      Json notes = Json::array();
      for (uint32_t k = 0; k < s.note_count; ++k) {
        const Note& n = m.notes[s.first_note + k];
        notes.push_back(
            {{"expr", m.str(n.expr)}, {"reason", m.str(n.reason)}, {"pos", m.FormatPos(n.pos)}});
      }
      steps.push_back({{"dst", m.str(s.dst)},
                       {"dst_intro", Intro(m, h.dst_intro)},
                       {"ops", DerefOps(s.derefs)},
                       {"src", m.str(s.src)},
                       {"src_intro", j2 == i ? Json(nullptr) : Intro(m, prev_intro)},
                       {"notes", std::move(notes)}});
      prev_intro = h.dst_intro;
    }
    seg["steps"] = std::move(steps);
    if (crossing < c.crossings.size() && c.crossings[crossing].hop == j2) {
      seg["into"] = Into(m, c, c.crossings[crossing++]);
    }
    segments.push_back(std::move(seg));
    i = j2;
  }
  j["segments"] = std::move(segments);
  std::string_view end = EndName(c.end);
  if (c.end == Chain::End::kOther && !c.hops.empty()) {
    const ChainHop& h = c.hops.back();
    const FlowStep& s = m.steps[m.explanations[h.explanation].first_step + h.step];
    if (m.str(s.dst).substr(0, 2) == "~r") end = "result";  // a leak to a result
  }
  j["end"] = c.stop != Chain::Stop::kNone ? "stop" : end;
  if (c.stop != Chain::Stop::kNone) {
    const std::string call(m.str(m.notes[c.stop_note].expr));
    j["stop"] = {{"kind", StopName(c.stop)},
                 {"callee", CalleeOf(call)},
                 {"call", call},
                 {"text", StopText(m, c)}};
  } else {
    j["stop"] = nullptr;
  }
  j["cause"] = c.cause == kNone ? Json(nullptr) : Json(CauseLabel(m, OwnCallCause(m, a, c)));
}

/// The pattern of a heap verdict (src/patterns.h), as each of its chains carries it.
Json PatternJson(const Model& m, const Verdict& v, const AllocationPattern& p) {
  return {{"id", PatternId(p.pattern)},
          {"second", p.second == Pattern::kCount ? Json(nullptr) : Json(PatternId(p.second))},
          {"where", p.where == kNone ? Json(nullptr) : Json(m.FunctionName(p.where))},
          {"callee", p.callee.empty() ? Json(nullptr) : Json(p.callee)},
          {"final_step", p.final_step},
          {"inline_hint", p.inline_hint.empty() ? Json(nullptr) : Json(p.inline_hint)},
          {"remedy", InfoOf(p.pattern).remedy},
          {"label", PatternLabel(m, v, p)}};
}

Json ChainJson(const Model& m, const Analysis& a, const Chain& c, const Json& pattern) {
  Json j;
  if (c.verdict == kNone) {  // a block no verdict line claims: its header stands for one
    const Explanation& x = m.explanations[c.block];
    j["verdict"] = {{"kind", nullptr},
                    {"subject", m.str(x.subject)},
                    {"pos", m.FormatPos(x.pos)},
                    {"function", m.FunctionName(x.function)},
                    {"package", m.PackageName(x.package)},
                    {"log_line", x.src.line},
                    {"allocates", false},
                    {"no_allocation", nullptr},
                    {"copies", 1}};
    j["block"] = 0;
    j["blocks"] = 1;
  } else {
    VerdictJson(m, c, &j);
  }
  j["pattern"] = pattern;
  ChainBody(m, a, c, &j);
  return j;
}

}  // namespace

void RenderChainsJson(const Model& m, const Analysis& a, const std::vector<uint32_t>& verdicts,
                      bool with_blocks, std::ostream* out) {
  uint64_t in_chains = 0;
  for (const Chain& c : a.chains) in_chains += c.hops.empty() ? 0 : 1;
  JsonWriter w(out);
  w.Raw("{\"schema\":\"escviz-chains/1\",\"blocks\":{\"log\":");
  w.Raw(std::to_string(m.explanations.size()));
  w.Raw(",\"in_chains\":");
  w.Raw(std::to_string(in_chains));
  w.Raw("},\"chains\":[");
  bool first = true;
  const PatternClassifier patterns(m, a);
  for (uint32_t v : verdicts) {
    const auto [begin, end] = ChainsOf(a, v);
    const Verdict& vd = m.verdicts[v];
    const Json pattern = IsHeap(vd.kind) ? PatternJson(m, vd, patterns.Classify(v)) : Json(nullptr);
    Json profile;  // --profile: the site's figures, on each of its chains
    if (m.profile && (IsHeap(vd.kind) || vd.kind == VerdictKind::kDoesNotEscape)) {
      const ProfileFigures f = m.profile->Of(m, v);
      profile = {{"sampled", m.profile->Sampled(m, v)},
                 {"objects", f.objects},
                 {"bytes", f.bytes},
                 {"shared_by", m.profile->SharedBy(m, v)}};
      if (const ProfileLine* line = m.profile->LineOf(m, v); line && !line->also.empty()) {
        profile["line_also"] = line->also;
      }
      if (const ProfileLine* in = m.profile->InlinedFrom(m, v)) {
        profile["inlined_from"] = {
            {"function", in->function},
            {"file", in->log_file != kNone ? std::string(m.str(in->log_file)) : in->file},
            {"line", in->line}};
      }
    }
    for (uint32_t ci = begin; ci < end; ++ci) {
      w.Raw(first ? "\n" : ",\n");
      first = false;
      Json chain = ChainJson(m, a, a.chains[ci], pattern);
      if (!profile.is_null()) chain["profile"] = profile;
      w.Value(chain);
    }
  }
  if (with_blocks) {
    for (uint32_t ci : a.block_chains) {
      w.Raw(first ? "\n" : ",\n");
      first = false;
      w.Value(ChainJson(m, a, a.chains[ci], Json(nullptr)));
    }
  }
  w.Raw("\n]}\n");
}

}  // namespace escviz
