// Tests for parsers/input_chunks.h and parsers/line_pipeline.h: whatever the chunk size, the
// number of worker threads, and whether input is mapped or streamed, the pipeline hands out the
// records LineReader's lines make, in order: same text, same physical line counts, same cut
// flags, same unterminated last line. The reference is LineReader plus RecordTracker, line by
// line, on one thread.

#include "parsers/input_chunks.h"

#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "parsers/classifier.h"
#include "parsers/line_pipeline.h"
#include "parsers/line_reader.h"
#include "parsers/model_builder.h"
#include "parsers/record_tracker.h"
#include "parsers/text_log_parser.h"
#include "tests/test_support.h"

using escviz::InputChunks;
using escviz::LineReader;

namespace {

struct Record {
  std::string text;
  uint32_t lines;
  bool cut;
  bool operator==(const Record& o) const {
    return text == o.text && lines == o.lines && cut == o.cut;
  }
};

struct Records {
  std::vector<Record> records;
  bool unterminated = false;
  /// One-line records that carry nothing (blank, unrecognized), which the pipeline may fold into
  /// counts (parsers/line_pipeline.h): counted here, and left out of `records`.
  uint64_t blank = 0, unrecognized = 0;
};

/// Moves the one-line, uncut blank and unrecognized records out of `r->records` into its counts,
/// so that the reference and the pipeline compare the records that carry something in order,
/// and the others by number.
void FoldContentFree(Records* r) {
  static const escviz::Classifier classifier;
  std::vector<Record> kept;
  for (Record& rec : r->records) {
    const escviz::LineKind kind = classifier.Classify(rec.text).kind;
    const bool free = rec.lines == 1 && !rec.cut &&
                      (kind == escviz::LineKind::kBlank || kind == escviz::LineKind::kUnrecognized);
    if (!free) {
      kept.push_back(std::move(rec));
    } else {
      ++(kind == escviz::LineKind::kBlank ? r->blank : r->unrecognized);
    }
  }
  r->records = std::move(kept);
}

/// The reference: LineReader's lines, joined into records by RecordTracker.
Records Expected(const std::string& data) {
  LineReader reader;
  std::string err;
  REQUIRE(reader.OpenMemory(data, &err));
  Records out;
  escviz::RecordTracker tracker;
  std::string_view line;
  while (reader.Next(&line)) {
    if (tracker.Feed(line) || out.records.empty()) {
      out.records.push_back(Record{std::string(line), 1, reader.cut()});
    } else {
      Record& r = out.records.back();
      r.text += '\n';
      r.text.append(line);
      ++r.lines;
      r.cut |= reader.cut();
    }
  }
  REQUIRE(reader.error().empty());
  out.unterminated = reader.unterminated();
  FoldContentFree(&out);
  return out;
}

Records ThroughPipeline(InputChunks* input, int workers) {
  static const escviz::Classifier classifier;
  escviz::LinePipeline pipeline(input, &classifier, workers);
  Records out;
  while (const escviz::LineBatch* b = pipeline.Next()) {
    for (const escviz::ClassifiedLine& cl : b->lines) {
      out.records.push_back(Record{std::string(cl.text), cl.lines, cl.cut});
      out.blank += cl.more_blank;
      out.unrecognized += cl.more_unrecognized;
    }
    out.unterminated = b->raw.unterminated;
  }
  REQUIRE(input->error().empty());
  FoldContentFree(&out);
  return out;
}

/// Checks the pipeline against the reference for `data`, mapped and streamed (gzip), at several
/// chunk sizes and thread counts.
void CheckAllWays(const std::string& data, const std::vector<size_t>& chunk_sizes,
                  const std::vector<int>& worker_counts = {0, 1, 3}) {
  const Records want = Expected(data);
  escviz::test::TempDir dir;
  const std::string gz = dir.path() + "/in.gz";
  {
    gzFile f = gzopen(gz.c_str(), "wb1");
    REQUIRE(f != nullptr);
    for (size_t done = 0; done < data.size();) {
      const unsigned n = static_cast<unsigned>(std::min<size_t>(data.size() - done, 1u << 20));
      REQUIRE(gzwrite(f, data.data() + done, n) == static_cast<int>(n));
      done += n;
    }
    REQUIRE(gzclose(f) == Z_OK);
  }
  for (size_t chunk : chunk_sizes) {
    for (int workers : worker_counts) {
      for (bool mapped : {true, false}) {
        INFO("chunk bytes " << chunk << ", workers " << workers
                            << (mapped ? ", mapped" : ", streamed"));
        InputChunks input(chunk);
        std::string err;
        REQUIRE((mapped ? input.OpenMemory(data, &err) : input.Open(gz, &err)));
        CHECK(input.mapped() == (mapped && !data.empty()));
        const Records got = ThroughPipeline(&input, workers);
        CHECK(got.blank == want.blank);
        CHECK(got.unrecognized == want.unrecognized);
        REQUIRE(got.records.size() == want.records.size());
        size_t first_difference = 0;
        while (first_difference < want.records.size() &&
               got.records[first_difference] == want.records[first_difference]) {
          ++first_difference;
        }
        if (first_difference < want.records.size()) {
          const Record& g = got.records[first_difference];
          const Record& w = want.records[first_difference];
          FAIL_CHECK("record " << first_difference << " differs: lines " << g.lines << " vs "
                               << w.lines << ", cut " << g.cut << " vs " << w.cut << ", "
                               << g.text.size() << " vs " << w.text.size() << " bytes: "
                               << g.text.substr(0, 100) << " | " << w.text.substr(0, 100));
        }
        CHECK(got.unterminated == want.unterminated);
      }
    }
  }
}

const std::vector<size_t> kSmallChunks = {1, 2, 3, 7, 16, 64, 1000};

}  // namespace

