#pragma once
/// Helpers shared by the unit tests: running the command line in-process, temporary files,
/// checking that text is safe for a terminal, and parsing DOT (Graphviz) and SVG (expat) back.
///
/// The checkers here are written independently of render/escape.cc on purpose: they check the
/// escaping, so they must not share its code.

#include <graphviz/cgraph.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/model.h"

namespace escviz::test {

// ---------------------------------------------------------------------------------------------
// The command line, in-process.

/// What a run of the command line gave: its exit status and everything it wrote.
struct RunResult {
  int status = -1;
  std::string out, err;
};

/// Runs `escviz ARGS...` in-process (escviz::Main) with an empty standard input and captures the
/// exit status, standard output and standard error.
RunResult RunEscviz(std::vector<std::string> args);

// ---------------------------------------------------------------------------------------------
// Logs into models.

/// Parses the `-m -m` log text `log` into the empty `*m` (ParseTextMemory, named `name`); fails
/// the test if it cannot be parsed. Messages on standard error are dropped. (A Model can be
/// neither copied nor moved, so it is filled in place.)
void ParseLog(std::string_view log, Model* m, const std::string& name = "test.log");

/// Parses the log at `rel`, a path under the source root (ParseTextLogs, gzip or not), into the
/// empty `*m`.
void LoadLog(const std::string& rel, Model* m);

// ---------------------------------------------------------------------------------------------
// Files.

/// Writes `data` byte for byte to `path` (created or truncated); fails the test if it cannot.
void WriteFile(const std::string& path, std::string_view data);

/// The bytes of the file at `path`; fails the test if it cannot be opened.
std::string ReadFile(const std::string& path);

/// A fresh directory under /tmp (mkdtemp, `/tmp/PREFIX-XXXXXX`), removed with everything in it
/// at scope exit. Fails the test if it cannot be made.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "escviz-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The directory itself, without a trailing '/'.
  const std::string& path() const { return path_; }
  /// The path of `name` in the directory.
  std::string Path(const std::string& name) const;
  /// Writes `data` byte for byte to `name` in the directory (WriteFile); returns its path.
  std::string Write(const std::string& name, std::string_view data) const;

 private:
  std::string path_;
};

// ---------------------------------------------------------------------------------------------
// Text safety.

/// Bytes as printable ASCII for failure messages: a '\n' as `\n` and a line break, any other
/// byte outside 0x20..0x7E as `<hh>` (the raw text would garble the test log).
std::string Show(std::string_view s);

/// Strict UTF-8: no overlong forms, surrogates or values past U+10FFFF.
bool ValidUtf8(std::string_view s);

/// Empty if `s` is safe to print on a terminal, else what is wrong and where. Safe: valid UTF-8
/// (ValidUtf8), and no control character but '\n' and '\t': no C0, no DEL, no C1 (U+0080..
/// U+009F), no bidirectional control (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069).
std::string TerminalProblem(std::string_view s);

/// TerminalProblem(s) is empty.
bool TerminalClean(std::string_view s);

// ---------------------------------------------------------------------------------------------
// DOT, parsed back by Graphviz.

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using ParsedDot = std::unique_ptr<Agraph_t, GraphCloser>;

/// The DOT text parsed by cgraph (agmemread); null when Graphviz rejects it.
ParsedDot ParseDot(const std::string& dot);

// ---------------------------------------------------------------------------------------------
// SVG, parsed by expat.

/// One `<g class="...">` of Graphviz's SVG: its class, its title (the DOT name), its tooltip (the
/// `xlink:title` of an `<a>` in it) and the text lines drawn in it. Graphviz writes the second
/// of two spaces as a no-break space; the texts and title have it back as a space.
struct SvgGroup {
  std::string cls, title, tooltip;
  std::vector<std::string> texts;
};

/// What the XML parser saw.
struct Svg {
  bool xml_ok = false;           ///< expat parsed it as well-formed XML
  bool skipped_entity = false;   ///< an entity expat could not resolve was skipped
  bool well_formed = false;      ///< xml_ok and no skipped entity
  std::string error;             ///< what is wrong when not well_formed, else empty
  std::vector<SvgGroup> groups;  ///< in document order

  /// The group of a given class and title, or null.
  const SvgGroup* Find(const std::string& cls, const std::string& title) const;
  /// How many groups have the class `cls`.
  size_t Count(const std::string& cls) const;
  /// The text lines of one group (node, edge, or a node holding an edge's label) are exactly
  /// `lines`.
  bool HasTextGroup(const std::vector<std::string>& lines) const;
};

/// Parses the SVG with expat. An entity expat cannot resolve counts as an error (the DTD named by
/// Graphviz's DOCTYPE is not read, so expat would otherwise skip it silently).
Svg ParseSvg(const std::string& text);

}  // namespace escviz::test
