#include "src/chains.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace escviz {
namespace {

constexpr size_t kMaxCrossings = 32;
constexpr std::string_view kHeap = "{heap}";

/// Lookups from names in call expressions to functions and their heap-leak explanations.
class CalleeIndex {
 public:
  explicit CalleeIndex(const Model& m) : m_(m) {
    for (uint32_t f = 0; f < m.functions.size(); ++f) {
      const Function& fn = m.functions[f];
      by_name_[{fn.package, std::string(m.str(fn.name))}] = f;
      by_full_name_[std::string(m.str(fn.name))].push_back(f);
      std::string_view n = m.str(fn.name);
      size_t dot = n.rfind('.');
      if (dot != std::string_view::npos) methods_[std::string(n.substr(dot + 1))].push_back(f);
    }
    for (uint32_t p = 1; p < m.packages.size(); ++p) {
      std::string_view path = m.str(m.packages[p].name);
      size_t slash = path.rfind('/');
      by_last_elem_[std::string(path.substr(slash == std::string_view::npos ? 0 : slash + 1))]
          .push_back(p);
    }
    std::string_view heap_name = kHeap;
    for (uint32_t e = 0; e < m.explanations.size(); ++e) {
      const Explanation& x = m.explanations[e];
      if (x.kind != Explanation::Kind::kLeak || m.str(x.leak_dst) != heap_name) continue;
      uint32_t f = FunctionOf(e);
      if (f != kNone) heap_leaks_[f].push_back(e);
    }
  }

  /// The function an explanation belongs to: its verdict's, or the one Go 1.26 names.
  uint32_t FunctionOf(uint32_t e) const {
    const Explanation& x = m_.explanations[e];
    if (x.verdict != kNone && m_.verdicts[x.verdict].function != kNone) {
      return m_.verdicts[x.verdict].function;
    }
    if (x.func != 0) return Find(x.package, std::string(m_.str(x.func)));
    return kNone;
  }

  /// The leak explanation to continue with when `callee` is called from `package` and handed
  /// `arg` (a location name such as `local` or `fmt.a`), or kNone.
  uint32_t Continue(uint32_t package, const std::string& callee, std::string_view arg) const {
    // Which parameter an argument binds to is not in the log. Follow a callee when it is the
    // only candidate with parameters leaking to the heap, and then the only such parameter, or
    // the one named like the argument (`fmt.a` handed on to a parameter `a` is the common case
    // of wrappers inlined into the caller).
    size_t dot = arg.rfind('.');
    std::string_view base = dot == std::string_view::npos ? arg : arg.substr(dot + 1);
    uint32_t found = kNone;
    for (uint32_t f : Resolve(package, callee)) {
      auto it = heap_leaks_.find(f);
      if (it == heap_leaks_.end()) continue;
      if (found != kNone) return kNone;  // several candidate callees leak: ambiguous
      std::set<StrId> params;
      for (uint32_t e : it->second) {
        params.insert(m_.explanations[e].subject);
        if (m_.str(m_.explanations[e].subject) == base && found == kNone) found = e;
      }
      if (params.size() == 1) found = it->second.front();
      if (found == kNone) return kNone;
    }
    return found;
  }

 private:
  uint32_t Find(uint32_t package, const std::string& name) const {
    auto it = by_name_.find({package, name});
    return it == by_name_.end() ? kNone : it->second;
  }

  std::vector<uint32_t> Resolve(uint32_t package, const std::string& callee) const {
    std::vector<uint32_t> out;
    uint32_t f = Find(package, callee);
    if (f != kNone) return {f};
    if (callee[0] == '(') {  // `(*pp).doPrintf`: a method of another package, inlined here
      auto it = by_full_name_.find(callee);
      return it == by_full_name_.end() ? out : it->second;
    }
    size_t dot = callee.rfind('.');
    if (dot == std::string::npos) return out;
    std::string qual = callee.substr(0, dot), name = callee.substr(dot + 1);
    // `pkg.F`: a function of an imported package, named by its last path element.
    auto pk = by_last_elem_.find(qual);
    if (pk != by_last_elem_.end()) {
      for (uint32_t p : pk->second) {
        uint32_t g = Find(p, name);
        if (g != kNone) out.push_back(g);
      }
      if (!out.empty()) return out;
    }
    // `x.M`: a method; prefer the caller's package.
    auto ms = methods_.find(name);
    if (ms == methods_.end()) return out;
    for (uint32_t g : ms->second) {
      if (m_.functions[g].package == package) out.push_back(g);
    }
    if (out.empty()) out = ms->second;
    return out;
  }

