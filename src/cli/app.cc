#include "src/cli/app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/timings.h"

namespace escviz {
namespace {

/// Every command, in the order `escviz --help` lists them.
struct CommandEntry {
  const char* name;
  const char* description;
  std::unique_ptr<Command> (*make)();
};
const CommandEntry kCommands[] = {
    {"summary", "counts, top packages, files and functions", NewSummaryCommand},
    {"explain", "why values escape: the chain for a place or name", NewExplainCommand},
    {"graph", "draw escape chains as DOT or SVG (Graphviz)", NewGraphCommand},
    {"report", "the HTML report: index, pages per package and function, sources", NewReportCommand},
    {"diff", "compare two builds: heap allocations added and removed", NewDiffCommand},
    {"export", "the whole model as a JSON snapshot (for diff) or SARIF 2.1.0", NewExportCommand},
};

bool UseColor(std::ostream& err) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  return &err == &std::cerr && isatty(STDERR_FILENO);
}

}  // namespace

int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  TerminalDiagnostics diag(&err, UseColor(err));
  CLI::App app{
      "escviz: makes the Go compiler's escape-analysis log readable.\n"
      "Input: the output of go build -gcflags='-m -m' (or -m, -m=3; Go 1.15-1.27)."};
  app.set_version_flag("--version", std::string("escviz ") + ESCVIZ_VERSION);
  app.require_subcommand(1);

  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  for (const CommandEntry& entry : kCommands) {
    CLI::App* sub = app.add_subcommand(entry.name, entry.description);
    commands.emplace_back(sub, entry.make());
    commands.back().second->AddOptions(sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    diag.Error(e.what());
    err << "Run 'escviz --help' for usage.\n";
    return kExitUsage;
  }
  Context ctx{in, out, diag};
  for (auto& [sub, command] : commands) {
    if (!sub->parsed()) continue;
    const int status = command->Run(ctx);
    Timings::Get().End();
    return status;
  }
  return kExitUsage;
}

}  // namespace escviz
