#include "render/snapshot_writer.h"

#include <nlohmann/json.hpp>

#include "render/escape.h"

namespace escviz {
namespace {

using Json = nlohmann::ordered_json;

/// `kNone` as -1, other indices as themselves.
int64_t Index(uint32_t i) { return i == kNone ? -1 : static_cast<int64_t>(i); }

}  // namespace

std::string WriteSnapshot(const Model& m, const std::string& version) {
  Json j;
  j["schema"] = "escviz.snapshot.v1";
  j["escviz"] = version;
  j["inputs"] = m.inputs;
  Json kinds = Json::array();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    kinds.push_back(VerdictKindName(static_cast<VerdictKind>(k)));
  }
  j["verdict_kinds"] = kinds;
  Json lines = Json::object();
  lines["total"] = m.total_lines;
  for (int k = 0; k < kLineKindCount; ++k) {
    if (m.line_counts[k] != 0) {
      lines[std::string(LineKindName(static_cast<LineKind>(k)))] = m.line_counts[k];
    }
  }
  j["lines"] = lines;
  Json strings = Json::array();
  for (size_t i = 0; i < m.strings.size(); ++i) strings.push_back(m.strings.Get(i));
  j["strings"] = std::move(strings);
  Json packages = Json::array();
  for (const Package& p : m.packages) packages.push_back({p.name, p.variant});
  j["packages"] = std::move(packages);
  Json functions = Json::array();
  for (const Function& f : m.functions) {
    functions.push_back({f.name, f.package, f.decl.file, f.decl.line, f.decl.col});
  }
  j["functions"] = std::move(functions);
  Json verdicts = Json::array();
  for (const Verdict& v : m.verdicts) {
    verdicts.push_back({static_cast<int>(v.kind), v.package, Index(v.function), v.pos.file,
                        v.pos.line, v.pos.col, v.pos.physical, v.subject, v.result, v.level,
                        static_cast<int>(v.attribution)});
  }
  j["verdicts"] = std::move(verdicts);
  Json expls = Json::array();
  for (const Explanation& e : m.explanations) {
    expls.push_back({static_cast<int>(e.kind), e.truncated ? 1 : 0, e.pos.file, e.pos.line,
                     e.pos.col, e.subject, e.leak_dst, e.leak_derefs, e.func, e.package,
                     Index(e.verdict), e.first_step, e.step_count});
  }
  j["explanations"] = std::move(expls);
  Json steps = Json::array();
  for (const FlowStep& s : m.steps) {
    steps.push_back({s.dst, s.src, s.derefs, s.first_note, s.note_count});
  }
  j["steps"] = std::move(steps);
  Json notes = Json::array();
  for (const Note& n : m.notes) {
    notes.push_back({n.expr, n.reason, n.pos.file, n.pos.line, n.pos.col});
  }
  j["notes"] = std::move(notes);
  return JsonTextSafe(j.dump(-1, ' ', false, Json::error_handler_t::replace)) + "\n";
}

}  // namespace escviz
