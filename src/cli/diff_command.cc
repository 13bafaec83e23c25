/// `escviz diff BASE HEAD`: what heap allocations (or, with --kinds, other verdicts) HEAD has
/// that BASE lacks, and the reverse. Each side is a log (several with --base/--head repeated) or
/// a snapshot of `escviz export --format json`, told apart by content. `--fail-on new` exits 1
/// when HEAD has a heap allocation BASE lacks.

#include <CLI/CLI.hpp>
#include <sstream>
#include <thread>

#include "parsers/snapshot_reader.h"
#include "parsers/source_tree.h"
#include "render/diff_render.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/diff.h"

namespace escviz {
namespace {

class DiffCommand : public Command {
 public:
  void AddOptions(CLI::App* cmd) override {
    cmd->add_option("sides", sides_, "BASE HEAD: two logs or snapshots (without --base/--head)");
    cmd->add_option("--base", base_, "a BASE input (repeat for several logs)");
    cmd->add_option("--head", head_, "a HEAD input (repeat for several logs)");
    AddOutputFormatOption(cmd, &render_.format);
    cmd->add_option("--fail-on", fail_on_, "new: exit 1 if HEAD has heap allocations BASE lacks")
        ->check(CLI::IsMember({"new", "none"}))
        ->capture_default_str();
    cmd->add_option("--kinds", kinds_,
                    "verdict kinds compared: comma list of SPEC 4.1 names, or all "
                    "(default moved_to_heap,escapes_to_heap)");
    cmd->add_option("-o,--output", output_, "output file (default standard output)");
    cmd->add_flag("--strict", strict_, "exit with status 2 if any line is unrecognized");
    cmd->add_option("--source-root", source_root_,
                    "directory the logs' relative source paths are read under (both sides)");
    cmd->add_flag("--no-sources", no_sources_, "read no Go source file");
  }

  int Run(Context& ctx) override {
    std::vector<std::string> base = base_, head = head_;
    if (base.empty() != head.empty() || (!base.empty() && !sides_.empty()) ||
        (base.empty() && sides_.size() != 2)) {
      ctx.diag.Error("diff wants BASE HEAD, or --base and --head (repeated for several logs)");
      return kExitUsage;
    }
    if (base.empty()) {
      base = {sides_[0]};
      head = {sides_[1]};
    }
    DiffKinds kinds;
    std::string bad;
    if (!kinds_.empty() && !kinds.Parse(kinds_, &bad)) {
      ctx.diag.Error("--kinds: unknown verdict kind '" + bad + "'");
      return kExitUsage;
    }
    Model base_model, head_model;
    if (!Load(base, &base_model, &ctx.diag) || !Load(head, &head_model, &ctx.diag)) {
      return kExitUsage;
    }
    // Matching and the two analyses only read the models: the matching runs on a thread of
    // its own meanwhile (it takes about as long as both analyses).
    Timings::Get().Phase("diff and analyze");
    DiffResult d;
    std::thread differ([&] { d = Diff(base_model, head_model, kinds); });
    Analysis base_analysis = Analyze(base_model);
    Analysis head_analysis = Analyze(head_model);
    differ.join();
    Timings::Get().Phase("render");
    std::ostringstream text;
    RenderDiff(d, {base_model, base_analysis, head_model, head_analysis}, render_, &text);
    Timings::Get().Phase("free");
    if (!WriteOutput(output_, text.str(), ctx.out, &ctx.diag)) return kExitUsage;
    return fail_on_ == "new" && d.added_heap() > 0 ? kExitGate : kExitOk;
  }

 private:
  /// One side: a single snapshot, or logs.
  bool Load(const std::vector<std::string>& paths, Model* m, Diagnostics* diag) {
    for (const std::string& p : paths) {
      if (!IsSnapshotFile(p)) continue;
      if (paths.size() > 1) {
        diag->Error(p + ": a snapshot is a side by itself (not with other inputs)");
        return false;
      }
      return ReadSnapshotFile(p, m, diag);
    }
    InputOptions in;
    in.paths = paths;
    in.strict = strict_;
    in.source_root = source_root_;
    in.no_sources = no_sources_;
    // Both sides name mostly the same source files, read from disk as they are now: read once.
    if (sources_ == nullptr) sources_ = in.NewSourceTree();
    return in.Load(m, diag, sources_.get());
  }

  std::vector<std::string> sides_, base_, head_;
  DiffRenderOptions render_;
  std::string fail_on_ = "none";
  std::string kinds_;
  std::string output_;
  bool strict_ = false;
  std::string source_root_;
  bool no_sources_ = false;
  std::unique_ptr<SourceTree> sources_;  ///< shared by the two sides' Load
};

}  // namespace

std::unique_ptr<Command> NewDiffCommand() { return std::make_unique<DiffCommand>(); }

}  // namespace escviz
