#include "parsers/text_log_parser.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include "parsers/classifier.h"
#include "parsers/line_reader.h"
#include "src/model_builder.h"

namespace escviz {

bool ParseTextLogs(const std::vector<std::string>& paths_in, Model* model, Diagnostics* diag) {
  std::vector<std::string> paths = paths_in;
  if (paths.empty()) paths.push_back("-");
  static const Classifier classifier;
  ModelBuilder builder(model);
  for (const std::string& path : paths) {
    std::string name = path == "-" ? "<stdin>" : path;
    struct stat st;
    if (path != "-" && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      diag->Error(name + ": is a directory (the -json=0,DIR form is not supported yet)");
      return false;
    }
    LineReader reader;
    std::string err;
    if (!reader.Open(path, &err)) {
      diag->Error(name + ": " + err);
      return false;
    }
    uint32_t input = builder.BeginInput(name);
    uint64_t line_no = 0;
    std::string_view line;
    while (reader.Next(&line)) {
      ++line_no;
      if (reader.cut()) {
        ++model->overlong_lines;
        diag->Warning(fmt::format("{}: line longer than {} MiB; only its start was read",
                                  Where(name, line_no), LineReader::kMaxLine >> 20));
      }
      builder.AddLine(classifier.Classify(line), SourceRef{input, line_no}, line);
    }
    if (!reader.error().empty()) {
      diag->Error(fmt::format("{}: read error after line {}: {}", name, line_no, reader.error()));
      return false;
    }
  }
  builder.Finish();
  return true;
}

uint64_t ReportInputProblems(const Model& model, Diagnostics* diag) {
  for (const Unrecognized& u : model.unrecognized_samples) {
    diag->Warning(fmt::format("{}: unrecognized line: {}",
                              Where(model.inputs[u.src.input], u.src.line), u.text));
  }
  uint64_t n = model.unrecognized_count();
  if (n > model.unrecognized_samples.size()) {
    diag->Warning(fmt::format("{} unrecognized lines in all ({} shown)", n,
                              model.unrecognized_samples.size()));
  }
  for (const Unrecognized& u : model.orphan_samples) {
    diag->Warning(fmt::format("{}: explanation line with no explanation header before it: {}",
                              Where(model.inputs[u.src.input], u.src.line), u.text));
  }
  if (model.orphan_explanation_lines > model.orphan_samples.size()) {
    diag->Warning(fmt::format("{} explanation lines without a header in all ({} shown)",
                              model.orphan_explanation_lines, model.orphan_samples.size()));
  }
  return n;
}

}  // namespace escviz
