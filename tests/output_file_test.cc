// The one output writer (src/cli/output_file.h): a file appears whole or not at all, gzip for
// `.gz`, failures name the file and the system's reason, an input is never overwritten.

#include "src/cli/output_file.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/test_support.h"

namespace escviz {
namespace {

namespace fs = std::filesystem;
using test::ReadFile;
using test::TempDir;

struct Collect : Diagnostics {
  std::string text;
  void Emit(Severity, std::string_view msg) override { text.append(msg).append("\n"); }
};

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) ++n;
  return n;
}

TEST_CASE("output file: renamed into place only when committed", "[output_file]") {
  TempDir dir;
  const std::string path = dir.Write("out.txt", "earlier\n");
  std::ostringstream standard;
  Collect diag;
  {
    OutputFile out(standard);
    REQUIRE(out.Open(path, {}, &diag));
    out.stream() << "new text\n";
    CHECK(ReadFile(path) == "earlier\n");  // still the old file while writing
    CHECK(FilesIn(dir.path()) == 2);       // ... and the temporary beside it
  }                                        // not committed: the temporary goes, the old file stays
  CHECK(ReadFile(path) == "earlier\n");
  CHECK(FilesIn(dir.path()) == 1);
  {
    OutputFile out(standard);
    REQUIRE(out.Open(path, {}, &diag));
    out.stream() << "new text\n";
    REQUIRE(out.Commit(&diag));
  }
  CHECK(ReadFile(path) == "new text\n");
  CHECK(FilesIn(dir.path()) == 1);
  CHECK(diag.text.empty());
  CHECK(standard.str().empty());
}

TEST_CASE("output file: `-` and empty are standard output", "[output_file]") {
  for (const char* name : {"", "-"}) {
    std::ostringstream standard;
    Collect diag;
    OutputFile out(standard);
    REQUIRE(out.Open(name, {}, &diag));
    out.stream() << "x";
    CHECK(out.Commit(&diag));
    CHECK(standard.str() == "x");
  }
}

TEST_CASE("output file: a .gz name is written gzip-compressed", "[output_file]") {
  // Nothing (still a gzip stream: one empty member), less than a member, and three members
  // (src/cli/gzip_writer.h): zlib reads them back as the one text written.
  for (const int lines : {0, 100000, 800000}) {
    TempDir dir;
    const std::string path = dir.Path("out.json.gz");
    std::string text;
    for (int i = 0; i < lines; ++i) text += "line " + std::to_string(i) + "\n";
    std::ostringstream standard;
    Collect diag;
    OutputFile out(standard);
    REQUIRE(out.Open(path, {}, &diag));
    out.stream() << text;
    REQUIRE(out.Commit(&diag));
    const std::string raw = ReadFile(path);
    REQUIRE(raw.size() > 2);
    CHECK(static_cast<unsigned char>(raw[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(raw[1]) == 0x8b);
    CHECK(raw.size() < text.size() / 2 + 64);
    gzFile f = gzopen(path.c_str(), "rb");
    REQUIRE(f != nullptr);
    std::string back(text.size() + 1, '\0');
    const int n = gzread(f, back.data(), static_cast<unsigned>(back.size()));
    CHECK(gzclose(f) == Z_OK);
    back.resize(n > 0 ? static_cast<size_t>(n) : 0);
    CHECK(back.size() == text.size());
    CHECK(back == text);
  }
}

TEST_CASE("output file: failures name the file and the reason", "[output_file]") {
  TempDir dir;
  std::ostringstream standard;
  {
    Collect diag;
    OutputFile out(standard);
    const std::string path = dir.Path("no/such/folder/out.txt");
    CHECK_FALSE(out.Open(path, {}, &diag));
    CHECK(diag.text == path + ": cannot write: No such file or directory\n");
  }
  {
    Collect diag;
    OutputFile out(standard);
    const std::string input = dir.Write("in.log", "x\n");
    CHECK_FALSE(out.Open(dir.path() + "/./in.log", {"a.log", input}, &diag));
    CHECK(diag.text.find("is also an input") != std::string::npos);
    CHECK(ReadFile(input) == "x\n");
  }
  {
    Collect diag;
    OutputFile out(standard);
    CHECK_FALSE(out.Open(dir.path(), {}, &diag));
    CHECK(diag.text == dir.path() + ": cannot write: it is a folder\n");
  }
  // A full disk on standard output: tests/cli_io_test.sh, on the built binary.
}

}  // namespace
}  // namespace escviz
