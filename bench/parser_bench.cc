// Micro-benchmarks of the parser's hot path (Google Benchmark): classifying each kind of line
// that dominates a -m -m log, reading positions, and parsing a whole real log from memory.
// Run: build/escviz_bench (bench/run.sh runs it with short repetitions).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/classifier.h"
#include "parsers/text_log_parser.h"
#include "render/terminal_diagnostics.h"
#include "src/model.h"
#include "src/position.h"

namespace {

// One line of each frequent kind, copied from the standard-library log (Go 1.19, -m -m).
const char* const kLines[] = {
    "/usr/lib/go-1.19/src/go/types/errors.go:25:22: file escapes to heap:",
    "/usr/lib/go-1.19/src/go/types/errors.go:25:22:   flow: {storage for ... argument} = "
    "&{storage for file}:",
    "/usr/lib/go-1.19/src/go/types/errors.go:25:22:     from file (spill) at "
    "/usr/lib/go-1.19/src/go/types/errors.go:25:22",
    "/usr/lib/go-1.19/src/fmt/print.go:219:12: inlining call to fmt.newPrinter",
    "/usr/lib/go-1.19/src/fmt/print.go:1057:16: leaking param: a",
    "/usr/lib/go-1.19/src/strings/builder.go:45:7: b does not escape",
    "# go/types",
    "this line is noise from another tool",
};

void BM_ClassifyLine(benchmark::State& state) {
  escviz::Classifier c;
  std::string_view line = kLines[state.range(0)];
  for (auto _ : state) benchmark::DoNotOptimize(c.Classify(line));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(line.size()));
  state.SetLabel(std::string(escviz::LineKindName(c.Classify(line).kind)));
}
BENCHMARK(BM_ClassifyLine)->DenseRange(0, sizeof(kLines) / sizeof(kLines[0]) - 1);

void BM_ParsePositionPrefix(benchmark::State& state) {
  std::string_view line = kLines[0];
  for (auto _ : state) {
    escviz::PosText p;
    benchmark::DoNotOptimize(escviz::ParsePositionPrefix(line, &p));
  }
}
BENCHMARK(BM_ParsePositionPrefix);

std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The whole pipeline up to the model (reader, classifier, builder) on a real log held in memory
// (gzip logs are decompressed by the reader, as for files). Reading and classifying run on a
// second thread (parsers/line_pipeline.h), so wall time is what counts; bytes are log bytes.
void BM_ParseLog(benchmark::State& state, const char* sample, int64_t log_bytes) {
  std::string data = ReadFile((std::string(ESCVIZ_SOURCE_DIR "/samples/") + sample).c_str());
  if (data.empty()) {
    state.SkipWithError("sample not found");
    return;
  }
  for (auto _ : state) {
    std::ostringstream sink;
    escviz::TerminalDiagnostics diag(&sink);
    escviz::Model m;
    benchmark::DoNotOptimize(escviz::ParseTextMemory(data, sample, &m, &diag));
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * log_bytes);
}
// Sizes of the uncompressed logs (wc -c).
BENCHMARK_CAPTURE(BM_ParseLog, escdemo_m2, "escdemo.m2.log", 26257)->UseRealTime();
BENCHMARK_CAPTURE(BM_ParseLog, zap_m2, "zap.m2.log.gz", 430364)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
