// End-to-end output safety: a hostile but well-formed `-m -m` log goes through the command line
// (escviz::Main, in-process) in every output format, and each output is checked with a parser of
// its own format (over 400 lines: one hostile log through every format, kept together):
// - terminal text (summary text, explain, everything on stderr; DOT and SVG too, which go to
//   standard output by default): valid UTF-8 with no C0 control but LF and tab, no DEL, no C1
//   control, no bidirectional control, and the log text shown as its TerminalSafe escapes;
// - JSON: parsed by nlohmann::json, strings equal to the log text (invalid UTF-8 as U+FFFD);
// - Markdown: GitHub's table row splitting and CommonMark code spans: every row keeps its number
//   of cells, every log string is one code span that displays exactly its TerminalSafe text, and
//   nothing outside code spans comes from the log;
// - DOT: parsed back by Graphviz (agmemread); each label, decoded with Graphviz's escString and
//   entity rules, shows the log text (no `\N`/`\G` substitution, no HTML label);
// - SVG: well-formed XML (expat), no `<script`, each node's text lines equal to its label.
//
// The log text is built from pieces whose rendering in each format is written out by hand
// (struct Text), so the expectations do not come from the functions under test.

#include <graphviz/cgraph.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace {

using escviz::test::ParsedDot;
using escviz::test::ParseDot;
using escviz::test::ParseSvg;
using escviz::test::ReadFile;
using escviz::test::RunEscviz;
using escviz::test::RunResult;
using escviz::test::Show;
using escviz::test::Svg;
using escviz::test::SvgGroup;
using escviz::test::TempDir;
using escviz::test::TerminalProblem;

// ---------------------------------------------------------------------------------------------
// Hostile text and its expected renderings.

/// A piece of log text and how each output must show it.
struct Text {
  std::string raw;   ///< the bytes in the log
  std::string term;  ///< terminal, Markdown code spans (TerminalSafe)
  std::string json;  ///< the JSON string value, parsed (invalid UTF-8 as U+FFFD)
  std::string gv;    ///< the text Graphviz shows (control pictures, U+FFFD)
};

Text operator+(const Text& a, const Text& b) {
  return {a.raw + b.raw, a.term + b.term, a.json + b.json, a.gv + b.gv};
}
Text operator+(const Text& a, const std::string& b) { return a + Text{b, b, b, b}; }
Text operator+(const std::string& a, const Text& b) { return Text{a, a, a, a} + b; }

/// Printable text: the same in every output.
Text Plain(const std::string& s) { return {s, s, s, s}; }

const std::string kFffd = "\xEF\xBF\xBD";

const Text kQuotes = Plain("\"q\"");
const Text kBackslashes = Plain("\\n\\l\\N\\G");  // Graphviz escapes, literally in the log
const Text kScript = Plain("<script>alert(1)</script>");
const Text kTag = Plain("<script>");
const Text kEntity = Plain("&amp;");
const Text kCdataEnd = Plain("]]>");
const Text kMarkdown = Plain("|*_`[x](y)#");
const Text kMarkdownName = Plain("|*_`[x]#");
/// ESC [ 31 m: SGR red. Graphviz: U+241B SYMBOL FOR ESCAPE.
const Text kCsi = {"\x1b[31m", "\\x1b[31m", "\x1b[31m", "\xE2\x90\x9B[31m"};
/// OSC 0: sets the terminal's title, ended by BEL (U+2407 SYMBOL FOR BELL).
const Text kOsc = {"\x1b]0;title\x07", "\\x1b]0;title\\x07", "\x1b]0;title\x07",
                   "\xE2\x90\x9B]0;title\xE2\x90\x87"};
/// U+009B, the C1 control CSI, as UTF-8.
const Text kC1 = {"\xC2\x9B", "\\u009b", "\xC2\x9B", "\\u009b"};
/// A carriage return in the middle of a line (Graphviz: a line break).
const Text kCr = {"cr\rcr", "cr\\x0dcr", "cr\rcr", "cr\ncr"};
/// U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE.
const Text kBidi = {"\xE2\x80\xAE\xE2\x81\xA6", "\\u202e\\u2066", "\xE2\x80\xAE\xE2\x81\xA6",
                    "\\u202e\\u2066"};
