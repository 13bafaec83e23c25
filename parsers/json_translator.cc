#include "parsers/json_translator.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>

#include "parsers/classifier.h"
#include "parsers/json_function_names.h"
#include "src/position.h"
#include "src/str_util.h"

namespace escviz {

namespace {

constexpr std::string_view kEscapesSuffix = " escapes to heap";
constexpr std::string_view kEscflow = "escflow:";

/// `parameter P leaks to D with derefs=N` -> P, D, N.
bool ParseLeakMessage(std::string_view m, std::string* param, std::string* dst, int* derefs) {
  constexpr std::string_view kHead = "parameter ", kTo = " leaks to ", kWith = " with derefs=";
  if (!StartsWith(m, kHead)) return false;
  size_t to = m.find(kTo, kHead.size());
  size_t with = m.rfind(kWith);
  if (to == std::string_view::npos || with == std::string_view::npos || with < to) return false;
  std::string_view n = m.substr(with + kWith.size());
  auto r = std::from_chars(n.data(), n.data() + n.size(), *derefs);
  if (r.ec != std::errc() || r.ptr != n.data() + n.size()) return false;
  *param = std::string(m.substr(kHead.size(), to - kHead.size()));
  *dst = std::string(m.substr(to + kTo.size(), with - to - kTo.size()));
  return !param->empty() && param->find(' ') == std::string::npos && !dst->empty();
}

/// True for parameters the compiler gives a `leaking param` verdict: named ones of this package
/// (`.anon0`, `~p0`, `_` and imported `pkg.x` get none).
bool VerdictParam(const std::string& p) {
  return !p.empty() && p[0] != '.' && p[0] != '~' && p != "_" && p.find('.') == std::string::npos;
}

/// True if the source at a parameter's position declares it with a predeclared type that holds
/// no pointers (`base int`): the compiler gives such parameters no verdict at all.
bool ScalarParam(std::string_view src, const std::string& param) {
  if (src.substr(0, param.size()) != param) return false;
  std::string_view rest = src.substr(param.size());
  size_t start = rest.find_first_not_of(" \t");
  if (start == 0 || start == std::string_view::npos) return false;
  rest.remove_prefix(start);
  size_t end = rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789");
  std::string_view type = rest.substr(0, end);
  static const char* const kScalars[] = {"bool",    "byte",      "rune",      "int",     "int8",
                                         "int16",   "int32",     "int64",     "uint",    "uint8",
                                         "uint16",  "uint32",    "uint64",    "uintptr", "float32",
                                         "float64", "complex64", "complex128"};
  for (const char* t : kScalars) {
    if (type == t) return true;
  }
  return false;
}

/// The rest of `line` (1-based) from byte column `col` (1-based) of `text`, or empty.
std::string_view TextAt(const std::string& text, uint32_t line, uint32_t col) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  if (col == 0 || start + col - 1 >= text.size()) return {};
  std::string_view rest = std::string_view(text).substr(start + col - 1);
  return rest.substr(0, rest.find('\n'));
}

}  // namespace

/// The state of one file being translated.
struct JsonTranslator::FileState {
  const JsonHeader* header = nullptr;
  const std::vector<NumberedDiagnostic>* diags = nullptr;
  std::vector<JsonTextLine>* out = nullptr;
  int go_minor = -1;
  const std::string* source = nullptr;  ///< the file's text, when readable
  std::optional<FunctionNamer> namer;   ///< when the source is readable
  std::vector<uint32_t> decl_lines;     ///< lines with a declaration record
  std::vector<std::string> escaping;    ///< subjects of this file's escape blocks

  std::string Pos(uint32_t line, uint32_t col) const {
    return FormatPosition(header->file, line, col);
  }
  void Emit(std::string text, uint64_t json_line, LineKind kind = LineKind::kCount) {
    out->push_back(JsonTextLine{std::move(text), json_line, kind});
  }
};

