#pragma once
/// The whole HTML report (SPEC section 5, README "The HTML report") written file by file into a
/// sink: which pages there are, which files get a source page, which graphs are drawn, and the
/// second process that draws part of them. The command hands it a folder (src/cli/report_dir);
/// tests and the fuzz target a sink in memory.

#include <cstdint>
#include <string>
#include <string_view>

#include "render/report_context.h"
#include "render/report_graphs.h"
#include "src/chains.h"
#include "src/diagnostics.h"
#include "src/model.h"
#include "src/source_files.h"

namespace escviz {

/// Where the report's files go.
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  /// Writes `data` as the report file `name` (`index.html`, `f/12.html`, `g/3.svg`); false,
  /// reported by the sink, if it cannot.
  virtual bool Write(std::string_view name, std::string_view data) = 0;
  /// True if what a forked child process writes lands too (files in a folder): then a second
  /// process draws graphs while this one writes the pages.
  virtual bool SharedWithChild() const { return false; }
};

/// How far writing has come, phase by phase (`pages`, `graphs`).
class ReportProgress {
 public:
  virtual ~ReportProgress() = default;
  /// Starts a phase of `total` steps.
  virtual void Phase(std::string name, uint64_t total) = 0;
  /// Marks `n` more steps of the phase done.
  virtual void Advance(uint64_t n = 1) = 0;
};

struct ReportOptions {
  ReportMeta meta;  ///< its max_graphs and max_graph_chains are taken from `budget`
  GraphBudget budget;
};

/// Writes every file of the report of `m` and `a` into `sink`: assets, search data, index,
/// tables, causes and choke points, one page per package and per ranked function, a source page
/// per file with verdicts that `sources` finds under the source root (none when null), and the
/// graphs the budget allows (Graphviz keeps global state, so with a sink shared with a child
/// process, a forked child draws two graphs in three while this process writes the pages; C and
/// C++ standard streams are flushed before). `progress` may be null. False if a write failed or
/// the second process did not finish well (reported on `diag` or by the sink).
bool WriteReport(const Model& m, const Analysis& a, const ReportOptions& options,
                 SourceFiles* sources, ReportSink* sink, ReportProgress* progress,
                 Diagnostics* diag);

}  // namespace escviz