/// Invalid UTF-8: a byte that never starts a sequence, a lead byte without continuation.
const Text kInvalid = {"\xff\xc3(", "\\xff\\xc3(", kFffd + kFffd + "(", kFffd + kFffd + "("};
const Text kInvalidName = {"\xff", "\\xff", kFffd, kFffd};

/// Everything, no spaces: file paths, package and function names, expressions.
const Text kDirt = kQuotes + kBackslashes + kScript + kEntity + kCdataEnd + kMarkdown + kCsi +
                   kOsc + kC1 + kCr + kBidi + kInvalid;
/// For identifiers the grammar reads as `\S+` or splits at `(`: no CR, no parentheses.
const Text kName = kQuotes + kBackslashes + kTag + kEntity + kCdataEnd + kMarkdownName + kCsi +
                   kOsc + kC1 + kBidi + kInvalidName;
/// For a callee the chains follow: brackets must balance before its `(` (the CSI's `[` with the
/// OSC's `]`).
const Text kCalleeName = kQuotes + kBackslashes + kTag + kEntity + kMarkdownName + kCsi + kOsc +
                         kC1 + kBidi + kInvalidName;
/// With spaces, for expressions.
const Text kSpaced = Plain(" \"s p\" \\ `` ** | # x");

const Text kFile = "./dir" + kDirt + "/f" + kDirt + ".go";
const Text kPackage = "example.com/p" + kDirt;
const Text kG = "G" + kDirt;        // declared by `cannot inline`; holds both heap verdicts
const Text kH = "H" + kCalleeName;  // declared by `can inline`; its parameter leaks
const Text kExpr = "&T{s:" + kDirt + kSpaced + "}";
const Text kVar = "v" + kName;
const Text kParam = "p" + kName;
const Text kSink = "sink = " + kParam + kSpaced;

Text At(const std::string& line_col) { return kFile + ":" + line_col; }

/// The log: a package header, inlining declarations, verdicts, leak and escape explanation blocks
/// (flow and from lines), an inlining call and an unrecognized line, hostile text everywhere.
std::string HostileLog() {
  std::vector<Text> lines = {
      "# " + kPackage,
      At("10:6: can inline ") + kH + " with cost 4 as: func(*T) { sink = " + kDirt + " }",
      At("10:8: parameter ") + kParam + " leaks to {heap} with derefs=0:",
      At("10:8:   flow: {heap} = ") + kParam + ":",
      At("10:8:     from ") + kSink + " (assign) at " + At("11:7"),
      At("10:8: leaking param: ") + kParam,
      At("20:6: cannot inline ") + kG + ": function too complex " + kDirt,
      At("21:9: ") + kExpr + " escapes to heap:",
      At("21:9:   flow: ") + kVar + " = &{storage for " + kExpr + "}:",
      At("21:9:     from ") + kExpr + " (spill) at " + At("21:9"),
      At("21:9:     from ") + kVar + " := " + kExpr + " (assign) at " + At("21:4"),
      At("21:9:   flow: {heap} = ") + kVar + ":",
      At("21:9:     from ") + kH + "(" + kVar + kSpaced + ") (call parameter) at " + At("22:3"),
      At("21:9: ") + kExpr + " escapes to heap",
      At("22:3: inlining call to ") + kH,
      At("23:2: ") + kVar + " escapes to heap:",
      At("23:2:   flow: {heap} = &") + kVar + ":",
      At("23:2:     from &") + kVar + " (address-of) at " + At("24:7"),
      At("23:2:     from ") + kG + "(&" + kVar + ") (call parameter) at " + At("24:6"),
      At("23:2: moved to heap: ") + kVar,
      At("25:9: ") + kDirt + kSpaced + " does not escape",
      At("26:1: not a diagnostic ") + kDirt + kSpaced,  // unrecognized: listed on stderr
  };
  std::string log;
  for (const Text& l : lines) log += l.raw + "\n";
  return log;
}

/// The name of the log file: hostile too, it shows in `[log NAME:LINE]` and in messages.
const Text kLogName = "in" + kCsi + kBidi + Plain("\"<b>|`") + kC1 + ".log";