  const Model& m_;
  std::map<std::pair<uint32_t, std::string>, uint32_t> by_name_;
  std::unordered_map<std::string, std::vector<uint32_t>> methods_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_full_name_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_last_elem_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> heap_leaks_;
};

/// The explanation a chain starts from: for leaks, one that reaches the heap if any.
uint32_t PrimaryExplanation(const Model& m, uint32_t v) {
  uint32_t begin = m.expl_offsets[v], end = m.expl_offsets[v + 1];
  if (begin == end) return kNone;
  for (uint32_t k = begin; k < end; ++k) {
    const Explanation& e = m.explanations[m.expl_index[k]];
    if (e.kind == Explanation::Kind::kEscapes || m.str(e.leak_dst) == kHeap) return m.expl_index[k];
  }
  return m.expl_index[begin];
}

Chain BuildChain(const Model& m, const CalleeIndex& callees, uint32_t v) {
  Chain c;
  c.verdict = v;
  uint32_t e = PrimaryExplanation(m, v);
  if (e == kNone) {
    c.end = Chain::End::kUnexplained;
    return c;
  }
  std::unordered_set<uint32_t> seen;
  bool crosses = false;
  for (size_t depth = 0;; ++depth) {
    const Explanation& x = m.explanations[e];
    if (!seen.insert(e).second || depth > kMaxCrossings) {
      c.end = Chain::End::kCycle;
      return c;
    }
    for (uint32_t s = 0; s < x.step_count; ++s) {
      c.hops.push_back(ChainHop{e, s, crosses && s == 0});
    }
    if (x.truncated) {
      c.end = Chain::End::kCycle;
      return c;
    }
    if (x.step_count == 0) {
      c.end = Chain::End::kOther;
      return c;
    }
    const FlowStep& last = m.steps[x.first_step + x.step_count - 1];
    if (m.str(last.dst) != kHeap) {
      c.end = Chain::End::kOther;
      return c;
    }
    c.end = Chain::End::kHeap;
    if (last.note_count == 0) return c;
    const Note& n = m.notes[last.first_note + last.note_count - 1];
    if (m.str(n.reason) != "call parameter") return c;
    std::string callee = CalleeOf(m.str(n.expr));
    if (callee.empty()) return c;
    uint32_t next = callees.Continue(x.package, callee, m.str(last.src));
    if (next == kNone) {
      c.unresolved_callee = callee;
      return c;
    }
    e = next;
    crosses = true;
  }
}

bool IsSizeReason(std::string_view r) {
  return r == "too large for stack" || r == "non-constant size" || r == "too aligned for stack";
}

template <typename T>
void Rank(std::vector<T>* v) {
  std::sort(v->begin(), v->end(), [](const T& a, const T& b) {
    if (a.heap_or_chains() != b.heap_or_chains()) return a.heap_or_chains() > b.heap_or_chains();
    return a.Label() < b.Label();
  });
}

}  // namespace

std::string CalleeOf(std::string_view expr) {
  for (std::string_view p : {"defer ", "go "}) {
    if (expr.substr(0, p.size()) == p) expr.remove_prefix(p.size());
  }
  if (expr.empty() || expr.back() != ')') return "";
  int depth = 0;
  for (size_t i = 0; i < expr.size(); ++i) {
    char ch = expr[i];
    if (ch == '(' && depth == 0 && i > 0 && expr[i - 1] != '.') {
      std::string callee(expr.substr(0, i));
      return callee.find(' ') == std::string::npos ? callee : "";
    }
    if (ch == '(' || ch == '[' || ch == '{') ++depth;
    if (ch == ')' || ch == ']' || ch == '}') --depth;
  }
  return "";
}

std::string Cause::Label() const {
  std::string s = kind;
  if (!what.empty()) s += ": " + what;
  if (!function.empty()) s += " in " + (package.empty() ? function : package + "." + function);
  return s;
}

std::string ChokePoint::Label() const { return package + "." + function + ": " + location; }

namespace {
struct CauseAcc {
  Cause c;
  uint64_t heap_or_chains() const { return c.heap; }
  std::string Label() const { return c.Label(); }
};
struct ChokeAcc {
  ChokePoint p;
  uint64_t heap_or_chains() const { return p.chains; }
  std::string Label() const { return p.Label(); }
};
}  // namespace

