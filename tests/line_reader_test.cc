// Tests for parsers/line_reader.h: line ends, final line without newline, NUL bytes, very long
// lines, gzip (whole and truncated), standard input and missing files.

#include "parsers/line_reader.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

using escviz::LineReader;

namespace {

namespace fs = std::filesystem;

/// A temporary file with a unique name, removed at scope exit.
class TempFile {
 public:
  explicit TempFile(const std::string& tag) {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("escviz_line_reader_" + std::to_string(getpid()) + "_" +
                                         std::to_string(counter++) + "_" + tag);
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  std::string path() const { return path_.string(); }

  void Write(std::string_view data) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    REQUIRE(out);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    REQUIRE(out);
  }

  void WriteGzip(std::string_view data) const {
    gzFile gz = gzopen(path().c_str(), "wb9");
    REQUIRE(gz != nullptr);
    size_t done = 0;
    while (done < data.size()) {
      unsigned n = static_cast<unsigned>(std::min<size_t>(data.size() - done, 1u << 20));
      REQUIRE(gzwrite(gz, data.data() + done, n) == static_cast<int>(n));
      done += n;
    }
    REQUIRE(gzclose(gz) == Z_OK);
  }

 private:
  fs::path path_;
};

/// Reads all lines of `path`; also returns the cut flags and the final error.
struct ReadResult {
  std::vector<std::string> lines;
  std::vector<bool> cut;
  std::string error;
  std::string warning;
};

ReadResult ReadAll(const std::string& path) {
  ReadResult r;
  LineReader reader;
  std::string err;
  REQUIRE(reader.Open(path, &err));
  CHECK(err.empty());
  std::string_view line;
  while (reader.Next(&line)) {
    r.lines.emplace_back(line);
    r.cut.push_back(reader.cut());
    if (r.lines.size() > 1000000) FAIL("Next() does not stop");
  }
  r.error = reader.error();
  r.warning = reader.warning();
  return r;
}

/// The bytes of `text` gzip-compressed (through a TempFile, as WriteGzip writes them).
std::string Gzipped(const std::string& text) {
  TempFile f("member.gz");
  f.WriteGzip(text);
  std::ifstream in(f.path(), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

template <size_t N>
std::string Bytes(const char (&a)[N]) {
  return std::string(a, N - 1);
}

}  // namespace

TEST_CASE("LF lines", "[line_reader]") {
  TempFile f("lf");
  f.Write("# example.com/esc\n./main.go:10:2: moved to heap: value\n\nlast\n");
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 4);
  CHECK(r.lines[0] == "# example.com/esc");
  CHECK(r.lines[1] == "./main.go:10:2: moved to heap: value");
  CHECK(r.lines[2].empty());
  CHECK(r.lines[3] == "last");
  CHECK(r.error.empty());
  for (bool c : r.cut) CHECK_FALSE(c);
}

TEST_CASE("CRLF lines: the \\r is stripped", "[line_reader]") {
  TempFile f("crlf");
  f.Write(".\\main.go:8:6: can inline StudentRegister\r\n\r\nb\r\nlast\r");
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 4);
  CHECK(r.lines[0] == ".\\main.go:8:6: can inline StudentRegister");
  CHECK(r.lines[1].empty());
  CHECK(r.lines[2] == "b");
  CHECK(r.lines[3] == "last");
  // Only one \r before \n is a terminator; an inner \r is data.
  TempFile g("crlf2");
  g.Write("a\rb\r\n");
  r = ReadAll(g.path());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] == "a\rb");
}

TEST_CASE("final line without newline", "[line_reader]") {
  TempFile f("nonl");
  f.Write("first\nsecond");
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0] == "first");
  CHECK(r.lines[1] == "second");
  CHECK(r.error.empty());
}

TEST_CASE("empty file and a lone newline", "[line_reader]") {
  TempFile empty("empty");
  empty.Write("");
  ReadResult r = ReadAll(empty.path());
  CHECK(r.lines.empty());
  CHECK(r.error.empty());

  TempFile nl("nl");
  nl.Write("\n");
  r = ReadAll(nl.path());
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].empty());

  TempFile two("nl2");
  two.Write("\n\n");
  r = ReadAll(two.path());
  REQUIRE(r.lines.size() == 2);
}

TEST_CASE("NUL bytes and invalid UTF-8 are kept", "[line_reader]") {
  TempFile f("nul");
  std::string data = Bytes("a\0b\0\n\0\n\xff\xfe\xe2\x86\x90\n");
  f.Write(data);
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0] == Bytes("a\0b\0"));
  CHECK(r.lines[0].size() == 4);
  CHECK(r.lines[1] == Bytes("\0"));
  CHECK(r.lines[2] == Bytes("\xff\xfe\xe2\x86\x90"));
}

