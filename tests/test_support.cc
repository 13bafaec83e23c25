#include "tests/test_support.h"

#include <expat.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "parsers/text_log_parser.h"
#include "render/terminal_diagnostics.h"
#include "src/cli/app.h"

namespace escviz::test {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// The command line, in-process.

RunResult RunEscviz(std::vector<std::string> args) {
  args.insert(args.begin(), "escviz");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  RunResult r;
  r.status = escviz::Main(static_cast<int>(args.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// ---------------------------------------------------------------------------------------------
// Logs into models.

void ParseLog(std::string_view log, Model* m, const std::string& name) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  const bool ok = ParseTextMemory(log, name, m, &diag);
  INFO(err.str());
  REQUIRE(ok);
}

void LoadLog(const std::string& rel, Model* m) {
  std::ostringstream err;
  TerminalDiagnostics diag(&err);
  const bool ok = ParseTextLogs({std::string(ESCVIZ_SOURCE_DIR) + "/" + rel}, m, &diag);
  INFO(err.str());
  REQUIRE(ok);
}

// ---------------------------------------------------------------------------------------------
// Files.

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  REQUIRE(out);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  REQUIRE(out);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TempDir::TempDir(std::string_view prefix) {
  std::string tmpl = "/tmp/" + std::string(prefix) + "-XXXXXX";
  const char* made = mkdtemp(tmpl.data());
  REQUIRE(made != nullptr);
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Path(const std::string& name) const {
  return (fs::path(path_) / name).string();
}

std::string TempDir::Write(const std::string& name, std::string_view data) const {
  std::string p = Path(name);
  WriteFile(p, data);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Text safety.

std::string Show(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') {
      out += "\\n\n";
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "<";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      out += ">";
    }
  }
  return out;
}

namespace {

/// Decodes the UTF-8 sequence at s[*i] (advancing *i); false if it is not valid UTF-8.
bool NextCodePoint(std::string_view s, size_t* i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(*i);
  size_t n;
  uint32_t min;
  if (c < 0x80) {
    *cp = c;
    ++*i;
    return true;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 2, *cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, *cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, *cp = c & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (*i + n > s.size()) return false;
  for (size_t k = 1; k < n; ++k) {
    if ((b(*i + k) & 0xC0) != 0x80) return false;
    *cp = (*cp << 6) | (b(*i + k) & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return false;
  *i += n;
  return true;
}

bool IsBidiControl(uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

bool ValidUtf8(std::string_view s) {
  uint32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    if (!NextCodePoint(s, &i, &cp)) return false;
  }
  return true;
}

std::string TerminalProblem(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    uint32_t cp = 0;
    const auto where = [&] {
      return " at byte " + std::to_string(at) + ": ..." +
             Show(s.substr(at >= 40 ? at - 40 : 0, at >= 40 ? 40 : at)) + "[HERE]";
    };
    if (!NextCodePoint(s, &i, &cp)) return "invalid UTF-8" + where();
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) return "C0 control/DEL" + where();
    if (cp >= 0x80 && cp <= 0x9F) return "C1 control" + where();
    if (IsBidiControl(cp)) return "bidirectional control" + where();
  }
  return "";
}

bool TerminalClean(std::string_view s) { return TerminalProblem(s).empty(); }

// ---------------------------------------------------------------------------------------------
// DOT.

ParsedDot ParseDot(const std::string& dot) { return ParsedDot(agmemread(dot.c_str())); }

// ---------------------------------------------------------------------------------------------
// SVG.

const SvgGroup* Svg::Find(const std::string& cls, const std::string& title) const {
  for (const SvgGroup& g : groups) {
    if (g.cls == cls && g.title == title) return &g;
  }
  return nullptr;
}

size_t Svg::Count(const std::string& cls) const {
  size_t n = 0;
  for (const SvgGroup& g : groups) n += g.cls == cls ? 1 : 0;
  return n;
}

bool Svg::HasTextGroup(const std::vector<std::string>& lines) const {
  for (const SvgGroup& g : groups) {
    if (g.texts == lines) return true;
  }
  return false;
}

namespace {

/// Parse state for expat: a stack of open elements, the index of the group each belongs to.
struct SvgParse {
  Svg* svg;
  std::vector<std::string> elements;
  std::vector<int> group_of;  ///< innermost classed group of each open element, -1 if none
  std::string chars;
};

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* p = static_cast<SvgParse*>(data);
  int group = p->group_of.empty() ? -1 : p->group_of.back();
  const std::string el = name;
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    const std::string attr = attrs[i];
    if (el == "g" && attr == "class") {
      p->svg->groups.push_back({attrs[i + 1], "", "", {}});
      group = static_cast<int>(p->svg->groups.size()) - 1;
    }
    if (el == "a" && attr == "xlink:title" && group >= 0) {
      p->svg->groups[group].tooltip = attrs[i + 1];
    }
  }
  p->elements.push_back(el);
  p->group_of.push_back(group);
  p->chars.clear();
}

void XMLCALL OnEnd(void* data, const XML_Char*) {
  auto* p = static_cast<SvgParse*>(data);
  const int group = p->group_of.back();
  if (group >= 0) {
    std::string text;  // Graphviz writes the second of two spaces as a no-break space
    for (size_t i = 0; i < p->chars.size(); ++i) {
      if (p->chars.compare(i, 2, "\xC2\xA0") == 0) {
        text += ' ';
        ++i;
      } else {
        text += p->chars[i];
      }
    }
    if (p->elements.back() == "title") p->svg->groups[group].title = text;
    if (p->elements.back() == "text") p->svg->groups[group].texts.push_back(text);
  }
  p->elements.pop_back();
  p->group_of.pop_back();
  p->chars.clear();
}

void XMLCALL OnChars(void* data, const XML_Char* s, int len) {
  static_cast<SvgParse*>(data)->chars.append(s, static_cast<size_t>(len));
}

void XMLCALL OnSkippedEntity(void* data, const XML_Char*, int) {
  static_cast<SvgParse*>(data)->svg->skipped_entity = true;
}

}  // namespace

Svg ParseSvg(const std::string& text) {
  Svg svg;
  SvgParse p{&svg, {}, {}, {}};
  XML_Parser parser = XML_ParserCreate(nullptr);
  XML_SetUserData(parser, &p);
  XML_SetElementHandler(parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser, OnChars);
  XML_SetSkippedEntityHandler(parser, OnSkippedEntity);
  svg.xml_ok = XML_Parse(parser, text.data(), static_cast<int>(text.size()), /*isFinal=*/1) !=
               XML_STATUS_ERROR;
  if (!svg.xml_ok) {
    svg.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                std::to_string(XML_GetCurrentLineNumber(parser));
  } else if (svg.skipped_entity) {
    svg.error = "undefined entity";
  }
  svg.well_formed = svg.xml_ok && !svg.skipped_entity;
  XML_ParserFree(parser);
  return svg;
}

}  // namespace escviz::test