JsonTranslator::JsonTranslator(SourceTree* sources) : sources_(sources) {}

void JsonTranslator::BeginPackage(std::string dir) {
  package_ = PackageCounters{};
  package_dir_ = std::move(dir);
}

void JsonTranslator::Translate(const JsonHeader& header,
                               const std::vector<NumberedDiagnostic>& diags,
                               std::vector<JsonTextLine>* out) {
  FileState fs;
  fs.header = &header;
  fs.diags = &diags;
  fs.out = out;
  fs.go_minor = GoMinorVersion(header.gc_version);
  const std::string& file = header.file;
  size_t slash = file.rfind('/');
  // Package-level closures and init functions are numbered over the package's own files only.
  PackageCounters other;
  bool own = package_dir_.empty() ||
             (slash != std::string::npos && file.compare(0, slash, package_dir_) == 0 &&
              slash == package_dir_.size());
  if (sources_ != nullptr && EndsWith(file, ".go")) {
    // Found as every source is (parsers/source_tree.h), and read once for the source pass.
    const std::string* text = sources_->Text(file);
    const std::vector<GoFuncExtent>* extents = sources_->Functions(file);
    if (text != nullptr && extents != nullptr) {
      fs.source = text;
      fs.namer.emplace(*extents, fs.go_minor, own ? &package_ : &other);
    }
  }
  if (header.file != "<autogenerated>") ++(fs.source ? files_with_source_ : files_without_source_);
  for (const NumberedDiagnostic& d : diags) {
    const std::string& code = d.diag.code;
    if (code == "canInlineFunction" || code == "cannotInlineFunction") {
      fs.decl_lines.push_back(d.diag.pos.line);
    } else if ((code == "escape" || code == "escapes") &&
               EndsWith(d.diag.message, kEscapesSuffix)) {
      const std::string& m = d.diag.message;
      fs.escaping.push_back(m.substr(0, m.size() - kEscapesSuffix.size()));
    }
  }
  std::sort(fs.decl_lines.begin(), fs.decl_lines.end());
  std::sort(fs.escaping.begin(), fs.escaping.end());
  // The compiler sorts records by position (stably); a group is one position's records.
  for (size_t begin = 0; begin < diags.size();) {
    size_t end = begin + 1;
    while (end < diags.size() && diags[end].diag.pos.line == diags[begin].diag.pos.line &&
           diags[end].diag.pos.col == diags[begin].diag.pos.col) {
      ++end;
    }
    TranslateGroup(&fs, begin, end);
    begin = end;
  }
}