/// A temporary directory holding the hostile log, removed at the end.
class HostileLogFile {
 public:
  HostileLogFile() : dir_("escviz-output-safety"), path_(dir_.Write(kLogName.raw, HostileLog())) {}
  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  std::string path_;
};

// ---------------------------------------------------------------------------------------------
// Helpers. The command line runs in-process with RunEscviz, and (a) terminal safety is checked
// with TerminalProblem (test_support.h, independent of render/escape.cc).

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// (c) Markdown: GitHub's table rows and CommonMark code spans.

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

/// The cells of a table row as GitHub (cmark-gfm) splits them: a `|` preceded by a backslash
/// belongs to the cell and loses that backslash; the outer pipes are optional.
std::vector<std::string> SplitRow(const std::string& line) {
  std::vector<std::string> cells;
  std::string cur;
  size_t i = line.size() > 0 && line[0] == '|' ? 1 : 0;
  bool open = false;  // text since the last pipe
  for (; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cur += '|';
      ++i;
      open = true;
    } else if (line[i] == '|') {
      cells.push_back(Trim(cur));
      cur.clear();
      open = false;
    } else {
      cur += line[i];
      open = open || line[i] != ' ';
    }
  }
  if (open) cells.push_back(Trim(cur));
  return cells;
}

/// If `cell` is exactly one CommonMark code span, its displayed content.
bool CodeSpan(const std::string& cell, std::string* content) {
  size_t n = 0;
  while (n < cell.size() && cell[n] == '`') ++n;
  if (n == 0) return false;
  // The closing fence: the first backtick run of exactly n after the opening one.
  for (size_t i = n; i < cell.size();) {
    if (cell[i] != '`') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < cell.size() && cell[j] == '`') ++j;
    if (j - i == n) {
      if (j != cell.size()) return false;  // text after the span
      std::string c = cell.substr(n, i - n);
      if (c.size() >= 2 && c.front() == ' ' && c.back() == ' ' &&
          c.find_first_not_of(' ') != std::string::npos) {
        c = c.substr(1, c.size() - 2);
      }
      *content = c;
      return true;
    }
    i = j;
  }
  return false;  // never closed: the backticks are literal text
}

/// Checks Markdown whose log text sits in code spans anywhere (diff's lists and table): every
/// span shows terminal-safe text, the text outside spans holds none of the hostile log's marks,
/// and each table row keeps the header's number of cells. Returns the spans' contents.
std::vector<std::string> CheckMarkdownSpans(const std::string& md) {
  std::vector<std::string> spans;
  std::istringstream lines(md);
  std::string line;
  size_t columns = 0;
  while (std::getline(lines, line)) {
    INFO("line: " << Show(line));
    if (!line.empty() && line[0] == '|') {
      const size_t cells = SplitRow(line).size();
      if (columns == 0) columns = cells;
      CHECK(cells == columns);
    } else {
      columns = 0;
    }
    std::string outside;
    for (size_t i = 0; i < line.size();) {
      if (line[i] != '`') {
        outside += line[i++];
        continue;
      }
      size_t n = 0;
      while (i + n < line.size() && line[i + n] == '`') ++n;
      const std::string fence(n, '`');
      size_t close = line.find(fence, i + n);
      while (close != std::string::npos && close + n < line.size() && line[close + n] == '`') {
        close = line.find(fence, close + n + 1);
      }
      REQUIRE(close != std::string::npos);  // every span is closed
      std::string c = line.substr(i + n, close - i - n);
      if (c.size() >= 2 && c.front() == ' ' && c.back() == ' ') c = c.substr(1, c.size() - 2);
      CHECK(TerminalProblem(c) == "");
      spans.push_back(c);
      i = close + n;
    }
    CHECK(outside.find_first_of("\\\"&[]") == std::string::npos);
    CHECK(outside.find("script") == std::string::npos);
  }
  return spans;
}