Analysis Analyze(const Model& m) {
  Analysis a;
  CalleeIndex callees(m);
  a.chain_of_verdict.assign(m.verdicts.size(), kNone);
  using CauseKey = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<CauseKey, CauseAcc> causes;
  std::vector<std::pair<uint32_t, CauseKey>> chain_causes;  // chain index, its cause
  std::map<std::tuple<std::string, std::string, std::string>, ChokeAcc> chokes;
  for (const Explanation& x : m.explanations) a.cycles += x.truncated ? 1 : 0;

  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    const Verdict& vd = m.verdicts[v];
    bool heap = IsHeap(vd.kind);
    if (!heap && m.expl_offsets[v] == m.expl_offsets[v + 1]) continue;
    a.chain_of_verdict[v] = static_cast<uint32_t>(a.chains.size());
    a.chains.push_back(BuildChain(m, callees, v));
    Chain& c = a.chains.back();
    if (std::any_of(c.hops.begin(), c.hops.end(), [](const ChainHop& h) { return h.crosses; })) {
      ++a.crossing_chains;
    }
    if (!heap) continue;

    // The cause: the final step that reaches the heap.
    std::string kind, package, function, what, site;
    if (c.end == Chain::End::kUnexplained) {
      kind = "no explanation in the log (-m=1)";
    } else if (c.hops.empty()) {
      kind = "explanation without flow steps";
    } else {
      const ChainHop& h = c.hops.back();
      const Explanation& x = m.explanations[h.explanation];
      const FlowStep& s = m.steps[x.first_step + h.step];
      uint32_t f = callees.FunctionOf(h.explanation);
      package = m.PackageName(x.package);
      function = std::string(m.FunctionName(f));
      if (s.note_count > 0) {
        const Note& n = m.notes[s.first_note + s.note_count - 1];
        kind = std::string(m.str(n.reason));
        what = std::string(m.str(n.expr));
        site = m.FormatPos(n.pos);
      } else {
        kind = fmt::format("flow to {}", m.str(s.dst));
        what = std::string(m.str(s.src));
      }
      if (c.end == Chain::End::kCycle) kind = "assignment cycle (truncated by the compiler)";
      if (IsSizeReason(kind)) {
        package.clear();
        function.clear();
        what.clear();
      } else if (!c.unresolved_callee.empty()) {
        // Group by callee, whoever calls it: "passed to fmt.Fprintln".
        kind = "call parameter";
        what = c.unresolved_callee + "(...)";
        package.clear();
        function.clear();
      }
    }
    CauseKey key{kind, package, function, what};
    CauseAcc& acc = causes[key];
    if (acc.c.heap == 0) {
      acc.c = Cause{kind, package, function, what, m.FormatPos(vd.pos), site, 0};
    }
    ++acc.c.heap;
    chain_causes.emplace_back(static_cast<uint32_t>(a.chains.size() - 1), std::move(key));

    // Choke points: distinct qualified destinations on the chain, `{heap}` excluded.
    std::set<std::tuple<std::string, std::string, std::string>> on_chain;
    for (const ChainHop& h : c.hops) {
      const Explanation& x = m.explanations[h.explanation];
      const FlowStep& s = m.steps[x.first_step + h.step];
      if (m.str(s.dst) == kHeap) continue;
      on_chain.insert({m.PackageName(x.package),
                       std::string(m.FunctionName(callees.FunctionOf(h.explanation))),
                       std::string(m.str(s.dst))});
    }
    for (const auto& key : on_chain) {
      ChokeAcc& ch = chokes[key];
      if (ch.p.chains == 0) {
        ch.p = ChokePoint{std::get<0>(key), std::get<1>(key), std::get<2>(key), 0,
                          m.FormatPos(vd.pos)};
      }
      ++ch.p.chains;
    }
  }

  std::vector<CauseAcc> cs;
  for (auto& kv : causes) cs.push_back(kv.second);
  Rank(&cs);
  std::map<CauseKey, uint32_t> cause_index;
  for (uint32_t i = 0; i < cs.size(); ++i) {
    a.causes.push_back(cs[i].c);
    const Cause& c = cs[i].c;
    cause_index[{c.kind, c.package, c.function, c.what}] = i;
  }
  for (const auto& cc : chain_causes) a.chains[cc.first].cause = cause_index.at(cc.second);
  std::vector<ChokeAcc> ps;
  for (auto& kv : chokes) ps.push_back(kv.second);
  Rank(&ps);
  for (const ChokeAcc& p : ps) a.choke_points.push_back(p.p);
  return a;
}

}  // namespace escviz