TEST_CASE("a 3 MiB line is returned whole", "[line_reader]") {
  // Larger than the reader's 1 MiB read chunk: the line spans several refills.
  TempFile f("3mib");
  std::string big(3u << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + (i / 4096) % 26);
  f.Write("before\n" + big + "\nafter\n");
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0] == "before");
  CHECK(r.lines[1].size() == big.size());
  CHECK(r.lines[1] == big);
  CHECK_FALSE(r.cut[1]);
  CHECK(r.lines[2] == "after");
}

TEST_CASE("a line of exactly kMaxLine bytes is not cut", "[line_reader]") {
  TempFile f("exact");
  std::string data(LineReader::kMaxLine, 'y');
  data += "\nnext\n";
  f.Write(data);
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0].size() == LineReader::kMaxLine);
  CHECK_FALSE(r.cut[0]);
  CHECK(r.lines[1] == "next");
}

TEST_CASE("a line longer than kMaxLine is cut and the rest skipped", "[line_reader]") {
  TempFile f("long");
  const size_t total = LineReader::kMaxLine + (1u << 20);
  std::string data(total, 'z');
  data[0] = 'A';
  data[LineReader::kMaxLine - 1] = 'B';  // last kept byte
  data[LineReader::kMaxLine] = 'C';      // first dropped byte
  data += "\nnext\n";
  f.Write(data);

  LineReader reader;
  std::string err;
  REQUIRE(reader.Open(f.path(), &err));
  std::string_view line;
  REQUIRE(reader.Next(&line));
  CHECK(line.size() == LineReader::kMaxLine);
  CHECK(reader.cut());
  CHECK(line.front() == 'A');
  CHECK(line.back() == 'B');
  REQUIRE(reader.Next(&line));
  CHECK(line == "next");
  CHECK_FALSE(reader.cut());
  CHECK_FALSE(reader.Next(&line));
  CHECK(reader.error().empty());
}

TEST_CASE("a kMaxLine-byte line ended by CRLF is not cut", "[line_reader]") {
  // The line without its terminator is exactly kMaxLine bytes, so cut() must be false (the
  // header: "True if the line last returned was longer than kMaxLine").
  TempFile f("exact_crlf");
  std::string data(LineReader::kMaxLine, 'y');
  data += "\r\nnext\r\n";
  f.Write(data);
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0].size() == LineReader::kMaxLine);
  CHECK_FALSE(r.cut[0]);
  CHECK(r.lines[1] == "next");
}

TEST_CASE("a line of kMaxLine + 1 bytes is cut, with LF or CRLF", "[line_reader]") {
  for (std::string_view end : {"\n", "\r\n"}) {
    INFO("terminator size " << end.size());
    TempFile f("plus_one");
    std::string data(LineReader::kMaxLine + 1, 'v');
    data += std::string(end) + "next\n";
    f.Write(data);
    ReadResult r = ReadAll(f.path());
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[0].size() == LineReader::kMaxLine);
    CHECK(r.cut[0]);
    CHECK(r.lines[1] == "next");
    CHECK_FALSE(r.cut[1]);
  }
}

TEST_CASE("an over-long last line without newline is cut", "[line_reader]") {
  TempFile f("longlast");
  f.Write("first\n" + std::string(LineReader::kMaxLine + 10, 'w'));
  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0] == "first");
  CHECK(r.lines[1].size() == LineReader::kMaxLine);
  CHECK(r.cut[1]);
}