/// Checks a Markdown document; returns the displayed content of every code span in its tables.
std::vector<std::string> CheckMarkdown(const std::string& md) {
  std::vector<std::string> spans;
  std::istringstream lines(md);
  std::string line;
  size_t columns = 0;  // of the current table, 0 outside tables
  while (std::getline(lines, line)) {
    INFO("line: " << Show(line));
    if (line.empty() || line[0] != '|') {
      columns = 0;
      // Outside tables only escviz's own words: nothing that could come from the log.
      CHECK(line.find_first_of("<>&[]`\\\"|_") == std::string::npos);
      continue;
    }
    const std::vector<std::string> cells = SplitRow(line);
    if (columns == 0) columns = cells.size();
    CHECK(cells.size() == columns);  // no `|` from the log split a cell
    for (const std::string& cell : cells) {
      INFO("cell: " << Show(cell));
      std::string content;
      if (CodeSpan(cell, &content)) {
        CHECK(TerminalProblem(content) == "");
        spans.push_back(content);
      } else {
        // Not a code span: a number, a header word or the delimiter row.
        CHECK(cell.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789 :-") ==
              std::string::npos);
      }
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// (d) DOT, parsed back by Graphviz.

constexpr const char* kBadLabel = "<label with a Graphviz substitution or a stray entity>";

/// What Graphviz shows for a plain (not HTML) label `value`, decoded in Graphviz's order:
/// escString substitution (`\N` the object's name, `\G` the graph's, `\E` `\T` `\H` `\L`; a
/// `\\` pair is skipped whole), then entities, then `\\`, `\n`, `\l`, `\r` and `\X`. Any
/// substitution, or an `&` that is not `&amp;` (LabelValue writes every `&` so), gives kBadLabel
/// instead: log text must never trigger one.
std::string ShownLabel(const std::string& value) {
  std::string subst;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      if (std::string("GNETHL").find(value[i + 1]) != std::string::npos) return kBadLabel;
      subst += value.substr(i, 2);
      ++i;
    } else {
      subst += value[i];
    }
  }
  std::string entities;
  for (size_t i = 0; i < subst.size(); ++i) {
    if (subst[i] == '&') {
      if (subst.compare(i, 5, "&amp;") != 0) return kBadLabel;
      entities += '&';
      i += 4;
      continue;
    }
    entities += subst[i];
  }
  std::string shown;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (entities[i] != '\\') {
      shown += entities[i];
      continue;
    }
    if (++i == entities.size()) break;
    const char c = entities[i];
    shown += (c == 'n' || c == 'l' || c == 'r') ? '\n' : c;
  }
  return shown;
}

/// The label of a parsed object as shown, or kBadLabel; an HTML label (`<...>`) is bad too.
std::string Shown(void* obj) {
  const char* v = agget(obj, const_cast<char*>("label"));
  if (v == nullptr) return "";
  if (aghtmlstr(const_cast<char*>(v))) return kBadLabel;
  return ShownLabel(v);
}

/// True if `shown` is the Graphviz text of a position in kFile (the whole position or, as node
/// and edge labels show it, the part after a path separator): `SUFFIX:LINE:COL`.
bool IsPositionInFile(const std::string& shown) {
  const size_t c2 = shown.rfind(':');
  if (c2 == std::string::npos || c2 == 0) return false;
  const size_t c1 = shown.rfind(':', c2 - 1);
  if (c1 == std::string::npos) return false;
  const auto digits = [](const std::string& d) {
    return !d.empty() && d.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(shown.substr(c1 + 1, c2 - c1 - 1)) || !digits(shown.substr(c2 + 1))) return false;
  const std::string file = shown.substr(0, c1);
  const std::string& whole = kFile.gv;
  if (file == whole) return true;
  if (file.empty() || file.size() >= whole.size()) return false;
  const char before = whole[whole.size() - file.size() - 1];
  return whole.compare(whole.size() - file.size(), file.size(), file) == 0 &&
         (before == '/' || before == '\\');
}

/// The locations a node can stand for, as Graphviz shows them.
const std::vector<std::string>& NodeLocations() {
  static const std::vector<std::string> locations = {kVar.gv, kParam.gv,
                                                     ("{storage for " + kExpr + "}").gv};
  return locations;
}

/// True if `shown` is a node label: `{heap}`, or a location, a line break and its position.
bool IsNodeLabel(const std::string& shown) {
  if (shown == "{heap}") return true;
  for (const std::string& loc : NodeLocations()) {
    if (shown.compare(0, loc.size() + 1, loc + "\n") == 0 &&
        IsPositionInFile(shown.substr(loc.size() + 1))) {
      return true;
    }
  }
  return false;
}