void JsonTranslator::TranslateGroup(FileState* fs, size_t begin, size_t end) {
  struct Block {
    std::string subject;
    bool variable = false;  ///< explains a variable: `moved to heap`
    bool claimed = false;
  };
  struct Leak {
    std::string param;
    uint64_t json_line = 0;
    std::vector<std::pair<std::string, int>> dsts;  ///< destination, least derefs
  };
  std::vector<Block> blocks;
  std::vector<Leak> leaks;
  const JsonPos& at = (*fs->diags)[begin].diag.pos;
  const std::string pos = fs->Pos(at.line, at.col);
  const bool autogenerated = fs->header->file == "<autogenerated>";

  // Renders the escflow entries of `d` as explanation lines; returns the first flow's parts.
  auto explain = [&](const NumberedDiagnostic& d, std::string* first_src, int* first_derefs) {
    bool first = true;
    for (const JsonRelated& r : d.diag.related) {
      if (r.message == "inlineLoc") continue;
      std::string_view m = r.message;
      if (!StartsWith(m, kEscflow) || m.size() <= kEscflow.size() + 1) {
        fs->Emit(pos + ": related information not understood: " + r.message, d.json_line,
                 LineKind::kUnrecognized);
        continue;
      }
      // `escflow:    flow: ...` has one space more than the text's `POS:   flow: ...`.
      std::string line = pos + ":" + std::string(m.substr(kEscflow.size() + 1));
      std::string_view body = m.substr(kEscflow.size());
      body.remove_prefix(std::min(body.find_first_not_of(' '), body.size()));
      if (StartsWith(body, "from ")) {
        line += " at " + (r.pos.line == 0 ? std::string("<unknown line number>")
                                          : FormatPosition(r.pos.file, r.pos.line, r.pos.col));
      } else if (first && StartsWith(body, "flow: ") && EndsWith(body, ":")) {
        std::string_view dst, src;
        int derefs = 0;
        body = body.substr(6, body.size() - 7);
        if (ParseFlowBody(body, &dst, &src, &derefs)) {
          *first_src = std::string(src);
          *first_derefs = derefs;
        }
        first = false;
      }
      fs->Emit(std::move(line), d.json_line);
    }
  };

  // The `leaking param` verdicts, as the compiler's paramTag derives them from the leaks.
  auto flush_leaks = [&]() {
    for (const Leak& l : leaks) {
      bool moved = std::any_of(blocks.begin(), blocks.end(),
                               [&](const Block& b) { return b.variable && b.subject == l.param; });
      if (moved) continue;
      // A destination is a result (`~r0`, a named result) unless it is the heap, an allocation
      // (`{storage for ...}`) or a variable that escapes itself.
      auto heap_like = [&](const std::string& dst) {
        return dst[0] == '{' || std::binary_search(fs->escaping.begin(), fs->escaping.end(), dst);
      };
      int heap = -1;
      for (const auto& [dst, n] : l.dsts) {
        if (heap_like(dst) && (heap < 0 || n < heap)) heap = n;
      }
      if (heap == 0) fs->Emit(pos + ": leaking param: " + l.param, l.json_line);
      if (heap > 0) fs->Emit(pos + ": leaking param content: " + l.param, l.json_line);
      for (const auto& [dst, n] : l.dsts) {
        if (heap_like(dst) || (heap >= 0 && n >= heap)) continue;
        fs->Emit(pos + ": leaking param: " + l.param + " to result " + dst +
                     " level=" + std::to_string(n),
                 l.json_line);
      }
    }
    leaks.clear();
  };

  for (size_t i = begin; i < end; ++i) {
    const NumberedDiagnostic& d = (*fs->diags)[i];
    const std::string& code = d.diag.code;
    const std::string& msg = d.diag.message;
    if (code == "canInlineFunction" || code == "cannotInlineFunction") {
      std::string name = fs->namer ? fs->namer->NameAt(at.line, at.col) : std::string();
      if (name.empty()) name = PlaceholderFunctionName(fs->header->file, at.line, at.col);
      if (code == "cannotInlineFunction") {
        fs->Emit(pos + ": cannot inline " + name + ": " + (msg.empty() ? "?" : msg), d.json_line);
      } else if (StartsWith(msg, "cost: ")) {
        fs->Emit(pos + ": can inline " + name + " with cost " + msg.substr(6) + " as: ",
                 d.json_line);
      } else {
        fs->Emit(pos + ": can inline " + name, d.json_line);
      }
    } else if ((code == "escape" || code == "escapes") && EndsWith(msg, kEscapesSuffix)) {
      Block b;
      b.subject = msg.substr(0, msg.size() - kEscapesSuffix.size());
      fs->Emit(pos + ": " + msg + ":", d.json_line);
      std::string first_src;
      int first_derefs = 0;
      explain(d, &first_src, &first_derefs);
      b.variable = first_derefs == -1 && first_src == b.subject;
      if (b.variable) fs->Emit(pos + ": moved to heap: " + b.subject, d.json_line);
      blocks.push_back(std::move(b));
    } else if (code == "escape" && msg.empty()) {
      // The verdict of an allocation: its subject is the one its block names.
      Block* pick = nullptr;
      for (Block& b : blocks) {
        if (!b.variable && !b.claimed) {
          pick = &b;
          break;
        }
      }
      if (pick == nullptr) {  // blocks repeat less often than verdicts: reuse the last
        for (auto it = blocks.rbegin(); it != blocks.rend() && pick == nullptr; ++it)
          if (!it->variable) pick = &*it;
      }
      if (pick == nullptr) {
        fs->Emit(pos + ": escape record with no explanation to name what escapes", d.json_line,
                 LineKind::kUnrecognized);
        continue;
      }
      pick->claimed = true;
      std::string subject = pick->subject;
      // `go f()` and `defer f()` wrappers escape without a verdict line in text.
      if (subject == "func literal" && fs->source != nullptr) {
        std::string_view src = TextAt(*fs->source, at.line, at.col);
        if (StartsWith(src, "go ") || StartsWith(src, "defer ")) {
          fs->Emit(pos + ": " + subject + " escapes to heap (go/defer wrapper)", d.json_line,
                   LineKind::kOtherOptimization);
          continue;
        }
      }
      // Go 1.25 and newer explain `append(s, x)` and print the verdict `append escapes to heap`.
      if (fs->go_minor >= 25 && StartsWith(subject, "append(")) subject = "append";
      fs->Emit(pos + ": " + subject + std::string(kEscapesSuffix), d.json_line);
    } else if (code == "leak") {
      std::string param, dst;
      int derefs = 0;
      if (!ParseLeakMessage(msg, &param, &dst, &derefs)) {
        fs->Emit(pos + ": leak record not understood: " + msg, d.json_line,
                 LineKind::kUnrecognized);
        continue;
      }
      // A wrapper's leak (every note in `<autogenerated>`) shares its method's parameter
      // positions; in text it comes after the method's verdict, and explains nothing.
      bool wrapper =
          !d.diag.related.empty() &&
          std::all_of(d.diag.related.begin(), d.diag.related.end(), [](const JsonRelated& r) {
            return r.message == "inlineLoc" || r.pos.file == "<autogenerated>" || r.pos.line == 0;
          });
      if (wrapper) flush_leaks();
      fs->Emit(pos + ": " + msg + ":", d.json_line);
      std::string first_src;
      int first_derefs = 0;
      explain(d, &first_src, &first_derefs);
      if (wrapper) continue;
      // Wrappers get no verdicts; a parameter belongs to a function if it lies inside one
      // (source readable) or on a declaration's line (not readable).
      bool in_function =
          fs->namer ? fs->namer->InsideFunction(at.line, at.col)
                    : std::binary_search(fs->decl_lines.begin(), fs->decl_lines.end(), at.line);
      if (autogenerated || !VerdictParam(param) || !in_function) continue;
      if (fs->source && ScalarParam(TextAt(*fs->source, at.line, at.col), param)) continue;
      auto leak =
          std::find_if(leaks.begin(), leaks.end(), [&](const Leak& l) { return l.param == param; });
      if (leak == leaks.end()) {
        leaks.push_back(Leak{param, d.json_line, {}});
        leak = std::prev(leaks.end());
      }
      auto dit = std::find_if(leak->dsts.begin(), leak->dsts.end(),
                              [&](const auto& p) { return p.first == dst; });
      if (dit == leak->dsts.end()) {
        leak->dsts.emplace_back(dst, derefs);
      } else {
        dit->second = std::min(dit->second, derefs);
      }
    } else if (code == "escape" || code == "escapes") {
      fs->Emit(pos + ": " + code + " record not understood: " + msg, d.json_line,
               LineKind::kUnrecognized);
    } else {
      // nilcheck, isInBounds, isSliceInBounds, copy, loop variables, PGO: no -m text form.
      fs->Emit(pos + ": " + code + (msg.empty() ? "" : ": " + msg), d.json_line,
               LineKind::kOtherOptimization);
    }
  }

  flush_leaks();
}

}  // namespace escviz
