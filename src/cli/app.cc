/// The command line: the one file that sees CLI11. Declares every command's options into the
/// plain structs of src/cli/command.h (the options all commands share, once), parses, and runs
/// the command chosen, from one table.

#include "src/cli/app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <new>
#include <string_view>

#include "src/cli/command.h"
#include "src/cli/output_file.h"
#include "src/cli/timings.h"

namespace escviz {
namespace {

/// The parsed options of every command (only the chosen one's are used).
struct AllArgs {
  SummaryArgs summary;
  ExplainArgs explain;
  SitesArgs sites;
  GraphArgs graph;
  ReportArgs report;
  DiffArgs diff;
  ExportArgs export_;
};

// ---------------------------------------------------------------------------------------------
// Options shared by several commands.

/// --strict, --source-root and --no-sources, for every command.
void AddSourceOptions(CLI::App* cmd, LoadOptions* in, const char* root_help) {
  cmd->add_flag("--strict", in->strict, "exit with status 2 if any line is unrecognized");
  CLI::Option* root = cmd->add_option("--source-root", in->source_root, root_help);
  cmd->add_flag("--no-sources", in->no_sources,
                "read no Go source file, not even at absolute paths")
      ->excludes(root);
  cmd->add_flag("--count-no-alloc", in->count_no_alloc,
                "count escapes that allocate nothing (constants, zero-size values) as heap "
                "allocations, in totals, rankings, diff gates and SARIF warnings");
  cmd->add_option("--package", in->scope.prefixes,
                  "only the packages of this import path and below it (repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--module", in->scope.module,
                "only the main module's packages (go.mod's module path; without one, the "
                "packages the log prints at relative paths)");
  cmd->add_flag("--exclude-std", in->scope.exclude_std, "leave out the standard library");
}

/// --profile and --sample-index (issue 23).
void AddProfileOptions(CLI::App* cmd, LoadOptions* in, const char* help) {
  cmd->add_option("--profile", in->profiles, help)->allow_extra_args(false);
  cmd->add_option("--sample-index", in->sample_index,
                  "the profile's figure: alloc_space, alloc_objects, inuse_space or "
                  "inuse_objects")
      ->check(CLI::IsMember({"alloc_space", "alloc_objects", "inuse_space", "inuse_objects"}))
      ->capture_default_str();
}
constexpr const char* kProfileHelp =
    "a pprof heap profile (go test -memprofile, runtime/pprof) joined with the verdicts: "
    "allocations ranked by their bytes (repeatable: the profiles are added)";

/// A count option: a whole number from 0 to a million (a negative or huge one is a mistake).
template <typename T>
CLI::Option* AddCount(CLI::App* cmd, const std::string& name, T* value, const std::string& help) {
  return cmd->add_option(name, *value, help)->check(CLI::Range(0, 1000000));
}

/// The INPUT... arguments and the source options.
void AddInputOptions(CLI::App* cmd, LoadOptions* in) {
  cmd->add_option("inputs", in->paths,
                  "compiler output files, JSON-form directories or snapshots (`-` or none: "
                  "standard input; .gz read transparently)");
  AddSourceOptions(cmd, in,
                   "directory the log's relative source paths (and $GOROOT/) are read under, "
                   "to attribute verdicts to functions; absolute paths are read without it");
}

/// `--format text|json|markdown` (case-insensitive).
void AddOutputFormatOption(CLI::App* cmd, OutputFormat* format) {
  static const std::map<std::string, OutputFormat> kFormats = {
      {"text", OutputFormat::kText},
      {"json", OutputFormat::kJson},
      {"markdown", OutputFormat::kMarkdown}};
  cmd->add_option("--format", *format, "text, json or markdown")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case));
}

// ---------------------------------------------------------------------------------------------
// Each command's options.

void AddSummary(CLI::App* cmd, AllArgs* a) {
  AddInputOptions(cmd, &a->summary.input);
  AddProfileOptions(cmd, &a->summary.input, kProfileHelp);
  AddOutputFormatOption(cmd, &a->summary.render.format);
  AddCount(cmd, "--top", &a->summary.render.top, "rows per ranking")->capture_default_str();
}