/// True if `shown` is an edge label: `[& ]REASON`, a line break and a position.
bool IsEdgeLabel(const std::string& shown) {
  const size_t nl = shown.find('\n');
  if (nl == std::string::npos) return false;
  std::string reason = shown.substr(0, nl);
  if (reason.compare(0, 2, "& ") == 0) reason = reason.substr(2);
  const std::set<std::string> reasons = {"assign", "call parameter", "spill", "address-of"};
  return reasons.count(reason) != 0 && IsPositionInFile(shown.substr(nl + 1));
}

/// Checks a DOT text; returns the shown labels of its nodes.
std::vector<std::string> CheckDot(const std::string& dot) {
  INFO(Show(dot));
  CHECK(TerminalProblem(dot) == "");
  ParsedDot g = ParseDot(dot);
  REQUIRE(g);
  Agraph_t* root = g.get();
  std::vector<std::string> nodes;
  for (Agnode_t* n = agfstnode(root); n != nullptr; n = agnxtnode(root, n)) {
    const std::string shown = Shown(n);
    INFO("node " << agnameof(n) << ": " << Show(shown));
    CHECK(IsNodeLabel(shown));
    nodes.push_back(shown);
    for (Agedge_t* e = agfstout(root, n); e != nullptr; e = agnxtout(root, e)) {
      const std::string edge = Shown(e);
      INFO("edge: " << Show(edge));
      CHECK(IsEdgeLabel(edge));
    }
  }
  // Clusters: one per function, labelled PACKAGE.FUNCTION.
  const std::set<std::string> functions = {(kPackage + "." + kG).gv, (kPackage + "." + kH).gv};
  int clusters = 0;
  for (Agraph_t* sub = agfstsubg(root); sub != nullptr; sub = agnxtsubg(sub)) {
    ++clusters;
    const std::string shown = Shown(sub);
    INFO("cluster " << agnameof(sub) << ": " << Show(shown));
    CHECK(functions.count(shown) == 1);
  }
  CHECK(clusters >= 1);
  // The title says what was selected; it is text too.
  const std::string title = Shown(root);
  INFO("title: " << Show(title));
  CHECK(title != kBadLabel);
  CHECK_FALSE(title.empty());
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// (e) SVG, parsed by expat.

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string s;
  for (size_t i = 0; i < lines.size(); ++i) s += (i == 0 ? "" : "\n") + lines[i];
  return s;
}

/// Checks an SVG text; returns the shown labels of its nodes.
std::vector<std::string> CheckSvg(const std::string& svg) {
  INFO(Show(svg));
  CHECK(TerminalProblem(svg) == "");
  CHECK_FALSE(Contains(svg, "<script"));
  CHECK_FALSE(Contains(svg, "<SCRIPT"));
  const Svg p = ParseSvg(svg);
  INFO(p.error);
  REQUIRE(p.xml_ok);
  CHECK_FALSE(p.skipped_entity);

  std::vector<std::string> nodes;
  size_t clusters = 0;
  for (const SvgGroup& g : p.groups) {
    const std::string shown = JoinLines(g.texts);
    INFO(g.cls << " " << g.title << ": " << Show(shown));
    if (g.cls == "node" && g.title.compare(0, 11, "edge_label_") == 0) {
      CHECK(IsEdgeLabel(shown));  // a labelled edge between clusters, drawn through a node
    } else if (g.cls == "node") {
      CHECK(IsNodeLabel(shown));
      nodes.push_back(shown);
      // Tooltips: `{heap}`'s counts chains; the others end with the whole position.
      if (shown != "{heap}") CHECK(IsPositionInFile(g.tooltip.substr(g.tooltip.rfind("; ") + 2)));
    } else if (g.cls == "edge" && !g.texts.empty()) {
      CHECK(IsEdgeLabel(shown));
    } else if (g.cls == "cluster") {
      ++clusters;
      CHECK((shown == (kPackage + "." + kG).gv || shown == (kPackage + "." + kH).gv));
    }
  }
  CHECK(clusters >= 1);
  return nodes;
}

std::multiset<std::string> AsSet(const std::vector<std::string>& v) {
  return std::multiset<std::string>(v.begin(), v.end());
}

// ---------------------------------------------------------------------------------------------
// The tests.

