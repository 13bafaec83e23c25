#include "parsers/json_log_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
#include <tuple>

#include "parsers/classifier.h"
#include "parsers/json_record.h"
#include "parsers/json_translator.h"
#include "parsers/line_reader.h"
#include "src/str_util.h"

namespace escviz {

namespace {

namespace fs = std::filesystem;

/// Problems shown one by one before only the count is.
constexpr size_t kShownProblems = 10;

/// Reads a whole input: its files, the package state and the counts of what was not used.
class JsonReader {
 public:
  JsonReader(const JsonLogOptions& options, ModelBuilder* builder, Diagnostics* diag)
      : translator_(options.sources), builder_(builder), diag_(diag) {}

  /// Reads the headers of `files` first, to know each package's own directory: the one most
  /// of its files are in (others hold code inlined from other packages).
  void ScanHeaders(const std::vector<std::string>& files);
  bool ReadFile(const std::string& path);
  /// Reads one file from an opened reader; `path` names it in messages.
  bool Read(LineReader* reader, const std::string& path);
  /// Says what was not used and where names could not be read.
  void Summarize(const std::string& input);

 private:
  /// A line that is not a diagnostic: warned about (the first few) and counted unrecognized.
  void BadLine(const std::string& path, uint32_t input, uint64_t line_no, std::string_view text,
               const std::string& why);

  static const Classifier& classifier() {
    static const Classifier c;
    return c;
  }

  JsonTranslator translator_;
  ModelBuilder* builder_;
  Diagnostics* diag_;
  std::string package_;
  std::map<std::string, std::map<std::string, int>> package_dirs_;  ///< package -> dir -> files
  bool in_package_ = false;
  uint64_t bad_lines_ = 0;
  uint64_t unusable_records_ = 0;
  uint64_t records_ = 0;
};

void JsonReader::BadLine(const std::string& path, uint32_t input, uint64_t line_no,
                         std::string_view text, const std::string& why) {
  if (++bad_lines_ <= kShownProblems)
    diag_->Warning(fmt::format("{}: {}", Where(path, line_no), why));
  ParsedLine p;  // kUnrecognized
  builder_->AddLine(p, SourceRef{input, line_no}, text);
}

void JsonReader::ScanHeaders(const std::vector<std::string>& files) {
  for (const std::string& f : files) {
    LineReader reader;
    std::string_view line;
    std::string err;
    JsonHeader header;
    if (!reader.Open(f, &err) || !reader.Next(&line) || !ParseJsonHeader(line, &header, &err))
      continue;  // reported when the file is read
    size_t slash = header.file.rfind('/');
    if (slash != std::string::npos) ++package_dirs_[header.package][header.file.substr(0, slash)];
  }
}

bool JsonReader::ReadFile(const std::string& path) {
  LineReader reader;
  std::string err;
  if (!reader.Open(path, &err)) {
    diag_->Error(path + ": " + err);
    return false;
  }
  return Read(&reader, path);
}

bool JsonReader::Read(LineReader* in, const std::string& path) {
  LineReader& reader = *in;
  std::string err;
  std::string_view line;
  if (!reader.Next(&line)) {
    diag_->Error(reader.error().empty() ? Where(path, 1) +
                                              ": empty file; a header of the compiler's JSON form "
                                              "(-gcflags=-json=0,DIR) was expected"
                                        : path + ": " + reader.error());
    return false;
  }
  JsonHeader header;
  if (reader.cut() || !ParseJsonHeader(line, &header, &err)) {
    diag_->Error(
        fmt::format("{}: {}; a header of the compiler's JSON form "
                    "(-gcflags=-json=0,DIR) was expected",
                    Where(path, 1), reader.cut() ? "line too long" : err));
    return false;
  }
  bool same_package = in_package_ && header.package == package_;
  uint32_t input = builder_->BeginInput(path, same_package);
  if (!same_package) {
    // The package header the text log would have: `# path`.
    std::string text = "# " + header.package;
    builder_->AddLine(classifier().Classify(text), SourceRef{input, 1}, text);
    std::string dir;
    int most = 0;
    for (const auto& [d, n] : package_dirs_[header.package]) {
      if (n > most) std::tie(dir, most) = std::tie(d, n);
    }
    translator_.BeginPackage(dir);
    package_ = header.package;
    in_package_ = true;
  }
  std::vector<NumberedDiagnostic> diags;
  uint64_t line_no = 1;
  while (reader.Next(&line)) {
    ++line_no;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      ParsedLine blank;
      blank.kind = LineKind::kBlank;
      builder_->AddLine(blank, SourceRef{input, line_no}, line);
      continue;
    }
    NumberedDiagnostic d;
    d.json_line = line_no;
    if (reader.cut()) {
      BadLine(path, input, line_no, line.substr(0, 200),
              fmt::format("line longer than {} MiB; skipped", LineReader::kMaxLine >> 20));
    } else if (!ParseJsonDiagnostic(line, &d.diag, &err)) {
      BadLine(path, input, line_no, line, err + "; skipped (cut off?)");
    } else {
      diags.push_back(std::move(d));
    }
  }
  if (!reader.error().empty()) {
    diag_->Error(fmt::format("{}: read error after line {}: {}", path, line_no, reader.error()));
    return false;
  }
  if (!reader.warning().empty()) diag_->Warning(path + ": " + reader.warning());