TEST_CASE("lines that carry nothing are counted, not kept: a batch of noise stays small",
          "[input_chunks]") {
  // 200,000 blank lines and 200,000 unrecognized ones, then a verdict: the model counts every
  // line, keeps the verdict, and a batch holds a handful of records, not 400,001.
  std::string data;
  for (int i = 0; i < 200000; ++i) data += "\n";
  for (int i = 0; i < 200000; ++i) data += "noise\n";
  data += "./a.go:1:2: moved to heap: x\n";
  InputChunks input;
  std::string err;
  REQUIRE(input.OpenMemory(data, &err));
  static const escviz::Classifier classifier;
  escviz::LinePipeline pipeline(&input, &classifier, 1);
  size_t most = 0;
  while (const escviz::LineBatch* b = pipeline.Next()) most = std::max(most, b->lines.size());
  CHECK(most < 100);
  escviz::Model m;
  struct Quiet : escviz::Diagnostics {
    void Emit(Severity, std::string_view) override {}
  } diag;
  REQUIRE(escviz::ParseTextMemory(data, "noise.log", &m, &diag));
  CHECK(m.total_lines == 400001);
  CHECK(m.line_counts[static_cast<int>(escviz::LineKind::kBlank)] == 200000);
  CHECK(m.unrecognized_count() == 200000);
  CHECK(m.unrecognized_samples.size() == escviz::ModelBuilder::kUnrecognizedSamples);
  CHECK(m.unrecognized_samples.front().src.line == 200001);
  REQUIRE(m.verdicts.size() == 1);
  CHECK(m.verdicts[0].src.line == 400001);
}

namespace {}  // namespace

TEST_CASE("line ends: LF, CRLF, CR CR LF, a last line without newline, blank lines, NUL",
          "[input_chunks]") {
  CheckAllWays("", kSmallChunks);
  CheckAllWays("\n", kSmallChunks);
  CheckAllWays("a.go:1:2: x escapes to heap\n", kSmallChunks);
  CheckAllWays("a.go:1:2: x\r\nb\r\n\r\nc", kSmallChunks);
  CheckAllWays("a\r\r\nb\rc\r\n\r", kSmallChunks);
  CheckAllWays(std::string("a\0b\n\0\n", 6) + "x.go:3:4: y\n", kSmallChunks);
  CheckAllWays("no newline at all", kSmallChunks);
}

TEST_CASE("records of several lines (raw string literals) are never split between chunks",
          "[input_chunks]") {
  const std::string record =
      "./main.go:16:6: can inline f with cost 4 as: func() { s := `first\nsecond\r\nthird` }\n";
  std::string data = "# example.com/p\n";
  for (int i = 0; i < 20; ++i) {
    data += record;
    data += "./main.go:17:2: x escapes to heap\n";
    data += "noise without a position `open\nstill open\nclosed` here\n";
  }
  // A positioned line ends an open record; so does the end of input.
  data += "./main.go:18:2: `open\n./main.go:19:2: y escapes to heap\n./main.go:20:2: `open\nmore";
  CheckAllWays(data, kSmallChunks);
}

TEST_CASE("few positions: chunks are cut where records start, found line by line",
          "[input_chunks]") {
  std::string data;
  for (int i = 0; i < 3000; ++i) data += "noise line " + std::to_string(i) + " `x`\n";
  data += "a.go:1:2: `open\ncontinued\n";
  for (int i = 0; i < 3000; ++i) data += "noise line " + std::to_string(i) + "\n";
  CheckAllWays(data, {1, 100, 5000, 70000});
}

TEST_CASE("over-long lines are cut, alone in their chunk, at any place", "[input_chunks]") {
  const size_t max = LineReader::kMaxLine;
  const std::string head = "a.go:1:2: x escapes to heap\nb.go:3:4: `raw\n";
  std::string data = head + std::string(max + 1, 'x') + "\n" + head + std::string(max, 'y') +
                     "\r\n" + head + std::string(max + 5000, 'z') + "\r\n" + head;
  // (Each pass classifies 50 MB of lines: two chunk sizes, one worker.)
  CheckAllWays(data, {7, InputChunks::kChunkBytes}, {1});
  // At the very end, without a newline.
  CheckAllWays(head + std::string(max + 2, 'w'), {7}, {1});
  CheckAllWays(head + std::string(max + 1, 'v'), {InputChunks::kChunkBytes}, {0});
}

TEST_CASE("the bundled sample logs go through unchanged", "[input_chunks]") {
  namespace fs = std::filesystem;
  for (const char* name :
       {"samples/releases/go1.19/gin.m2.log.gz", "samples/releases/go1.27/zap.m2.log.gz"}) {
    INFO(name);
    LineReader reader;
    std::string err;
    REQUIRE(reader.Open((fs::path(ESCVIZ_SOURCE_DIR) / name).string(), &err));
    std::string data;
    std::string_view line;
    while (reader.Next(&line)) {
      data.append(line);
      data += '\n';
    }
    CheckAllWays(data, {4096, 100000});
  }
}