TEST_CASE("Output safety: summary as text", "[output_safety]") {
  HostileLogFile log;
  const RunResult r = RunEscviz({"summary", log.path()});
  REQUIRE(r.status == 0);
  CHECK(TerminalProblem(r.out) == "");
  CHECK(TerminalProblem(r.err) == "");
  INFO(Show(r.out));
  // The log text is there, shown with visible escapes.
  CHECK(Contains(r.out, kPackage.term));
  CHECK(Contains(r.out, kFile.term + ":21:9"));
  CHECK(Contains(r.out, kG.term + "  (" + kPackage.term + ")"));
  CHECK(Contains(r.out, kPackage.term + "." + kG.term + ": " + kVar.term));  // a choke point
  CHECK(Contains(r.out, "assign: " + kSink.term + " in " + kPackage.term + "." + kH.term));
  // The unrecognized line is on stderr, named by input and line.
  INFO(Show(r.err));
  CHECK(Contains(r.err, kLogName.term + ":22: unrecognized line: " + At("26:1").term));
}

TEST_CASE("Output safety: summary as JSON", "[output_safety]") {
  HostileLogFile log;
  const RunResult r = RunEscviz({"summary", "--format", "json", log.path()});
  REQUIRE(r.status == 0);
  CHECK(TerminalProblem(r.out) == "");  // no raw C1 or bidi either: written as \u escapes
  CHECK(TerminalProblem(r.err) == "");
  INFO(Show(r.out));
  nlohmann::json j;
  REQUIRE_NOTHROW(j = nlohmann::json::parse(r.out));
  CHECK(j.at("schema") == "escviz.summary.v1");
  CHECK(j.at("inputs") == nlohmann::json::array({log.dir() + "/" + kLogName.json}));

  REQUIRE(j.at("packages").size() == 1);
  CHECK(j["packages"][0].at("name") == kPackage.json);
  CHECK(j["packages"][0].at("example") == At("21:9").json);
  REQUIRE(j.at("files").size() == 1);
  CHECK(j["files"][0].at("name") == kFile.json);
  REQUIRE(j.at("functions").size() == 1);
  CHECK(j["functions"][0].at("function") == kG.json);
  CHECK(j["functions"][0].at("package") == kPackage.json);
  CHECK(j["functions"][0].at("heap") == 2);

  bool sink_cause = false;
  for (const auto& c : j.at("causes")) {
    if (c.at("function") != kH.json) continue;
    sink_cause = true;
    CHECK(c.at("kind") == "assign");
    CHECK(c.at("what") == kSink.json);
    CHECK(c.at("package") == kPackage.json);
    CHECK(c.at("site") == At("11:7").json);
    CHECK(c.at("cause") == ("assign: " + kSink + " in " + kPackage + "." + kH).json);
  }
  CHECK(sink_cause);
  bool var_choke = false;
  for (const auto& p : j.at("choke_points")) {
    if (p.at("location") != kVar.json) continue;
    var_choke = true;
    CHECK(p.at("function") == kG.json);
    CHECK(p.at("package") == kPackage.json);
  }
  CHECK(var_choke);
}

TEST_CASE("Output safety: summary as Markdown", "[output_safety]") {
  HostileLogFile log;
  const RunResult r = RunEscviz({"summary", "--format", "markdown", log.path()});
  REQUIRE(r.status == 0);
  CHECK(TerminalProblem(r.out) == "");
  CHECK(TerminalProblem(r.err) == "");
  INFO(Show(r.out));
  const std::multiset<std::string> spans = AsSet(CheckMarkdown(r.out));
  // Every log string is one code span showing its terminal text: nothing was cut or split.
  CHECK(spans.count(kPackage.term) == 2);  // top packages, top functions
  CHECK(spans.count(kFile.term) == 1);     // top files
  CHECK(spans.count(kG.term) == 1);        // top functions
  CHECK(spans.count(At("21:9").term) >= 4);
  CHECK(spans.count(("assign: " + kSink + " in " + kPackage + "." + kH).term) == 1);
  CHECK(spans.count((kPackage + "." + kG + ": " + kVar).term) == 1);
}

