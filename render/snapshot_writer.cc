#include "render/snapshot_writer.h"

#include <fmt/format.h>

#include <iterator>

#include "render/escape.h"

namespace escviz {
namespace {

/// `kNone` as -1, other indices as themselves.
int64_t Index(uint32_t i) { return i == kNone ? -1 : static_cast<int64_t>(i); }

/// Appends `"s"` (JsonEscape: log text stays data).
void Str(std::string_view s, std::string* out) {
  out->push_back('"');
  out->append(JsonEscape(s));
  out->push_back('"');
}

/// Appends `"name":[` + one `[...]` per record (written by `row`) + `]`.
template <typename T, typename Row>
void Records(const char* name, const std::vector<T>& records, Row row, std::string* out) {
  fmt::format_to(std::back_inserter(*out), ",\n\"{}\":[", name);
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->push_back('[');
    row(records[i]);
    out->push_back(']');
  }
  out->push_back(']');
}

}  // namespace

// Written by hand rather than through a JSON library's tree: a standard-library log has
// millions of records, and the tree would take several times the memory of the model.
std::string WriteSnapshot(const Model& m, const std::string& version) {
  std::string out;
  auto o = std::back_inserter(out);
  out += R"({"schema":"escviz.snapshot.v1","escviz":)";
  Str(version, &out);
  out += ",\"inputs\":[";
  for (size_t i = 0; i < m.inputs.size(); ++i) {
    if (i > 0) out.push_back(',');
    Str(m.inputs[i], &out);
  }
  out += "],\n\"verdict_kinds\":[";
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (k > 0) out.push_back(',');
    Str(VerdictKindName(static_cast<VerdictKind>(k)), &out);
  }
  fmt::format_to(o, "],\n\"lines\":{{\"total\":{}", m.total_lines);
  for (int k = 0; k < kLineKindCount; ++k) {
    if (m.line_counts[k] == 0) continue;
    fmt::format_to(o, ",\"{}\":{}", LineKindName(static_cast<LineKind>(k)), m.line_counts[k]);
  }
  out += "},\n\"strings\":[";
  for (size_t i = 0; i < m.strings.size(); ++i) {
    if (i > 0) out.push_back(',');
    Str(m.strings.Get(static_cast<StrId>(i)), &out);
  }
  out.push_back(']');
  Records(
      "packages", m.packages,
      [&](const Package& p) { fmt::format_to(o, "{},{}", p.name, p.variant); }, &out);
  Records(
      "functions", m.functions,
      [&](const Function& f) {
        fmt::format_to(o, "{},{},{},{},{}", f.name, f.package, f.decl.file, f.decl.line,
                       f.decl.col);
      },
      &out);
  Records(
      "verdicts", m.verdicts,
      [&](const Verdict& v) {
        fmt::format_to(o, "{},{},{},{},{},{},{},{},{},{},{}", static_cast<int>(v.kind), v.package,
                       Index(v.function), v.pos.file, v.pos.line, v.pos.col, v.pos.physical,
                       v.subject, v.result, v.level, static_cast<int>(v.attribution));
      },
      &out);
  Records(
      "explanations", m.explanations,
      [&](const Explanation& e) {
        fmt::format_to(o, "{},{},{},{},{},{},{},{},{},{},{},{},{}", static_cast<int>(e.kind),
                       e.truncated ? 1 : 0, e.pos.file, e.pos.line, e.pos.col, e.subject,
                       e.leak_dst, e.leak_derefs, e.func, e.package, Index(e.verdict), e.first_step,
                       e.step_count);
      },
      &out);
  Records(
      "steps", m.steps,
      [&](const FlowStep& s) {
        fmt::format_to(o, "{},{},{},{},{}", s.dst, s.src, s.derefs, s.first_note, s.note_count);
      },
      &out);
  Records(
      "notes", m.notes,
      [&](const Note& n) {
        fmt::format_to(o, "{},{},{},{},{}", n.expr, n.reason, n.pos.file, n.pos.line, n.pos.col);
      },
      &out);
  out += "}\n";
  return out;
}

}  // namespace escviz
