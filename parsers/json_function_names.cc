#include "parsers/json_function_names.h"

namespace escviz {

FunctionNamer::FunctionNamer(const std::vector<GoFuncExtent>& extents, int go_minor,
                             PackageCounters* package)
    : extents_(extents), names_(extents.size()) {
  // Extents come in order of their `func` keyword, so a parent is named before its children.
  std::vector<uint32_t> children(extents.size(), 0);
  std::string global = go_minor >= 0 && go_minor < 22 ? "glob..func" : "init.func";
  for (size_t i = 0; i < extents.size(); ++i) {
    const GoFuncExtent& e = extents[i];
    if (!e.literal) {
      // Several `func init()` may exist; the compiler numbers them init.0, init.1, ...
      names_[i] = e.name == "init" ? "init." + std::to_string(package->inits++) : e.name;
      continue;
    }
    if (e.parent < 0) {
      names_[i] = global + std::to_string(++package->closures);
      continue;
    }
    size_t p = static_cast<size_t>(e.parent);
    uint32_t n = ++children[p];
    if (names_[p].empty()) continue;  // a parent without a name names no children
    // Closures directly in a declaration are F.funcN; closures in closures F.funcN.M.
    names_[i] = names_[p] + (extents[p].literal ? "." : ".func") + std::to_string(n);
  }
}

std::string FunctionNamer::NameAt(uint32_t line, uint32_t col) const {
  for (size_t i = 0; i < extents_.size(); ++i) {
    const GoFuncExtent& e = extents_[i];
    // Where the compiler's declaration records place the function (GoFuncExtent::decl_*).
    bool at = e.decl_line == line && e.decl_col == col;
    if (at) return names_[i];
  }
  return {};
}

bool FunctionNamer::InsideFunction(uint32_t line, uint32_t col) const {
  return InnermostExtent(extents_, line, col) >= 0;
}

std::string PlaceholderFunctionName(const std::string& file, uint32_t line, uint32_t col) {
  size_t slash = file.rfind('/');
  std::string base = slash == std::string::npos ? file : file.substr(slash + 1);
  std::string out = "func@" + base + ":" + std::to_string(line);
  if (col != 0) out += ":" + std::to_string(col);
  return out;
}

}  // namespace escviz