TEST_CASE("Output safety: explain", "[output_safety]") {
  HostileLogFile log;

  SECTION("--at FILE:LINE:COL") {
    const RunResult r = RunEscviz({"explain", "--at", At("21:9").raw, log.path()});
    REQUIRE(r.status == 0);
    CHECK(TerminalProblem(r.out) == "");
    CHECK(TerminalProblem(r.err) == "");
    INFO(Show(r.out));
    CHECK(Contains(r.out, At("21:9: ").term + kExpr.term + " escapes to heap\n"));
    CHECK(Contains(r.out, "  in " + kG.term + " (package " + kPackage.term + ")   [log " +
                              log.dir() + "/" + kLogName.term + ":14]"));
    CHECK(Contains(r.out, kVar.term + " = &{storage for " + kExpr.term + "}"));
    CHECK(Contains(r.out, "-> continues in " + kH.term + " (" + kPackage.term + ")"));
    CHECK(Contains(r.out, kSink.term));
  }

  SECTION("--name EXPR --func FUNCTION") {
    const RunResult r = RunEscviz({"explain", "--name", kVar.raw, "--func", kG.raw, log.path()});
    REQUIRE(r.status == 0);
    CHECK(TerminalProblem(r.out) == "");
    CHECK(TerminalProblem(r.err) == "");
    INFO(Show(r.out));
    CHECK(Contains(r.out, At("23:2: moved to heap: ").term + kVar.term + "\n"));
    CHECK(Contains(r.out, "  in " + kG.term + " (package " + kPackage.term + ")"));
    CHECK(Contains(r.out, "{heap} = &" + kVar.term));
    CHECK(Contains(r.out, "call parameter"));
  }

  SECTION("no verdict there: the error and the nearest verdicts on stderr") {
    const RunResult r = RunEscviz({"explain", "--at", At("22").raw, log.path()});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(TerminalProblem(r.err) == "");
    INFO(Show(r.err));
    CHECK(Contains(r.err, "escviz: error: no verdict at " + At("22").term + "\n"));
    CHECK(Contains(r.err, "  " + At("21:9: ").term + kExpr.term + " escapes to heap\n"));
    CHECK(Contains(r.err, "  " + At("23:2: moved to heap: ").term + kVar.term + "\n"));
  }
}

TEST_CASE("Output safety: errors and warnings on stderr", "[output_safety]") {
  HostileLogFile log;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"summary", "--strict", log.path()},
           {"explain", "--at", kDirt.raw, log.path()},
           {"explain", "--name", kExpr.raw + "x", "--func", kG.raw, log.path()},
           {"graph", "--func", kDirt.raw, log.path()},
           {"summary", "--format", kDirt.raw, log.path()},
           {"summary", log.path() + kDirt.raw},
       }) {
    const RunResult r = RunEscviz(args);
    std::string command;
    for (const std::string& a : args) command += Show(a) + " ";
    INFO(command);
    CHECK(r.status == 2);
    CHECK(TerminalProblem(r.out) == "");
    CHECK(TerminalProblem(r.err) == "");
    INFO(Show(r.err));
    CHECK(Contains(r.err, "escviz: error: "));
    // The hostile text is there, escaped (not dropped): some of kDirt's escapes.
    CHECK(Contains(r.err, kCsi.term));
  }
}

TEST_CASE("Output safety: graph as DOT", "[output_safety]") {
  HostileLogFile log;
  const std::string heap = "{heap}";
  const std::string var = kVar.gv + "\n";
  const std::string storage = ("{storage for " + kExpr + "}").gv + "\n";
  const std::string param = kParam.gv + "\n";
  auto starts = [](const std::vector<std::string>& nodes, const std::string& prefix) {
    size_t n = 0;
    for (const std::string& s : nodes) n += s.compare(0, prefix.size(), prefix) == 0 ? 1 : 0;
    return n;
  };
  for (const std::vector<std::string>& select : std::vector<std::vector<std::string>>{
           {"--at", At("21:9").raw}, {"--func", kG.raw}, {"--top", "5"}}) {
    INFO(Show(select[0]));
    const RunResult r = RunEscviz({"graph", select[0], select[1], "--format", "dot", log.path()});
    REQUIRE(r.status == 0);
    CHECK(TerminalProblem(r.err) == "");
    const std::vector<std::string> nodes = CheckDot(r.out);
    // The chain of `&T{...}` at 21:9: storage -> v -> (into H) p -> {heap}.
    CHECK(starts(nodes, heap) == 1);
    CHECK(starts(nodes, storage) == 1);
    CHECK(starts(nodes, var) == 1);
    CHECK(starts(nodes, param) == 1);
    CHECK(nodes.size() == 4);
  }
}

