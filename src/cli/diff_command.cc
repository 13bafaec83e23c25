/// `escviz diff BASE HEAD`: what heap allocations (or, with --kinds, other verdicts) HEAD has
/// that BASE lacks, and the reverse. Each side is a log (several with --base/--head repeated) or
/// a snapshot of `escviz export --format json`, told apart by content. `--fail-on new` exits 1
/// when HEAD has a heap allocation BASE lacks.

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

#include "parsers/source_tree.h"
#include "render/diff_render.h"
#include "src/cli/command.h"
#include "src/cli/output_file.h"
#include "src/cli/timings.h"
#include "src/diff.h"
#include "src/profile_join.h"

namespace escviz {
namespace {

/// The packages a model names (not the unnamed one before any header).
std::set<std::string> PackagesOf(const Model& m) {
  std::set<std::string> names;
  for (uint32_t p = 1; p < m.packages.size(); ++p) names.insert(m.PackageName(p));
  return names;
}

/// A side with no package and no verdict is no build log (an empty file, the wrong file, a
/// build without -gcflags=-m): the gate refuses to pass on it, and without the gate it is
/// warned about. So are two sides that share no package (logs of different programs).
bool CheckSides(const DiffArgs& args, const std::vector<std::string>& base,
                const std::vector<std::string>& head, const Model& base_model,
                const Model& head_model, Diagnostics* diag) {
  const std::set<std::string> base_packages = PackagesOf(base_model);
  const std::set<std::string> head_packages = PackagesOf(head_model);
  const bool gate = args.fail_on == "new";
  bool ok = true;
  auto check = [&](const char* side, const std::vector<std::string>& paths, const Model& m,
                   const std::set<std::string>& packages) {
    if (!packages.empty() || !m.verdicts.empty()) return;
    std::string names;
    for (const std::string& p : paths) names += (names.empty() ? "" : ", ") + p;
    std::string msg = std::string(side) + " (" + names +
                      ") holds no package and no verdict: not the log of a build with "
                      "-gcflags='-m -m'";
    if (gate) {
      diag->Error(msg + "; --fail-on new cannot pass on nothing");
      ok = false;
    } else {
      diag->Warning(msg);
    }
  };
  check("BASE", base, base_model, base_packages);
  check("HEAD", head, head_model, head_packages);
  if (ok && !base_packages.empty() && !head_packages.empty()) {
    bool shared = false;
    for (const std::string& p : head_packages) shared = shared || base_packages.count(p) > 0;
    if (!shared) {
      diag->Warning("BASE and HEAD share no package: are they builds of the same program?");
    }
  }
  return ok;
}

}  // namespace

int RunDiff(const DiffArgs& args, Context& ctx) {
  std::vector<std::string> base = args.base, head = args.head;
  if (base.empty() != head.empty() || (!base.empty() && !args.sides.empty()) ||
      (base.empty() && args.sides.size() != 2)) {
    ctx.diag.Error("diff wants BASE HEAD, or --base and --head (repeated for several logs)");
    return kExitUsage;
  }
  if (base.empty()) {
    base = {args.sides[0]};
    head = {args.sides[1]};
  }
  if (std::count(base.begin(), base.end(), "-") + std::count(head.begin(), head.end(), "-") > 1) {
    ctx.diag.Error("standard input (-) is named on both sides: it can be read only once");
    return kExitUsage;
  }
  DiffKinds kinds;
  std::string bad;
  if (!args.kinds.empty() && !kinds.Parse(args.kinds, &bad)) {
    ctx.diag.Error(bad == args.kinds && bad.find_first_not_of(',') == std::string::npos
                       ? "--kinds '" + bad + "' names no verdict kind (SPEC 4.1 names, or all)"
                       : "--kinds: unknown verdict kind '" + bad + "'");
    return kExitUsage;
  }
  // Both sides name mostly the same source files, read from disk as they are now: read once.
  std::unique_ptr<SourceTree> sources = NewSourceTree(args.input);
  LoadOptions base_in = args.input, head_in = args.input;
  base_in.paths = base;
  head_in.paths = head;
  base_in.profiles = args.base_profiles;
  Model base_model, head_model;
  if (!Load(base_in, &base_model, &ctx.diag, sources.get()) ||
      !Load(head_in, &head_model, &ctx.diag, sources.get())) {
    return kExitUsage;
  }
  if (!CheckSides(args, base, head, base_model, head_model, &ctx.diag)) return kExitUsage;
  // Matching and the two analyses only read the models: the matching runs on a thread of
  // its own meanwhile (it takes about as long as both analyses).
  Timings::Get().Phase("diff and analyze");
  DiffResult d;
  std::thread differ([&] { d = Diff(base_model, head_model, kinds); });
  Analysis base_analysis = Analyze(base_model);
  Analysis head_analysis = Analyze(head_model);
  differ.join();
  if (head_model.profile) {  // added allocations by what they cost in HEAD's profile
    const ProfileJoin& join = *head_model.profile;
    std::stable_sort(d.added.begin(), d.added.end(), [&](const DiffEntry& x, const DiffEntry& y) {
      return join.RankOf(head_model, x.verdict) > join.RankOf(head_model, y.verdict);
    });
  }
  if (base_model.profile) {
    const ProfileJoin& join = *base_model.profile;
    std::stable_sort(
        d.removed.begin(), d.removed.end(), [&](const DiffEntry& x, const DiffEntry& y) {
          return join.RankOf(base_model, x.verdict) > join.RankOf(base_model, y.verdict);
        });
  }
  Timings::Get().Phase("render");
  std::vector<std::string> inputs = base;
  inputs.insert(inputs.end(), head.begin(), head.end());
  OutputFile output(ctx.out);
  if (!output.Open(args.output, inputs, &ctx.diag)) return kExitUsage;
  RenderDiff(d, {base_model, base_analysis, head_model, head_analysis}, args.render,
             &output.stream());
  Timings::Get().Phase("free");
  if (!output.Commit(&ctx.diag)) return kExitUsage;
  return args.fail_on == "new" && d.added_heap() > 0 ? kExitGate : kExitOk;
}

}  // namespace escviz
