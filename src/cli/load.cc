#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <sstream>

#include "parsers/pprof_profile.h"
#include "parsers/source_tree.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"
#include "src/package_scope.h"
#include "src/profile_join.h"
#include "src/str_util.h"

namespace escviz {

namespace {
std::vector<std::string>& Loaded() {
  static std::vector<std::string> loaded;
  return loaded;
}

/// The main module's path for --module: the `module` line of go.mod in the source root, else in
/// the working folder or a folder above it; empty if there is none.
std::string FindModulePath(const LoadOptions& options) {
  std::error_code ec;
  std::vector<std::filesystem::path> starts;
  if (!options.source_root.empty()) starts.push_back(options.source_root);
  starts.push_back(std::filesystem::current_path(ec));
  for (std::filesystem::path dir : starts) {
    for (int up = 0; up < 64 && !dir.empty(); ++up) {
      std::ifstream in(dir / "go.mod");
      if (in) {
        std::stringstream text;
        text << in.rdbuf();
        const std::string path = ModulePathOf(text.str());
        if (!path.empty()) return path;
      }
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
  }
  return "";
}

/// Restricts the model to the scope, setting `*scope`'s module path as used.
void ApplyScope(const LoadOptions& options, Model* model, Diagnostics* diag, PackageScope* scope) {
  if ((scope->module || scope->exclude_std) && scope->module_path.empty()) {
    scope->module_path = FindModulePath(options);
  }
  const ScopeResult r = RestrictToScope(model, *scope);
  scope->module_path = r.module_path;
  if (r.packages_in == 0) {
    diag->Warning(fmt::format("no package of the log is in the scope ({}): nothing is counted",
                              model->scope));
  }
}

/// The --profile files, read on a thread of their own while the log loads.
struct ProfileReads {
  std::vector<HeapProfile> profiles;
  std::vector<std::string> errors;  ///< one per profile, empty when it was read
};

ProfileReads ReadProfiles(const std::vector<std::string>& paths) {
  ProfileReads r;
  r.profiles.resize(paths.size());
  r.errors.resize(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    try {
      ReadHeapProfile(paths[i], &r.profiles[i], &r.errors[i]);
    } catch (const std::bad_alloc&) {
      r.errors[i] = paths[i] + ": out of memory while reading the profile";
    }
  }
  return r;
}

/// Joins the profiles read with the model (Model::profile).
bool JoinProfileFiles(const LoadOptions& options, const PackageScope& scope, ProfileReads reads,
                      Model* model, Diagnostics* diag, SourceTree* sources) {
  for (const std::string& error : reads.errors) {
    if (!error.empty()) {
      diag->Error(error);
      return false;
    }
  }
  std::vector<HeapProfile>& profiles = reads.profiles;
  Timings::Get().Phase("profile: join");
  auto join = std::make_shared<ProfileJoin>();
  std::string error;
  // Where each file's lines start, found once per file: the join asks for many lines of few
  // files (each inlined allocation's line, each line without a verdict).
  std::map<const std::string*, std::vector<size_t>> starts;
  const SourceLineReader read_line = [sources, &starts](std::string_view path,
                                                        uint32_t line) -> std::string {
    if (sources == nullptr || line == 0) return "";
    const std::string* text = sources->Text(path);
    if (text == nullptr) return "";
    auto [it, added] = starts.try_emplace(text);
    if (added) {
      it->second.push_back(0);
      for (size_t at = text->find('\n'); at != std::string::npos; at = text->find('\n', at + 1)) {
        it->second.push_back(at + 1);
      }
    }
    if (line > it->second.size()) return "";
    const size_t at = it->second[line - 1];
    return text->substr(at, text->find('\n', at) - at);
  };
  if (!JoinProfiles(*model, profiles, options.sample_index, scope, read_line, join.get(), &error)) {
    diag->Error(error);
    return false;
  }
  if (join->explained.bytes == 0 && join->explained.objects == 0 && join->total.objects > 0) {
    diag->Warning(join->PathList() +
                  ": no sampled line has a heap verdict of the log: the profile explains "
                  "nothing here (was the log built from the same code, with -m?)");
  }
  // A profile names the program it was taken of: `/tmp/go-build.../gin.test`, `.../server`.
  // Some package of the log should be named so; a profile of another program that shares the
  // standard library or a dependency with the log matches files and still explains nothing.
  for (const HeapProfile& p : profiles) {
    std::string program = std::filesystem::path(p.main_binary).filename().string();
    for (std::string_view suffix : {".test", ".exe"}) {
      if (program.size() > suffix.size() && EndsWith(program, suffix)) {
        program.resize(program.size() - suffix.size());
      }
    }
    if (program.empty() || program == "main" || program.find_first_of(" [") != std::string::npos) {
      continue;  // `go run`'s binary, or a name that is no program's
    }
    bool named = false;
    for (uint32_t pk = 1; pk < model->packages.size() && !named; ++pk) {
      const std::string_view path = model->str(model->packages[pk].name);
      const std::string_view last = path.substr(path.rfind('/') + 1);
      named = last == program || StartsWith(last, program + "_test");
    }
    if (!named && model->packages.size() > 1) {
      diag->Warning(fmt::format(
          "{}: a profile of the program {}, and no package of the log is named so: a profile "
          "of another program?",
          p.path, p.main_binary));
    }
  }
  model->profile = std::move(join);
  return true;
}

}  // namespace

const std::vector<std::string>& LoadedInputs() { return Loaded(); }

std::unique_ptr<SourceTree> NewSourceTree(const LoadOptions& options) {
  if (options.no_sources) return nullptr;
  return std::make_unique<SourceTree>(options.source_root, /*absolute_paths=*/true);
}

bool Load(const LoadOptions& options, Model* model, Diagnostics* diag, SourceTree* sources) {
  std::unique_ptr<SourceTree> own;
  if (sources == nullptr) {
    own = NewSourceTree(options);
    sources = own.get();
  }
  // The profiles are read meanwhile: the log's sources phases run on one core.
  std::future<ProfileReads> reads;
  if (!options.profiles.empty()) {
    reads = std::async(std::launch::async, ReadProfiles, options.profiles);
  }
  bool ok = LoadModel(options, sources, model, diag,
                      [](std::string_view phase) { Timings::Get().Phase(std::string(phase)); });
  PackageScope scope = options.scope;
  if (ok && !scope.Empty()) ApplyScope(options, model, diag, &scope);
  if (ok && !options.profiles.empty()) {
    Timings::Get().Phase("profile: read (what is left after the log)");
    ok = JoinProfileFiles(options, scope, reads.get(), model, diag, sources);
  }
  Timings::Get().Phase("command");
  if (ok) {
    std::string names;
    for (const std::string& in : model->inputs) names += (names.empty() ? "" : ", ") + in;
    uint64_t verdicts = model->verdicts.size();
    for (const auto& run : model->runs) verdicts += run.second - 1;  // a run is its lines
    Loaded().push_back(
        fmt::format("{} ({} lines, {} verdicts)", names, model->total_lines, verdicts));
  }
  return ok;
}

bool ParseAtOption(const std::string& text, std::optional<PlaceQuery>* place, Diagnostics* diag) {
  *place = ParsePlace(text);
  if (!*place) diag->Error("--at wants FILE:LINE or FILE:LINE:COL, got '" + text + "'");
  return place->has_value();
}

}  // namespace escviz
