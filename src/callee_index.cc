// The callee index (src/callee_index.h): names in call expressions to functions of the log and
// their parameters leaking to the heap.

#include "src/callee_index.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "src/analyze_keys.h"
#include "src/str_util.h"

namespace escviz {
namespace {

constexpr std::string_view kHeap = "{heap}";

/// The value of `key` in `map`, or kNone if it has none.
template <typename Map, typename Key>
uint32_t FindOr(const Map& map, const Key& key) {
  auto it = map.find(key);
  return it == map.end() ? kNone : it->second;
}

/// The part of a function name after its last dot (`M` of `(*T).M`), or empty if it has none.
std::string_view MethodName(std::string_view n) {
  size_t dot = n.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : n.substr(dot + 1);
}

}  // namespace

std::string_view CalleeSpan(std::string_view expr) {
  for (std::string_view p : {"defer ", "go "}) {
    if (expr.substr(0, p.size()) == p) expr.remove_prefix(p.size());
  }
  if (expr.empty() || expr.back() != ')') return {};
  int depth = 0;
  for (size_t i = 0; i < expr.size(); ++i) {
    char ch = expr[i];
    if (ch == '(' && depth == 0 && i > 0 && expr[i - 1] != '.') {
      std::string_view callee = expr.substr(0, i);
      return callee.find(' ') == std::string_view::npos ? callee : std::string_view();
    }
    if (ch == '(' || ch == '[' || ch == '{') ++depth;
    if (ch == ')' || ch == ']' || ch == '}') --depth;
  }
  return {};
}

CalleeIndex::CalleeIndex(const Model& m) : m_(m), by_name_(FunctionsByName(m)) {
  heap_ = FindId(m, kHeap);
  const uint32_t n = static_cast<uint32_t>(m.functions.size());
  named_.reserve(n);
  methods_.reserve(n);
  next_named_.assign(n, kNone);
  next_method_.assign(n, kNone);
  for (uint32_t f = n; f-- > 0;) {  // backwards, each function put in front of its list
    const Function& fn = m.functions[f];
    std::string_view name = m.str(fn.name);
    auto [named, fresh] = named_.try_emplace(name, f);
    if (!fresh) {
      next_named_[f] = named->second;
      named->second = f;
    }
    if (name.rfind('.') == std::string_view::npos) continue;
    auto [method, new_method] =
        methods_.try_emplace(std::hash<std::string_view>()(MethodName(name)), f);
    if (!new_method) {
      next_method_[f] = method->second;
      method->second = f;
    }
  }
  for (uint32_t p = 1; p < m.packages.size(); ++p) {
    std::string_view path = m.str(m.packages[p].name);
    size_t slash = path.rfind('/');
    by_last_elem_[path.substr(slash == std::string_view::npos ? 0 : slash + 1)].push_back(p);
  }
  declares_.assign(m.packages.size(), false);
  for (const Function& fn : m.functions) {
    if (fn.decl.line != 0) declares_[fn.package] = true;
  }
  first_leak_.assign(n, kNone);
  next_leak_.assign(m.explanations.size(), kNone);
  for (uint32_t e = static_cast<uint32_t>(m.explanations.size()); e-- > 0;) {
    const Explanation& x = m.explanations[e];
    const uint32_t f = x.function;
    if (x.kind != Explanation::Kind::kLeak || f == kNone) continue;
    if (x.leak_dst != heap_ && !StartsWith(m.str(x.leak_dst), "{storage for ")) continue;
    next_leak_[e] = first_leak_[f];
    first_leak_[f] = e;
  }
}

CalleeIndex::Callee CalleeIndex::Describe(std::string_view text) const {
  Callee c;
  c.text = text;
  c.id = NameId(text);
  size_t dot = text.rfind('.');
  if (dot == std::string_view::npos) return c;
  c.dotted = true;
  c.name = text.substr(dot + 1);
  auto pk = by_last_elem_.find(text.substr(0, dot));
  if (pk != by_last_elem_.end()) {
    c.packages = &pk->second;
    c.name_id = NameId(c.name);
  }
  c.first_method = FindOr(methods_, std::hash<std::string_view>()(c.name));
  return c;
}

uint32_t CalleeIndex::LeakingCallee(uint32_t package, const Callee& callee, size_t* candidates,
                                    size_t* leaking) const {
  // Follow a callee when it is the only candidate with leaking parameters.
  uint32_t found = kNone;
  size_t leaks = 0;
  // Reused, one per thread: Analyze builds chains on several threads over one index.
  thread_local std::vector<uint32_t> resolved;
  Resolve(package, callee, &resolved);
  for (uint32_t f : resolved) {
    if (first_leak_[f] == kNone) continue;
    ++leaks;
    found = f;
  }
  if (candidates != nullptr) *candidates = resolved.size();
  if (leaking != nullptr) *leaking = leaks;
  return leaks == 1 ? found : kNone;
}

uint32_t CalleeIndex::LeakOf(uint32_t f, StrId param) const {
  uint32_t storage = kNone;
  for (uint32_t e = first_leak_[f]; e != kNone; e = next_leak_[e]) {
    const Explanation& x = m_.explanations[e];
    if (x.subject != param) continue;
    if (x.leak_dst == heap_) return e;
    if (storage == kNone) storage = e;
  }
  return storage;
}

void CalleeIndex::LeakingParams(uint32_t f, std::vector<StrId>* out) const {
  std::vector<std::pair<uint64_t, StrId>> at;
  for (uint32_t e = first_leak_[f]; e != kNone; e = next_leak_[e]) {
    const Explanation& x = m_.explanations[e];
    at.emplace_back(Pack(x.pos.line, x.pos.col), x.subject);
  }
  std::sort(at.begin(), at.end());
  out->clear();
  for (const auto& [pos, name] : at) {
    if (std::find(out->begin(), out->end(), name) == out->end()) out->push_back(name);
  }
}

bool CalleeIndex::IsFunctionOf(uint32_t package, std::string_view name) const {
  return Find(package, NameId(name)) != kNone;
}

bool CalleeIndex::Declares(uint32_t package) const {
  return package < declares_.size() && declares_[package];
}

StrId CalleeIndex::NameId(std::string_view name) const {
  uint32_t f = FindOr(named_, name);
  return f == kNone ? kNone : m_.functions[f].name;
}

uint32_t CalleeIndex::Find(uint32_t package, StrId name) const {
  return name == kNone ? kNone : FindOr(by_name_, Pack(package, name));
}

void CalleeIndex::Resolve(uint32_t package, const Callee& callee,
                          std::vector<uint32_t>* out) const {
  out->clear();
  uint32_t f = Find(package, callee.id);
  if (f != kNone) {
    out->push_back(f);
    return;
  }
  if (callee.text[0] == '(') {  // `(*pp).doPrintf`: a method of another package, inlined here
    for (uint32_t g = FindOr(named_, callee.text); g != kNone; g = next_named_[g]) {
      out->push_back(g);
    }
    return;
  }
  if (!callee.dotted) return;
  // `pkg.F`: a function of an imported package, named by its last path element.
  if (callee.packages != nullptr) {
    for (uint32_t p : *callee.packages) {
      uint32_t g = Find(p, callee.name_id);
      if (g != kNone) out->push_back(g);
    }
    if (!out->empty()) return;
  }
  // `x.M` that is no package's function: since Go 1.18 the compiler prints a static method
  // call as a method expression (`(*T).M(x, ...)`, handled above), so `x.M(...)` is a call
  // through an interface or a func-typed field: no callee.
}

}  // namespace escviz
