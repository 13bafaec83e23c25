#include "src/cli.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include "parsers/text_log_parser.h"
#include "render/escape.h"
#include "render/explain_render.h"
#include "render/graph_draw.h"
#include "render/graph_render.h"
#include "render/summary_render.h"
#include "src/diagnostics.h"
#include "src/escape_graph.h"
#include "src/graph_select.h"
#include "src/query.h"
#include "src/summary.h"

namespace escviz {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

/// Options every command takes.
struct Common {
  std::vector<std::string> inputs;
  bool strict = false;
};

void AddCommon(CLI::App* cmd, Common* c) {
  cmd->add_option("inputs", c->inputs,
                  "compiler output files (`-` or none: standard input; .gz read transparently)");
  cmd->add_flag("--strict", c->strict, "exit with status 2 if any line is unrecognized");
}

/// Parses the inputs and reports problems; returns false (exit 2) on unreadable input, or on
/// unrecognized lines with --strict.
bool Load(const Common& c, Model* model, Diagnostics* diag) {
  if (!ParseTextLogs(c.inputs, model, diag)) return false;
  uint64_t unrecognized = ReportInputProblems(*model, diag);
  if (c.strict && unrecognized > 0) {
    diag->Error(fmt::format("{} unrecognized line{} (--strict)", unrecognized,
                            unrecognized == 1 ? "" : "s"));
    return false;
  }
  return true;
}

const std::map<std::string, OutputFormat> kFormats = {{"text", OutputFormat::kText},
                                                      {"json", OutputFormat::kJson},
                                                      {"markdown", OutputFormat::kMarkdown}};

int RunSummary(const Common& c, const SummaryOptions& opt, std::ostream& out, Diagnostics* diag) {
  Model model;
  if (!Load(c, &model, diag)) return kExitUsage;
  RenderSummary(Summarize(model, Analyze(model)), opt, &out);
  return kExitOk;
}

/// Parses an --at value, reporting a malformed one.
bool ParseAt(const std::string& text, std::optional<PlaceQuery>* place, Diagnostics* diag) {
  *place = ParsePlace(text);
  if (!*place) diag->Error("--at wants FILE:LINE or FILE:LINE:COL, got '" + text + "'");
  return place->has_value();
}

struct ExplainArgs {
  std::string at;
  std::string name;
  std::string func;
};

int RunExplain(const Common& c, const ExplainArgs& a, std::ostream& out, Diagnostics* diag) {
  std::optional<PlaceQuery> place;
  if (!a.at.empty()) {
    if (!ParseAt(a.at, &place, diag)) return kExitUsage;
  }
  if (!place && a.name.empty()) {
    diag->Error("explain needs --at FILE:LINE[:COL] or --name EXPR");
    return kExitUsage;
  }
  Model model;
  if (!Load(c, &model, diag)) return kExitUsage;
  std::vector<uint32_t> found;
  if (place) {
    found = FindAt(model, *place);
    if (!a.name.empty() || !a.func.empty()) {
      std::vector<uint32_t> keep;
      for (uint32_t v : found) {
        if (!a.name.empty() && model.str(model.verdicts[v].subject) != a.name) continue;
        if (!a.func.empty() && !FunctionMatches(model, model.verdicts[v].function, a.func)) {
          continue;
        }
        keep.push_back(v);
      }
      found.swap(keep);
    }
  } else {
    found = FindByName(model, a.name, a.func);
  }
  if (!found.empty()) {
    RenderExplain(model, Analyze(model), found, &out);
    return kExitOk;
  }
  if (place) {
    diag->Error("no verdict at " + a.at);
    std::vector<uint32_t> near = Nearest(model, *place, 5);
    if (near.empty()) {
      diag->Note("no verdict in any file matching '" + place->file + "'");
    } else {
      diag->Note("nearest verdicts in that file:");
      for (uint32_t v : near)
        diag->stream() << "  " << TerminalSafe(VerdictLine(model, model.verdicts[v])) << "\n";
    }
  } else {
    diag->Error("no verdict for '" + a.name + "'" + (a.func.empty() ? "" : " in " + a.func));
  }
  return kExitUsage;
}

struct GraphArgs {
  std::string at, func, package, format, output;
  size_t top = 0;
  size_t max_nodes = 60;
};

/// Writes `text` to `path`, or to `out` when `path` is empty or `-`.
bool WriteOutput(const std::string& path, const std::string& text, std::ostream& out,
                 Diagnostics* diag) {
  if (path.empty() || path == "-") {
    out << text;
    return true;
  }
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) {
    diag->Error(path + ": cannot write");
    return false;
  }
  return true;
}

