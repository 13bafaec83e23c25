#pragma once
/// What a command of the command line is, and what every command shares: the input options,
/// loading the model, the --at option, writing output, the exit statuses. One file per command
/// (summary_command.cc, ...) implements Command; app.cc lists them in one table.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/summary_render.h"  // OutputFormat
#include "render/terminal_diagnostics.h"
#include "src/model.h"
#include "src/query.h"

namespace CLI {
class App;
}  // namespace CLI

namespace escviz {
class SourceTree;
}  // namespace escviz

namespace escviz {

constexpr int kExitOk = 0;
constexpr int kExitGate = 1;  ///< a `diff` gate tripped
constexpr int kExitUsage = 2;

/// The streams and diagnostics a command runs with.
struct Context {
  std::istream& in;
  std::ostream& out;
  TerminalDiagnostics& diag;
};

/// One command: declares its options on its CLI11 subcommand, then runs once they are parsed.
class Command {
 public:
  virtual ~Command() = default;
  /// Declares the command's options and positional arguments on `cmd`.
  virtual void AddOptions(CLI::App* cmd) = 0;
  /// Runs the command with the parsed options; returns the exit status.
  virtual int Run(Context& ctx) = 0;
};

std::unique_ptr<Command> NewSummaryCommand();
std::unique_ptr<Command> NewExplainCommand();
std::unique_ptr<Command> NewGraphCommand();
std::unique_ptr<Command> NewReportCommand();
std::unique_ptr<Command> NewDiffCommand();
std::unique_ptr<Command> NewExportCommand();

/// The input options every command that reads logs takes.
struct InputOptions {
  std::vector<std::string> paths;
  bool strict = false;
  std::string source_root;  ///< --source-root: where relative source paths of the log are read
  bool no_sources = false;  ///< --no-sources: read no source file, not even at absolute paths

  /// Declares the INPUT... arguments, --strict, --source-root and --no-sources on `cmd`.
  void AddTo(CLI::App* cmd);
  /// Parses the inputs into `model`, attributes verdicts from the sources that can be read
  /// (parsers/source_attribution.h) and reports problems; false (exit 2) on unreadable input, a
  /// --source-root that is not a directory, or unrecognized lines with --strict. Source files
  /// (for the JSON form's function names and for attribution) are read through `sources`, or a
  /// tree of its own when null; `sources` stays cached for another Load (`diff` reads the same
  /// files for both sides) or the report's source view, and must come from NewSourceTree().
  bool Load(Model* model, Diagnostics* diag, SourceTree* sources = nullptr) const;
  /// A source tree as Load makes one for these options (null with --no-sources).
  std::unique_ptr<SourceTree> NewSourceTree() const;
};

/// Parses an --at value, reporting a malformed one; false if it is malformed.
bool ParseAtOption(const std::string& text, std::optional<PlaceQuery>* place, Diagnostics* diag);

/// Declares `--format text|json|markdown` (case-insensitive) on `cmd`, into `format`.
void AddOutputFormatOption(CLI::App* cmd, OutputFormat* format);

/// Writes `text` to `path`, or to `out` when `path` is empty or `-`; false (reported) on failure.
bool WriteOutput(const std::string& path, const std::string& text, std::ostream& out,
                 Diagnostics* diag);

}  // namespace escviz