void AddExplain(CLI::App* cmd, AllArgs* a) {
  AddInputOptions(cmd, &a->explain.input);
  AddProfileOptions(cmd, &a->explain.input, kProfileHelp);
  cmd->add_option("--at", a->explain.at, "FILE:LINE[:COL]; FILE may be a path suffix");
  cmd->add_option("--name", a->explain.name, "subject expression, e.g. buf or &T{...}");
  cmd->add_option("--func", a->explain.func, "with --name: the enclosing function");
  cmd->add_flag("--all", a->explain.all, "every heap allocation and leaking parameter");
  cmd->add_option("--format", a->explain.format, "text, or json (schema escviz-chains/1)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

void AddSites(CLI::App* cmd, AllArgs* a) {
  SitesArgs& s = a->sites;
  AddInputOptions(cmd, &s.input);
  AddProfileOptions(cmd, &s.input, kProfileHelp);
  cmd->add_option("--format", s.format, "text, tsv (with a header row) or jsonl")
      ->check(CLI::IsMember({"text", "tsv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--pattern", s.patterns, "only allocations of this pattern (repeatable)")
      ->allow_extra_args(false);
}

void AddGraph(CLI::App* cmd, AllArgs* a) {
  GraphArgs& g = a->graph;
  AddInputOptions(cmd, &g.input);
  cmd->add_option("--at", g.at, "chains of the verdicts at FILE:LINE[:COL]");
  cmd->add_option("--func", g.func, "chains of the verdicts in function F");
  AddCount(cmd, "--top", &g.top, "heap chains of the top N causes (default 5)");
  cmd->add_option("--format", g.format, "dot or svg (default: from -o, else dot)")
      ->check(CLI::IsMember({"dot", "svg"}));
  cmd->add_option("-o,--output", g.output, "output file (default: standard output)");
  AddCount(cmd, "--max-nodes", &g.max_nodes, "keep the locations on the most chains; 0: no limit")
      ->capture_default_str();
}

void AddReport(CLI::App* cmd, AllArgs* a) {
  ReportArgs& r = a->report;
  AddInputOptions(cmd, &r.input);
  AddProfileOptions(cmd, &r.input, kProfileHelp);
  cmd->add_option("-o,--output", r.dir, "folder to write the report into (created if missing)")
      ->required();
  AddCount(cmd, "--max-graphs", &r.budget.max_graphs,
           "functions whose chains are drawn as SVG, most heap allocations first")
      ->capture_default_str();
  AddCount(cmd, "--graph-chains", &r.budget.max_chains,
           "draw a function only if it has at most this many chains (0: any)")
      ->capture_default_str();
  AddCount(cmd, "--graph-nodes", &r.budget.max_nodes,
           "nodes per function's picture: keeps the locations on the most chains")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", r.quiet, "no progress bar on standard error");
}

void AddDiff(CLI::App* cmd, AllArgs* a) {
  DiffArgs& d = a->diff;
  cmd->add_option("sides", d.sides, "BASE HEAD: two logs or snapshots (without --base/--head)");
  cmd->add_option("--base", d.base, "a BASE input (repeat for several logs)");
  cmd->add_option("--head", d.head, "a HEAD input (repeat for several logs)");
  AddOutputFormatOption(cmd, &d.render.format);
  cmd->add_option("--fail-on", d.fail_on, "new: exit 1 if HEAD has heap allocations BASE lacks")
      ->check(CLI::IsMember({"new", "none"}))
      ->capture_default_str();
  cmd->add_option("--kinds", d.kinds,
                  "verdict kinds compared: comma list of SPEC 4.1 names, or all "
                  "(default moved_to_heap,escapes_to_heap)");
  cmd->add_option("-o,--output", d.output, "output file (default standard output)");
  AddSourceOptions(cmd, &d.input,
                   "directory the logs' relative source paths are read under (both sides)");
  AddProfileOptions(cmd, &d.input,
                    "HEAD's pprof heap profile: added allocations ranked by their bytes "
                    "(repeatable)");
  cmd->add_option("--base-profile", d.base_profiles, "BASE's pprof heap profile (repeatable)")
      ->allow_extra_args(false);
}

void AddExport(CLI::App* cmd, AllArgs* a) {
  static const std::map<std::string, ExportFormat> kFormats = {{"json", ExportFormat::kJson},
                                                               {"sarif", ExportFormat::kSarif}};
  AddInputOptions(cmd, &a->export_.input);
  AddProfileOptions(cmd, &a->export_.input, kProfileHelp);
  cmd->add_option("--format", a->export_.format,
                  "json (snapshot escviz.snapshot.v2) or sarif (2.1.0)")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case));
  cmd->add_option("-o,--output", a->export_.output,
                  "output file (default standard output; .gz: gzip)");
}

/// Every command, in the order `escviz --help` lists them.
struct CommandEntry {
  const char* name;
  const char* description;
  void (*add)(CLI::App*, AllArgs*);
  int (*run)(const AllArgs&, Context&);
};
const CommandEntry kCommands[] = {
    {"summary", "counts, top packages, files and functions", AddSummary,
     [](const AllArgs& a, Context& c) { return RunSummary(a.summary, c); }},
    {"explain", "why values escape: the chain for a place or name", AddExplain,
     [](const AllArgs& a, Context& c) { return RunExplain(a.explain, c); }},
    {"sites", "one heap allocation per line, with its pattern and cause", AddSites,
     [](const AllArgs& a, Context& c) { return RunSites(a.sites, c); }},
    {"graph", "draw escape chains as DOT or SVG (Graphviz)", AddGraph,
     [](const AllArgs& a, Context& c) { return RunGraph(a.graph, c); }},
    {"report", "the HTML report: index, pages per package and function, sources", AddReport,
     [](const AllArgs& a, Context& c) { return RunReport(a.report, c); }},
    {"diff", "compare two builds: heap allocations added and removed", AddDiff,
     [](const AllArgs& a, Context& c) { return RunDiff(a.diff, c); }},
    {"export", "the whole model as a JSON snapshot (every command reads it back) or SARIF 2.1.0",
     AddExport, [](const AllArgs& a, Context& c) { return RunExport(a.export_, c); }},
};

bool UseColor(std::ostream& err) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  return &err == &std::cerr && isatty(STDERR_FILENO);
}

/// Levenshtein distance, for "did you mean".
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

/// The first argument when it is not an option and names no command, with the nearest
/// command's name (or empty when none is near); false when the argument is fine.
bool UnknownCommand(int argc, char** argv, std::string* nearest) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const std::string_view given = argv[1];
  size_t best = 3;  // at most two edits away
  for (const CommandEntry& entry : kCommands) {
    if (given == entry.name) return false;
    const size_t d = EditDistance(given, entry.name);
    if (d < best) {
      best = d;
      *nearest = entry.name;
    }
  }
  return true;
}

}  // namespace