int RunGraph(const Common& c, const GraphArgs& g, std::ostream& out, Diagnostics* diag) {
  GraphSelection sel;
  if (!g.at.empty()) {
    if (!ParseAt(g.at, &sel.at, diag)) return kExitUsage;
  }
  sel.func = g.func;
  sel.package = g.package;
  sel.top = g.top;
  if (!sel.at && sel.func.empty() && sel.package.empty() && sel.top == 0) sel.top = 5;
  std::string format = g.format;
  if (format.empty()) {
    bool svg = g.output.size() > 4 && g.output.substr(g.output.size() - 4) == ".svg";
    format = svg ? "svg" : "dot";
  }
  Model model;
  if (!Load(c, &model, diag)) return kExitUsage;
  Analysis analysis = Analyze(model);
  DrawOptions opt;
  std::vector<uint32_t> chains = SelectChains(model, analysis, sel, &opt.title);
  if (chains.empty()) {
    diag->Error("nothing to draw: no explained verdict matches (" + opt.title + ")");
    return kExitUsage;
  }
  opt.max_nodes = g.max_nodes;
  DrawGraph picture = ToDrawGraph(EscapeGraph(model, analysis, chains), opt);
  std::string text;
  if (format == "svg") {
    std::string err;
    if (!RenderSvg(picture, &text, &err)) {
      diag->Error("graphviz: " + err);
      return kExitUsage;
    }
  } else {
    text = RenderDot(picture);
  }
  return WriteOutput(g.output, text, out, diag) ? kExitOk : kExitUsage;
}

bool UseColor(std::ostream& err) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  return &err == &std::cerr && isatty(STDERR_FILENO);
}

}  // namespace

int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  Diagnostics diag(&err, UseColor(err));
  CLI::App app{
      "escviz: makes the Go compiler's escape-analysis log readable.\n"
      "Input: the output of go build -gcflags='-m -m' (or -m, -m=3; Go 1.15-1.26)."};
  app.set_version_flag("--version", std::string("escviz ") + ESCVIZ_VERSION);
  app.require_subcommand(1);

  Common common;
  SummaryOptions summary_opt;
  auto* summary = app.add_subcommand("summary", "counts, top packages, files and functions");
  AddCommon(summary, &common);
  summary->add_option("--format", summary_opt.format, "text, json or markdown")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case));
  summary->add_option("--top", summary_opt.top, "rows per ranking")->capture_default_str();

  ExplainArgs explain_args;
  auto* explain = app.add_subcommand("explain", "why values escape: the chain for a place or name");
  AddCommon(explain, &common);
  explain->add_option("--at", explain_args.at, "FILE:LINE[:COL]; FILE may be a path suffix");
  explain->add_option("--name", explain_args.name, "subject expression, e.g. buf or &T{...}");
  explain->add_option("--func", explain_args.func, "with --name: the enclosing function");

  GraphArgs graph_args;
  auto* graph = app.add_subcommand("graph", "draw escape chains as DOT or SVG (Graphviz)");
  AddCommon(graph, &common);
  graph->add_option("--at", graph_args.at, "chains of the verdicts at FILE:LINE[:COL]");
  graph->add_option("--func", graph_args.func, "chains of the verdicts in function F");
  graph->add_option("--package", graph_args.package, "heap chains of package P");
  graph->add_option("--top", graph_args.top, "heap chains of the top N causes (default 5)");
  graph->add_option("--format", graph_args.format, "dot or svg (default: from -o, else dot)")
      ->check(CLI::IsMember({"dot", "svg"}));
  graph->add_option("-o,--output", graph_args.output, "output file (default: standard output)");
  graph
      ->add_option("--max-nodes", graph_args.max_nodes,
                   "keep the locations on the most chains; 0: no limit")
      ->capture_default_str();

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
  (void)in;
  if (summary->parsed()) return RunSummary(common, summary_opt, out, &diag);
  if (explain->parsed()) return RunExplain(common, explain_args, out, &diag);
  if (graph->parsed()) return RunGraph(common, graph_args, out, &diag);
  return kExitUsage;
}

}  // namespace escviz
