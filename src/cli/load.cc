#include <fmt/format.h>

#include <memory>

#include "parsers/source_tree.h"
#include "src/cli/command.h"
#include "src/cli/timings.h"

namespace escviz {

namespace {
std::vector<std::string>& Loaded() {
  static std::vector<std::string> loaded;
  return loaded;
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
  const bool ok = LoadModel(options, sources, model, diag, [](std::string_view phase) {
    Timings::Get().Phase(std::string(phase));
  });
  Timings::Get().Phase("command");
  if (ok) {
    std::string names;
    for (const std::string& in : model->inputs) names += (names.empty() ? "" : ", ") + in;
    Loaded().push_back(fmt::format("{} ({} lines, {} verdicts)", names, model->total_lines,
                                   model->verdicts.size()));
  }
  return ok;
}

bool ParseAtOption(const std::string& text, std::optional<PlaceQuery>* place, Diagnostics* diag) {
  *place = ParsePlace(text);
  if (!*place) diag->Error("--at wants FILE:LINE or FILE:LINE:COL, got '" + text + "'");
  return place->has_value();
}

}  // namespace escviz
