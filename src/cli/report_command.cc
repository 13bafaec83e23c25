/// `escviz report -o DIR INPUT...`: the HTML report (SPEC section 5) written into DIR. The
/// command loads and analyses; render/report_writer writes the pages into the folder.

#include <unistd.h>

#include <ctime>
#include <iostream>
#include <memory>

#include "parsers/source_tree.h"
#include "render/report_writer.h"
#include "src/cli/command.h"
#include "src/cli/progress.h"
#include "src/cli/report_dir.h"

namespace escviz {
namespace {

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace

int RunReport(const ReportArgs& args, Context& ctx) {
  if (!ReportDir::Check(args.dir, &ctx.diag)) return kExitUsage;  // before the long read
  bool tty = &ctx.diag.stream() == &std::cerr && isatty(STDERR_FILENO);
  Progress progress(&ctx.diag.stream(), tty && !args.quiet);

  progress.Phase("read", 0);
  // One tree for the whole run: attribution, the JSON form's names and the source view.
  std::unique_ptr<SourceTree> sources = NewSourceTree(args.input);
  Model model;
  if (!Load(args.input, &model, &ctx.diag, sources.get())) return kExitUsage;
  progress.Phase("analyse", 0);
  Analysis analysis = Analyze(model);
  ReportDir dir;  // an earlier report is removed only once the input has been read
  if (!dir.Open(args.dir, &ctx.diag)) return kExitUsage;
  ReportOptions options;
  options.meta.version = ESCVIZ_VERSION;
  options.meta.date = UtcNow();
  options.meta.source_root = args.input.no_sources ? std::string() : args.input.source_root;
  options.budget = args.budget;
  ctx.out.flush();  // the drawing process is forked: nothing buffered twice
  bool ok = WriteReport(model, analysis, options, sources.get(), &dir, &progress, &ctx.diag);
  progress.Finish();
  if (sources) sources->WarnRefused(&ctx.diag);  // those the source view found
  if (!ok) return kExitUsage;
  ctx.out << dir.path() << "/index.html\n";
  return kExitOk;
}

}  // namespace escviz