int Main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  TerminalDiagnostics diag(&err, UseColor(err));
  std::string nearest;
  if (UnknownCommand(argc, argv, &nearest)) {
    diag.Error("unknown command '" + std::string(argv[1]) + "'" +
               (nearest.empty() ? "" : "; did you mean '" + nearest + "'?"));
    err << "Run 'escviz --help' for the commands.\n";
    return kExitUsage;
  }
  CLI::App app{
      "escviz: makes the Go compiler's escape-analysis log readable.\n"
      "Input: the output of go build -gcflags='-m -m' (or -m, -m=3; Go 1.15-1.27)."};
  app.set_version_flag("--version", std::string("escviz ") + ESCVIZ_VERSION);
  app.require_subcommand(1);

  AllArgs args;
  std::vector<std::pair<CLI::App*, const CommandEntry*>> commands;
  for (const CommandEntry& entry : kCommands) {
    CLI::App* sub = app.add_subcommand(entry.name, entry.description);
    entry.add(sub, &args);
    commands.emplace_back(sub, &entry);
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
  Context ctx{out, diag};
  for (auto& [sub, entry] : commands) {
    if (!sub->parsed()) continue;
    int status = kExitUsage;
    try {
      status = entry->run(args, ctx);
    } catch (const std::bad_alloc&) {
      // The models are gone by now (unwound), so there is memory to say which input it was.
      std::string inputs;
      for (const std::string& in : LoadedInputs()) inputs += (inputs.empty() ? "" : " and ") + in;
      diag.Error(std::string(entry->name) + ": out of memory" +
                 (inputs.empty() ? std::string() : " working on " + inputs) +
                 "; read fewer or smaller logs, or give escviz more memory");
    }
    Timings::Get().End();
    // Whatever went to standard output must have arrived (a full disk, a closed pipe); a
    // command that failed has said so already.
    if (status != kExitUsage && !CheckStream(out, "standard output", &diag)) status = kExitUsage;
    return status;
  }
  return kExitUsage;
}

}  // namespace escviz
