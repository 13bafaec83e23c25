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
#include "render/summary_render.h"
#include "src/diagnostics.h"
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
  RenderSummary(Summarize(model), opt, &out);
  return kExitOk;
}

struct ExplainArgs {
  std::string at;
  std::string name;
  std::string func;
};

int RunExplain(const Common& c, const ExplainArgs& a, std::ostream& out, Diagnostics* diag) {
  std::optional<PlaceQuery> place;
  if (!a.at.empty()) {
    place = ParsePlace(a.at);
    if (!place) {
      diag->Error("--at wants FILE:LINE or FILE:LINE:COL, got '" + a.at + "'");
      return kExitUsage;
    }
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
    RenderExplain(model, found, &out);
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
  return kExitUsage;
}

}  // namespace escviz
