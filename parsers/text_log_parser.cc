#include "parsers/text_log_parser.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include "parsers/classifier.h"
#include "parsers/json_log_parser.h"
#include "parsers/line_pipeline.h"
#include "parsers/line_reader.h"
#include "parsers/model_builder.h"

namespace escviz {

namespace {

/// Reads one opened input into the builder; false on a read error (reported). Lines are read
/// and classified on a second thread (parsers/line_pipeline.h) while this one builds the model.
bool ReadInput(LineReader* reader, const std::string& name, ModelBuilder* builder, Model* model,
               Diagnostics* diag) {
  static const Classifier classifier;
  uint32_t input = builder->BeginInput(name);
  uint64_t line_no = 0;
  LinePipeline pipeline(reader, &classifier);
  while (const LineBatch* batch = pipeline.Next()) {
    for (const ClassifiedLine& line : batch->lines) {
      ++line_no;
      if (line.cut) {
        ++model->overlong_lines;
        diag->Warning(fmt::format("{}: line longer than {} MiB; only its start was read",
                                  Where(name, line_no), LineReader::kMaxLine >> 20));
      }
      builder->AddLine(line.parsed, SourceRef{input, line_no}, line.text);
    }
  }
  if (!reader->error().empty()) {
    diag->Error(fmt::format("{}: read error after line {}: {}", name, line_no, reader->error()));
    return false;
  }
  return true;
}

}  // namespace

bool ParseTextLogs(const std::vector<std::string>& paths_in, Model* model, Diagnostics* diag) {
  std::vector<std::string> paths = paths_in;
  if (paths.empty()) paths.push_back("-");
  ModelBuilder builder(model);
  for (const std::string& path : paths) {
    std::string name = path == "-" ? "<stdin>" : path;
    if (IsJsonLogInput(path)) {  // the -gcflags=-json=0,DIR form: a directory or its files
      if (!ReadJsonLog(path, JsonLogOptions{}, &builder, diag)) return false;
      continue;
    }
    LineReader reader;
    std::string err;
    if (!reader.Open(path, &err)) {
      diag->Error(name + ": " + err);
      return false;
    }
    if (!ReadInput(&reader, name, &builder, model, diag)) return false;
  }
  builder.Finish();
  return true;
}

bool ParseTextMemory(std::string_view data, const std::string& name, Model* model,
                     Diagnostics* diag) {
  int fd = memfd_create("escviz-input", MFD_CLOEXEC);
  if (fd < 0) {
    diag->Error(name + ": memfd_create failed");
    return false;
  }
  for (size_t off = 0; off < data.size();) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n <= 0) {
      close(fd);
      diag->Error(name + ": write to memfd failed");
      return false;
    }
    off += static_cast<size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
  LineReader reader;
  std::string err;
  if (!reader.OpenFd(fd, &err)) {
    diag->Error(name + ": " + err);
    return false;
  }
  ModelBuilder builder(model);
  if (!ReadInput(&reader, name, &builder, model, diag)) return false;
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
  // A log cut off inside an explanation block leaves it incomplete. Blocks without a verdict line
  // after them occur in whole logs too (wrappers and assembly functions get theirs before the
  // block, and whole logs end with such blocks), but every whole block has a flow line and every
  // flow line a `from` note. So the last block of an input is named when it has no verdict after
  // it and lacks either.
  std::vector<uint64_t> last_verdict(model.inputs.size(), 0);
  for (const Verdict& v : model.verdicts) last_verdict[v.src.input] = v.src.line;
  std::vector<const Explanation*> last_block(model.inputs.size(), nullptr);
  for (const Explanation& x : model.explanations) last_block[x.src.input] = &x;
  for (size_t in = 0; in < model.inputs.size(); ++in) {
    // A JSON record is whole or not JSON at all; its last block may lack notes in whole files.
    if (IsJsonFileName(model.inputs[in])) continue;
    const Explanation* x = last_block[in];
    if (x == nullptr || x->verdict != kNone || last_verdict[in] > x->src.line) continue;
    if (x->step_count > 0 && model.steps[x->first_step + x->step_count - 1].note_count > 0)
      continue;
    diag->Warning(fmt::format(
        "{}: the explanation of {} that starts here is incomplete: the input ends inside it "
        "(cut off?)",
        Where(model.inputs[in], x->src.line), model.str(x->subject)));
  }
  return n;
}

}  // namespace escviz
