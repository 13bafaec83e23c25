#pragma once
/// What every command shares: the streams it runs with, the exit statuses, and what its options
/// are once parsed. The options are declared for the command line in one place (src/cli/app.cc,
/// the only file that sees CLI11); each command is a function over a plain struct of its options,
/// one file per command (summary_command.cc, ...).

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parsers/load_model.h"
#include "render/diff_render.h"
#include "render/report_graphs.h"
#include "render/summary_render.h"
#include "render/terminal_diagnostics.h"
#include "src/model.h"
#include "src/query.h"

namespace escviz {

constexpr int kExitOk = 0;
constexpr int kExitGate = 1;  ///< a `diff` gate tripped
constexpr int kExitUsage = 2;

/// The stream for results and the diagnostics a command runs with. Inputs are named by path
/// (`-` is standard input, read by file descriptor).
struct Context {
  std::ostream& out;
  TerminalDiagnostics& diag;
};

struct SummaryArgs {
  LoadOptions input;
  SummaryOptions render;
};

struct ExplainArgs {
  LoadOptions input;
  std::string at, name, func;   ///< --at FILE:LINE[:COL], --name EXPR, --func F
  bool all = false;             ///< --all: every verdict with a chain
  std::string format = "text";  ///< --format text|json
};

struct SitesArgs {
  LoadOptions input;
  std::string format = "text";        ///< --format text|tsv|jsonl
  std::vector<std::string> patterns;  ///< --pattern ID (repeatable)
};

struct GraphArgs {
  LoadOptions input;
  std::string at, func;
  size_t top = 0;         ///< --top N causes (0: not given)
  std::string format;     ///< dot, svg, or empty: from the output name
  std::string output;     ///< -o FILE, or empty for standard output
  size_t max_nodes = 60;  ///< --max-nodes; 0: no limit
};

struct ReportArgs {
  LoadOptions input;
  std::string dir;  ///< -o DIR
  GraphBudget budget;
  bool quiet = false;  ///< -q: no progress bar
};

enum class ExportFormat { kJson, kSarif };

struct ExportArgs {
  LoadOptions input;
  ExportFormat format = ExportFormat::kJson;
  std::string output;  ///< -o FILE (`.gz`: gzip), or empty for standard output
};

struct DiffArgs {
  LoadOptions input;  ///< --strict, --source-root, --no-sources for both sides (paths unused)
  std::vector<std::string> sides, base, head;
  std::vector<std::string> base_profiles;  ///< --base-profile (input.profiles: HEAD's)
  DiffRenderOptions render;
  std::string fail_on = "none";  ///< new | none
  std::string kinds;             ///< --kinds, empty for the default
  std::string output;
};

int RunSummary(const SummaryArgs& args, Context& ctx);
int RunExplain(const ExplainArgs& args, Context& ctx);
int RunGraph(const GraphArgs& args, Context& ctx);
int RunSites(const SitesArgs& args, Context& ctx);
int RunReport(const ReportArgs& args, Context& ctx);
int RunExport(const ExportArgs& args, Context& ctx);
int RunDiff(const DiffArgs& args, Context& ctx);

/// The one source tree of a run, for `options` (null with --no-sources): every reader of Go
/// sources (attribution, the JSON form's names, the report's source view, SARIF) uses it.
std::unique_ptr<SourceTree> NewSourceTree(const LoadOptions& options);

/// LoadModel (parsers/load_model.h) with the command layer's phase timings. With `sources`,
/// source files are read through it (it stays filled for another load); else through a tree of
/// its own made for `options`.
bool Load(const LoadOptions& options, Model* model, Diagnostics* diag,
          SourceTree* sources = nullptr);

/// What the models loaded so far in this run hold (`a.log (1403693 lines, 74026 verdicts)`,
/// one entry per Load), so that running out of memory afterwards names the input it was for.
const std::vector<std::string>& LoadedInputs();

/// Parses an --at value, reporting a malformed one; false if it is malformed.
bool ParseAtOption(const std::string& text, std::optional<PlaceQuery>* place, Diagnostics* diag);

}  // namespace escviz
