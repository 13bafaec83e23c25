#include "tests/fuzz/fuzz_one.h"

#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include "parsers/json_log_parser.h"
#include "parsers/snapshot_reader.h"
#include "parsers/text_log_parser.h"
#include "render/explain_render.h"
#include "render/graph_draw.h"
#include "render/graph_render.h"
#include "render/report_writer.h"
#include "render/snapshot_writer.h"
#include "render/summary_render.h"
#include "render/terminal_diagnostics.h"
#include "src/chains.h"
#include "src/escape_graph.h"
#include "src/graph_select.h"
#include "src/summary.h"

namespace escviz {
namespace {

/// Every stage after parsing, over the model `m` (parsed or read from a snapshot).
void Stages(const Model& m, std::ostringstream& sink, Diagnostics* diag) {
  ReportInputProblems(m, diag);
  Analysis a = Analyze(m);
  Summary s = Summarize(m, a);
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kMarkdown}) {
    RenderSummary(s, SummaryOptions{f, 10}, &sink);
  }
  std::vector<uint32_t> some;
  for (uint32_t v = 0; v < m.verdicts.size() && v < 20; ++v) some.push_back(v);
  RenderExplain(m, a, some, &sink);
  {
    // explain of a few sites builds only their chains (AnalyzeOnly): the same text.
    std::ostringstream whole, alone;
    RenderExplain(m, a, some, &whole);
    RenderExplain(m, AnalyzeOnly(m, some), some, &alone);
    if (whole.str() != alone.str()) std::abort();
  }
  {
    // The HTML report, into memory; no graphs (drawing is too slow here), no sources.
    struct MemorySink : ReportSink {
      bool Write(std::string_view name, std::string_view data) override {
        return !name.empty() && files.emplace(name, data).second;  // each name once
      }
      std::map<std::string, std::string, std::less<>> files;
    } report;
    ReportOptions options;
    options.budget.max_graphs = 0;
    if (!WriteReport(m, a, options, nullptr, &report, nullptr, diag)) std::abort();
  }
  GraphSelection sel;
  sel.top = 3;
  std::string title;
  std::vector<uint32_t> chains = SelectChains(m, a, sel, &title);
  if (chains.empty()) return;
  DrawGraph d = ToDrawGraph(EscapeGraph(m, a, chains), DrawOptions{title, 40});
  RenderDot(d, &sink);
  if (d.nodes.size() <= 12) {
    std::string err;
    RenderSvg(d, &sink, &err);
  }
}

/// The snapshot reader on untrusted input (snapshots come from CI artifacts): if `text` reads,
/// the read model goes through every stage, and writing it and reading that back gives the
/// same snapshot again.
void FuzzSnapshot(std::string_view text, std::ostringstream& sink, Diagnostics* diag) {
  Model m;
  if (!ReadSnapshot(text, "fuzz.json", &m, diag)) return;
  Stages(m, sink, diag);
  std::ostringstream first, second;
  WriteSnapshot(m, SnapshotOptions{"0"}, &first);
  const std::string written = first.str();
  Model again;
  if (!ReadSnapshot(written, "again.json", &again, diag)) std::abort();
  WriteSnapshot(again, SnapshotOptions{"0"}, &second);
  if (second.str() != written) std::abort();
}

}  // namespace

void FuzzOne(const uint8_t* data, size_t size) {
  std::ostringstream sink;
  TerminalDiagnostics diag(&sink);
  Model m;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // Every input also goes to the snapshot reader; most are refused at the first bytes.
  FuzzSnapshot(text, sink, &diag);
  // Input starting with '{' is one file of the compiler's JSON form; anything else a text log.
  bool json = !text.empty() && text[0] == '{';
  if (json ? !ParseJsonMemory(text, "fuzz.json", &m, &diag)
           : !ParseTextMemory(text, "fuzz.log", &m, &diag)) {
    return;
  }
  if (!json) {
    // Cut into chunks of a few bytes, read on two threads: the same model (parsers/input_chunks.h
    // must never cut a record, nor the pipeline reorder one).
    Model small;
    const size_t chunk = 1 + (size > 0 ? data[size - 1] % 61 : 0);
    if (!ParseTextMemory(text, "fuzz.log", &small, &diag, chunk, 2)) std::abort();
    if (small.total_lines != m.total_lines || small.line_counts != m.line_counts ||
        small.verdicts.size() != m.verdicts.size() ||
        small.explanations.size() != m.explanations.size() ||
        small.steps.size() != m.steps.size() || small.notes.size() != m.notes.size() ||
        small.strings.size() != m.strings.size() || small.overlong_lines != m.overlong_lines ||
        small.unterminated_lines.size() != m.unterminated_lines.size()) {
      std::abort();
    }
  }
  Stages(m, sink, &diag);
}

}  // namespace escviz