TEST_CASE("Output safety: graph as SVG", "[output_safety]") {
  HostileLogFile log;
  const RunResult dot = RunEscviz({"graph", "--func", kG.raw, "--format", "dot", log.path()});
  REQUIRE(dot.status == 0);
  const std::vector<std::string> dot_nodes = CheckDot(dot.out);
  for (const std::vector<std::string>& select : std::vector<std::vector<std::string>>{
           {"--at", At("21:9").raw}, {"--func", kG.raw}, {"--top", "5"}}) {
    INFO(Show(select[0]));
    const RunResult r = RunEscviz({"graph", select[0], select[1], "--format", "svg", log.path()});
    REQUIRE(r.status == 0);
    CHECK(TerminalProblem(r.err) == "");
    const std::vector<std::string> nodes = CheckSvg(r.out);
    CHECK(nodes.size() == 4);
    // The SVG shows what the DOT says.
    CHECK(AsSet(nodes) == AsSet(dot_nodes));
  }
  // Written to a file with -o: the same SVG, nothing on standard output.
  const std::string file = log.dir() + "/out.svg";
  const RunResult r = RunEscviz({"graph", "--func", kG.raw, "-o", file, log.path()});
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  const std::string svg = ReadFile(file);
  CHECK(AsSet(CheckSvg(svg)) == AsSet(dot_nodes));
}

}  // namespace

TEST_CASE("Output safety: diff as text, JSON and Markdown; export as snapshot and SARIF",
          "[output_safety][diff]") {
  HostileLogFile log;
  const std::string empty = log.dir() + "/empty.log";
  escviz::test::WriteFile(empty, "");
  for (const char* format : {"text", "json", "markdown"}) {
    const RunResult r =
        RunEscviz({"diff", "--format", format, "--kinds", "all", empty, log.path()});
    REQUIRE(r.status == 0);
    INFO(format << "\n" << Show(r.out));
    CHECK(TerminalProblem(r.out) == "");
    if (std::string(format) == "json") {
      nlohmann::json j;
      REQUIRE_NOTHROW(j = nlohmann::json::parse(r.out));
      CHECK(j.at("added").size() >= 2);
      bool found = false;
      for (const auto& e : j["added"]) found = found || (e.at("function") == kG.json);
      CHECK(found);
    } else if (std::string(format) == "markdown") {
      const std::multiset<std::string> spans = AsSet(CheckMarkdownSpans(r.out));
      // In table cells `|` is written `\|` (GitHub removes the backslash there); in the list
      // items of added and removed allocations it stays `|`, or the backslash would show.
      auto piped = [](std::string t) {
        for (size_t i = t.find('|'); i != std::string::npos; i = t.find('|', i + 2)) {
          t.insert(i, "\\");
        }
        return t;
      };
      CHECK(spans.count(kG.term) >= 2);               // the list items' function
      CHECK(spans.count(piped(kPackage.term)) >= 1);  // the table of packages
      CHECK(spans.count(kPackage.term) >= 2);         // the list items' package
    } else {
      CHECK(Contains(r.out, kG.term));
    }
  }
  const std::string snap = log.dir() + "/snap.json";
  REQUIRE(RunEscviz({"export", "-o", snap, log.path()}).status == 0);
  const RunResult same =
      RunEscviz({"diff", "--kinds", "all", "--format", "json", log.path(), snap});
  REQUIRE(same.status == 0);
  nlohmann::json d = nlohmann::json::parse(same.out);
  CHECK(d.at("added").empty());
  CHECK(d.at("removed").empty());
  const RunResult sarif = RunEscviz({"export", "--format", "sarif", log.path()});
  REQUIRE(sarif.status == 0);
  CHECK(TerminalProblem(sarif.out) == "");
  nlohmann::json s;
  REQUIRE_NOTHROW(s = nlohmann::json::parse(sarif.out));
  CHECK(s.at("runs")[0].at("results").size() >= 2);
}
