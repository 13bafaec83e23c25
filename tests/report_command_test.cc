// escviz report: where it writes (only inside DIR, an earlier report replaced, a file or a
// foreign folder refused), where it reads sources (only inside --source-root: `..` and
// symbolic links leading out refused with one warning naming the path; `./`, absolute and
// `$GOROOT/` paths resolved; parsers/source_tree.h, tested in source_tree_test.cc), and hostile
// log text in every file it writes.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "src/cli/report_dir.h"
#include "tests/test_support.h"

namespace {

namespace fs = std::filesystem;
using escviz::ReportDir;
using escviz::test::ReadFile;
using escviz::test::RunEscviz;
using escviz::test::RunResult;
using escviz::test::TempDir;

const std::string kDemo = std::string(ESCVIZ_SOURCE_DIR) + "/samples/escdemo.m2.log";

/// Every regular file under `dir`, as names relative to it.
std::vector<std::string> FilesUnder(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) names.push_back(fs::relative(e.path(), dir).string());
  }
  return names;
}

/// How many times `needle` occurs in `text`.
size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

bool AnyFileContains(const std::string& dir, const std::string& needle) {
  for (const std::string& name : FilesUnder(dir)) {
    if (ReadFile(dir + "/" + name).find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("report: file names inside the report are plain relative names", "[report]") {
  CHECK(ReportDir::SafeName("index.html"));
  CHECK(ReportDir::SafeName("f/12.html"));
  CHECK(ReportDir::SafeName("g/top-causes.svg"));
  for (const char* bad : {"", "/etc/passwd", "../x.html", "f/../../x", "f//1.html", "./x", "f/",
                          "a b.html", "x\n.html", "f/<script>.html"}) {
    INFO(bad);
    CHECK_FALSE(ReportDir::SafeName(bad));
  }
}

TEST_CASE("report: writes only inside DIR, creating it", "[report]") {
  TempDir t;
  std::string dir = t.Path("new/report");
  RunResult r = RunEscviz({"report", "-q", "-o", dir, kDemo});
  REQUIRE(r.status == 0);
  CHECK(r.out == dir + "/index.html\n");
  std::vector<std::string> names = FilesUnder(t.path());
  CHECK(names.size() > 20);
  for (const std::string& name : names) {
    INFO(name);
    CHECK(name.rfind("new/report/", 0) == 0);
    CHECK(ReportDir::SafeName(name.substr(11)));
  }
  for (const char* page : {"index.html", "functions.html", "files.html", "causes.html",
                           "chokepoints.html", "patterns.html", "t/returned-address.html",
                           "search.js", "assets/report.css", "assets/report.js"}) {
    INFO(page);
    CHECK(fs::is_regular_file(dir + "/" + page));
  }
}

TEST_CASE("report: a DIR that is a file is refused", "[report]") {
  TempDir t;
  std::string file = t.Write("file", "mine\n");
  RunResult r = RunEscviz({"report", "-q", "-o", file, kDemo});
  CHECK(r.status == 2);
  CHECK(r.err.find("not a folder") != std::string::npos);
  CHECK(ReadFile(file) == "mine\n");
}

TEST_CASE("report: a non-empty folder that holds no report is refused", "[report]") {
  TempDir t;
  t.Write("notes.txt", "keep\n");
  RunResult r = RunEscviz({"report", "-q", "-o", t.path(), kDemo});
  CHECK(r.status == 2);
  CHECK(r.err.find("not empty") != std::string::npos);
  CHECK(FilesUnder(t.path()) == std::vector<std::string>{"notes.txt"});
}

TEST_CASE("report: an earlier report is replaced, other files are kept", "[report]") {
  TempDir t;
  REQUIRE(RunEscviz({"report", "-q", "-o", t.path(), kDemo}).status == 0);
  t.Write("f/999999.html", "stale");
  t.Write("notes.txt", "keep\n");
  REQUIRE(RunEscviz({"report", "-q", "-o", t.path(), kDemo}).status == 0);
  CHECK_FALSE(fs::exists(t.Path("f/999999.html")));
  CHECK(ReadFile(t.Path("notes.txt")) == "keep\n");
  CHECK(fs::is_regular_file(t.Path("index.html")));
}

TEST_CASE("report: sources are read only inside --source-root", "[report]") {
  TempDir t;
  fs::create_directories(t.Path("root/src/fmt"));
  t.Write("secret.go", "package secret // SECRET-OUTSIDE-THE-ROOT\n");
  t.Write(
      "root/main.go",
      "package main\n\nfunc f() {\n\tx := 1 // MAIN-SOURCE </td><script>alert(5)</script>\n}\n");
  t.Write("root/src/fmt/print.go", "package fmt\n// PRINT-SOURCE\nvar y = 1\n");
  fs::create_symlink(t.Path("secret.go"), t.Path("root/link.go"));
  std::string log = t.Write("build.log",
                            "# example.com/m\n"
                            "./main.go:4:2: moved to heap: x\n"
                            "../secret.go:1:1: moved to heap: a\n"
                            "./sub/../../secret.go:1:1: moved to heap: b\n"
                            "./link.go:1:1: moved to heap: c\n"
                            "/usr/lib/go-1.19/src/fmt/print.go:3:5: moved to heap: y\n"
                            "$GOROOT/src/fmt/print.go:3:5: moved to heap: z\n");
  std::string out = t.Path("out");
  RunResult r = RunEscviz({"report", "-q", "-o", out, "--source-root", t.Path("root"), log});
  REQUIRE(r.status == 0);
  INFO(r.err);
  // Each refusal once, though attribution and the source view both look the path up.
  CHECK(Count(r.err, "warning: ../secret.go: source not read: it has a '..' component") == 1);
  CHECK(Count(r.err, "warning: ./sub/../../secret.go: source not read: it has a '..'") == 1);
  CHECK(Count(r.err, "warning: ./link.go: source not read: ") == 1);
  CHECK(r.err.find("through a symbolic link") != std::string::npos);
  CHECK_FALSE(AnyFileContains(out, "SECRET-OUTSIDE-THE-ROOT"));
  CHECK(AnyFileContains(out, "MAIN-SOURCE &lt;/td&gt;&lt;script&gt;alert(5)&lt;/script&gt;"));
  CHECK_FALSE(AnyFileContains(out, "<script>alert(5)"));
  // The absolute and the $GOROOT/ path both find src/fmt/print.go under the root.
  CHECK(AnyFileContains(out, "PRINT-SOURCE"));
  CHECK(ReadFile(out + "/files.html").find("<a href=\"s/") != std::string::npos);
}

TEST_CASE("report: an earlier report stays when the input cannot be read", "[report]") {
  TempDir t;
  REQUIRE(RunEscviz({"report", "-q", "-o", t.path(), kDemo}).status == 0);
  RunResult r = RunEscviz({"report", "-q", "-o", t.path(), t.Path("missing.log")});
  CHECK(r.status == 2);
  CHECK(fs::is_regular_file(t.Path("index.html")));
}

TEST_CASE("report: without --source-root, pages say how to get the source view", "[report]") {
  TempDir t;
  REQUIRE(RunEscviz({"report", "-q", "-o", t.path(), kDemo}).status == 0);
  CHECK_FALSE(fs::exists(t.Path("s/0.html")));
  CHECK(ReadFile(t.Path("index.html")).find("--source-root DIR") != std::string::npos);
}

TEST_CASE("report: hostile log text is escaped in every file", "[report]") {
  TempDir t;
  std::string hostile =
      ReadFile(std::string(ESCVIZ_SOURCE_DIR) + "/tests/data/report/hostile.m2.log");
  hostile += "./evil.go:9:2: moved to heap: esc\x1b[31mred\xe2\x80\xaeRLO\xff\n";
  std::string log = t.Write("hostile.log", hostile);
  std::string out = t.Path("out");
  RunResult r = RunEscviz({"report", "-q", "-o", out, log});
  REQUIRE(r.status == 0);
  for (const std::string& name : FilesUnder(out)) {
    std::string text = ReadFile(out + "/" + name);
    INFO(name);
    CHECK(text.find("<script>alert") == std::string::npos);
    CHECK(text.find("</pre><script>") == std::string::npos);
    CHECK(text.find("<img src=x") == std::string::npos);
    CHECK(text.find("<b>bold") == std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("\xe2\x80\xae") == std::string::npos);
    CHECK(escviz::test::ValidUtf8(text));
    if (name.size() > 5 && name.substr(name.size() - 5) == ".html") {
      // The only scripts are the report's own, loaded from files.
      size_t at = 0, scripts = 0;
      while ((at = text.find("<script", at)) != std::string::npos) {
        const std::string own = "<script src=\"", search = "<script defer src=\"search.js\">";
        CHECK((text.compare(at, own.size(), own) == 0 ||
               text.compare(at, search.size(), search) == 0));
        ++scripts, ++at;
      }
      CHECK(scripts <= 2);
    }
  }
  CHECK(AnyFileContains(out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(AnyFileContains(out, "esc\\x1b[31mred\\u202eRLO\\xff"));
}

TEST_CASE("report: a 15 MB identifier and a 16 MiB source line are cut, with a notice",
          "[report]") {
  // Before, a 15 MB identifier gave a 120 MB function page and a 30 MB index.html, and a 16 MiB
  // source line a 64 MB page. Every page now holds at most a few cut copies of each.
  TempDir t;
  const std::string id = "x" + std::string(15u << 20, 'y');
  std::string src = "package p\n\nfunc f() {\n\tvar " + id + " int\n";
  src += "\t_ = " + std::string(16u << 20, 'z') + "\n}\n";
  fs::create_directories(t.Path("src"));
  t.Write("src/big.go", src);
  const std::string log =
      t.Write("big.log",
              "# example.com/p\n./big.go:3:6: can inline f with cost 2 as: func() {}\n"
              "./big.go:4:6: moved to heap: " +
                  id + "\n./big.go:5:2: " + id + " escapes to heap\n");
  const std::string out = t.Path("out");
  RunResult r = RunEscviz({"report", "-q", "-o", out, "--source-root", t.Path("src"), log});
  REQUIRE(r.status == 0);
  size_t largest = 0, notices = 0;
  for (const std::string& name : FilesUnder(out)) {
    const std::string text = ReadFile(out + "/" + name);
    INFO(name << ": " << text.size() << " bytes");
    CHECK(text.size() < (2u << 20));
    largest = std::max(largest, text.size());
    notices += Count(text, " more bytes not shown]");
  }
  CHECK(notices > 2);
  // The subject alone, as a verdict's expression: all but its first 64 KiB.
  CHECK(AnyFileContains(
      out, "\xe2\x80\xa6 [" + std::to_string(id.size() - 64 * 1024) + " more bytes not shown]"));
  // The source view: the identifier's line, and the long line as far as the view reads the
  // file (its first 16 MiB), each cut.
  CHECK(Count(ReadFile(out + "/s/0.html"), " more bytes not shown]") >= 2);
}