  records_ += diags.size();
  std::vector<JsonTextLine> lines;
  translator_.Translate(header, diags, &lines);
  for (const JsonTextLine& l : lines) {
    ParsedLine p;
    if (l.kind == LineKind::kCount) {
      p = classifier().Classify(l.text);
    } else {
      p.kind = l.kind;
    }
    if (p.kind == LineKind::kUnrecognized) ++unusable_records_;
    builder_->AddLine(p, SourceRef{input, l.json_line}, l.text);
  }
  return true;
}

void JsonReader::Summarize(const std::string& input) {
  if (bad_lines_ > 0) {
    diag_->Warning(
        fmt::format("{}: {} lines in all were not diagnostics of the JSON form and were "
                    "skipped",
                    input, bad_lines_));
  }
  if (unusable_records_ > 0) {
    diag_->Warning(
        fmt::format("{}: {} of {} records could not be used (shown as unrecognized "
                    "lines)",
                    input, unusable_records_, records_));
  }
  if (translator_.files_without_source() > 0) {
    diag_->Note(
        fmt::format("{}: the Go sources of {} of {} files were not readable: their "
                    "functions are named func@FILE:LINE:COL",
                    input, translator_.files_without_source(),
                    translator_.files_without_source() + translator_.files_with_source()));
  }
}

}  // namespace

bool IsJsonFileName(const std::string& path) {
  return EndsWith(path, ".json") || EndsWith(path, ".json.gz");
}

bool ReadJsonLog(const std::string& path, const JsonLogOptions& options, ModelBuilder* builder,
                 Diagnostics* diag) {
  std::error_code ec;
  std::vector<std::string> files;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> others;
    fs::recursive_directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string p = it->path().string();
      (IsJsonFileName(p) ? files : others).push_back(p);
    }
    std::sort(others.begin(), others.end());
    for (size_t i = 0; i < others.size() && i < kShownProblems; ++i) {
      diag->Warning(others[i] + ": not a .json file of the compiler's JSON form; skipped");
    }
    if (others.size() > kShownProblems) {
      diag->Warning(fmt::format("{}: {} files in all that are not .json files were skipped", path,
                                others.size()));
    }
    if (ec) {
      diag->Error(path + ": " + ec.message());
      return false;
    }
    if (files.empty()) {
      diag->Error(path +
                  ": no .json files in this directory (expected the DIR of "
                  "-gcflags=-json=0,DIR, one of its package directories, or a text log)");
      return false;
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  JsonReader reader(options, builder, diag);
  reader.ScanHeaders(files);
  for (const std::string& f : files) {
    if (!reader.ReadFile(f)) return false;
  }
  reader.Summarize(path);
  return true;
}

bool ParseJsonLogs(const std::vector<std::string>& paths, const JsonLogOptions& options,
                   Model* model, Diagnostics* diag) {
  ModelBuilder builder(model);
  for (const std::string& p : paths) {
    if (!ReadJsonLog(p, options, &builder, diag)) return false;
  }
  builder.Finish();
  return true;
}

bool ParseJsonMemory(std::string_view data, const std::string& name, Model* model,
                     Diagnostics* diag) {
  LineReader reader;
  std::string err;
  if (!reader.OpenMemory(data, &err)) {
    diag->Error(name + ": " + err);
    return false;
  }
  ModelBuilder builder(model);
  JsonReader json(JsonLogOptions{}, &builder, diag);
  if (!json.Read(&reader, name)) return false;
  json.Summarize(name);
  builder.Finish();
  return true;
}

}  // namespace escviz
