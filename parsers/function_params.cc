// Parameter names of the log's functions, read from their declarations in the Go source
// (parsers/function_params.h).
#include "parsers/function_params.h"

#include <absl/container/flat_hash_set.h>

#include <string>
#include <string_view>
#include <vector>

#include "src/position.h"

namespace escviz {

uint64_t ReadFunctionParams(Model* model, SourceTree* tree) {
  Model& m = *model;
  // Only functions that can be continued into: those with a leaking parameter.
  std::vector<bool> leaks(m.functions.size(), false);
  for (const Verdict& v : m.verdicts) {
    if (IsLeak(v.kind) && v.function != kNone) leaks[v.function] = true;
  }
  for (const Explanation& x : m.explanations) {
    if (x.kind == Explanation::Kind::kLeak && x.function != kNone) leaks[x.function] = true;
  }
  // Where each is declared: the `-L` physical position when there is one (the real Go file).
  struct Decl {
    uint32_t function;
    std::string_view path;
    uint32_t line, col;
  };
  std::vector<Decl> decls;
  std::vector<std::string> paths;
  absl::flat_hash_set<std::string_view, StringViewHash> seen;
  for (uint32_t f = 0; f < m.functions.size(); ++f) {
    const Function& fn = m.functions[f];
    if (!leaks[f] || fn.decl.line == 0) continue;
    Decl d{f, m.str(fn.decl.file), fn.decl.line, fn.decl.col};
    PosText physical;
    if (fn.decl.physical != 0 && ParsePosition(m.str(fn.decl.physical), &physical) &&
        physical.line != 0) {
      d.path = physical.file;
      d.line = physical.line;
      d.col = physical.col;
    }
    decls.push_back(d);
    if (seen.insert(d.path).second) paths.emplace_back(d.path);
  }
  tree->Preload(paths);
  uint64_t named = 0;
  for (const Decl& d : decls) {
    Function& fn = m.functions[d.function];
    const uint32_t line = d.line, col = d.col;
    const std::vector<GoFuncExtent>* extents = tree->Functions(d.path);
    if (extents == nullptr) continue;
    for (const GoFuncExtent& e : *extents) {
      if (e.decl_line != line || (col != 0 && e.decl_col != col)) continue;
      fn.first_param = static_cast<uint32_t>(m.params.size());
      std::string_view names = e.params;
      while (!names.empty()) {
        size_t comma = names.find(',');
        m.params.push_back(m.strings.Intern(names.substr(0, comma)));
        names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
      }
      fn.param_count = static_cast<uint16_t>(m.params.size() - fn.first_param);
      fn.receiver = e.receiver;
      fn.variadic = e.variadic;
      ++named;
      break;
    }
  }
  return named;
}

}  // namespace escviz