TEST_CASE("gzip input is read transparently", "[line_reader]") {
  TempFile f("gz.log.gz");
  std::string text;
  for (int i = 0; i < 50000; ++i) {
    text += "./main.go:" + std::to_string(i + 1) + ":2: moved to heap: v" + std::to_string(i) +
            (i % 2 ? "\r\n" : "\n");
  }
  text += "tail without newline";
  f.WriteGzip(text);
  // The file really is compressed.
  std::ifstream in(f.path(), std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  REQUIRE(static_cast<unsigned char>(magic[0]) == 0x1f);
  REQUIRE(static_cast<unsigned char>(magic[1]) == 0x8b);

  ReadResult r = ReadAll(f.path());
  REQUIRE(r.lines.size() == 50001);
  CHECK(r.lines[0] == "./main.go:1:2: moved to heap: v0");
  CHECK(r.lines[1] == "./main.go:2:2: moved to heap: v1");
  CHECK(r.lines[49999] == "./main.go:50000:2: moved to heap: v49999");
  CHECK(r.lines[50000] == "tail without newline");
  CHECK(r.error.empty());
}

TEST_CASE("gzip: members one after another are one text; bytes after the data are warned about",
          "[line_reader]") {
  // Truth by construction: the files are made of known members and known trailing bytes.
  const std::string a = Gzipped("first\nsecond\n"), b = Gzipped("third\n");
  SECTION("two members (cat a.gz b.gz)") {
    TempFile f("two.gz");
    f.Write(a + b);
    ReadResult r = ReadAll(f.path());
    CHECK(r.lines == std::vector<std::string>{"first", "second", "third"});
    CHECK(r.error.empty());
    CHECK(r.warning.empty());
  }
  SECTION("garbage after the data") {
    TempFile f("garbage.gz");
    f.Write(a + "not gzip\n");
    ReadResult r = ReadAll(f.path());
    CHECK(r.lines == std::vector<std::string>{"first", "second"});
    CHECK(r.error.empty());
    CHECK(r.warning ==
          "9 bytes after the end of the gzip data (after 13 bytes uncompressed) ignored: not "
          "another gzip stream");
  }
  SECTION("one stray byte") {
    TempFile f("byte.gz");
    f.Write(a + b + std::string(1, '\0'));
    ReadResult r = ReadAll(f.path());
    CHECK(r.lines.size() == 3);
    CHECK(r.warning.rfind("1 byte after the end of the gzip data (after 19 bytes", 0) == 0);
  }
  SECTION("a corrupt second member is an error, not a warning") {
    std::string bad = b;
    bad[bad.size() / 2] ^= 0x55;
    bad[bad.size() / 2 + 1] ^= 0x55;
    TempFile f("bad.gz");
    f.Write(a + bad);
    ReadResult r = ReadAll(f.path());
    CHECK_FALSE(r.error.empty());
    CHECK(r.warning.empty());
  }
}

TEST_CASE("the sample zap.m2.log.gz decompresses to its documented line count", "[line_reader]") {
  // samples/README.md: 4963 lines unzipped.
  ReadResult r = ReadAll(std::string(ESCVIZ_SOURCE_DIR) + "/samples/zap.m2.log.gz");
  CHECK(r.lines.size() == 4963);
  CHECK(r.error.empty());
}

TEST_CASE("a truncated gzip file reports an error", "[line_reader]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + " of a gzip log\n";
  TempFile whole("whole.gz");
  whole.WriteGzip(text);
  std::string bytes;
  {
    std::ifstream in(whole.path(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  REQUIRE(bytes.size() > 100);

  SECTION("cut inside the compressed data") {
    TempFile cut("cut.gz");
    cut.Write(std::string_view(bytes).substr(0, bytes.size() / 2));
    ReadResult r = ReadAll(cut.path());
    CHECK(r.lines.size() < 20000);
    size_t bad = r.lines.size();  // first line (but the possibly partial last) that differs
    for (size_t i = 0; i + 1 < r.lines.size() && bad == r.lines.size(); ++i) {
      if (r.lines[i] != "line " + std::to_string(i) + " of a gzip log") bad = i;
    }
    CHECK(bad == r.lines.size());
    CHECK_FALSE(r.error.empty());
  }
  SECTION("only the trailer is missing") {
    TempFile cut("trailer.gz");
    cut.Write(std::string_view(bytes).substr(0, bytes.size() - 6));
    ReadResult r = ReadAll(cut.path());
    CHECK_FALSE(r.error.empty());
  }
}

TEST_CASE("standard input as `-`", "[line_reader]") {
  TempFile f("stdin");
  f.Write("one\r\ntwo\nthree");
  FILE* in = std::fopen(f.path().c_str(), "rb");
  REQUIRE(in != nullptr);
  int saved = dup(STDIN_FILENO);
  REQUIRE(saved >= 0);
  REQUIRE(dup2(fileno(in), STDIN_FILENO) >= 0);
  LineReader reader;
  std::string err;
  bool opened = reader.Open("-", &err);
  // Restore stdin right away: the reader keeps its own duplicate.
  dup2(saved, STDIN_FILENO);
  close(saved);
  std::fclose(in);
  REQUIRE(opened);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.Next(&line)) lines.emplace_back(line);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "one");
  CHECK(lines[1] == "two");
  CHECK(lines[2] == "three");
}

TEST_CASE("a missing file cannot be opened", "[line_reader]") {
  TempFile f("missing");  // never written
  LineReader reader;
  std::string err;
  CHECK_FALSE(reader.Open(f.path(), &err));
  CHECK_FALSE(err.empty());
  std::string_view line;
  // A reader whose Open failed must not be used; destroying it must be safe (checked at scope
  // exit). A directory cannot be read as lines either.
  LineReader dir_reader;
  std::string dir_err;
  if (dir_reader.Open(fs::temp_directory_path().string(), &dir_err)) {
    CHECK_FALSE(dir_reader.Next(&line));
    CHECK_FALSE(dir_reader.error().empty());
  } else {
    CHECK_FALSE(dir_err.empty());
  }
}
