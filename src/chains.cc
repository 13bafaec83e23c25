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

/// A 64-bit mix (the splitmix64 finaliser) for hash maps keyed by packed integers.
struct IntHash {
  size_t operator()(uint64_t x) const {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<size_t>(x);
  }
};

uint64_t Pack(uint32_t hi, uint32_t lo) { return (static_cast<uint64_t>(hi) << 32) | lo; }

/// The id of `s` in the model's string pool, or kNone when no interned string equals it. The
/// pool stores each distinct string once, so ids compare like the strings they name.
StrId FindId(const Model& m, std::string_view s) {
  StrId id = 0;
  return m.strings.Find(s, &id) ? id : kNone;
}

/// The callee named by a call expression, as a view into `expr`; empty if it is not a call.
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

/// Lookups from names in call expressions to functions and their heap-leak explanations.
class CalleeIndex {
 public:
  explicit CalleeIndex(const Model& m) : m_(m) {
    heap_ = FindId(m, kHeap);
    for (uint32_t f = 0; f < m.functions.size(); ++f) {
      const Function& fn = m.functions[f];
      by_name_[Pack(fn.package, fn.name)] = f;
      by_full_name_[fn.name].push_back(f);
      std::string_view n = m.str(fn.name);
      size_t dot = n.rfind('.');
      if (dot != std::string_view::npos) methods_[n.substr(dot + 1)].push_back(f);
    }
    for (uint32_t p = 1; p < m.packages.size(); ++p) {
      std::string_view path = m.str(m.packages[p].name);
      size_t slash = path.rfind('/');
      by_last_elem_[path.substr(slash == std::string_view::npos ? 0 : slash + 1)].push_back(p);
    }
    function_of_.resize(m.explanations.size());
    heap_leaks_.resize(m.functions.size());
    for (uint32_t e = 0; e < m.explanations.size(); ++e) {
      const Explanation& x = m.explanations[e];
      uint32_t f = kNone;
      if (x.verdict != kNone && m.verdicts[x.verdict].function != kNone) {
        f = m.verdicts[x.verdict].function;
      } else if (x.func != 0) {
        f = Find(x.package, x.func);
      }
      function_of_[e] = f;
      if (x.kind == Explanation::Kind::kLeak && x.leak_dst == heap_ && f != kNone) {
        heap_leaks_[f].push_back(e);
      }
    }
  }

  /// `{heap}`'s id in the string pool (kNone if the log never names it).
  StrId heap() const { return heap_; }

  /// The function an explanation belongs to: its verdict's, or the one Go 1.26 names.
  uint32_t FunctionOf(uint32_t e) const { return function_of_[e]; }

  /// The leak explanation to continue with when `callee` is called from `package` and handed
  /// `arg` (a location name such as `local` or `fmt.a`), or kNone.
  uint32_t Continue(uint32_t package, std::string_view callee, std::string_view arg) const {
    // Which parameter an argument binds to is not in the log. Follow a callee when it is the
    // only candidate with parameters leaking to the heap, and then the only such parameter, or
    // the one named like the argument (`fmt.a` handed on to a parameter `a` is the common case
    // of wrappers inlined into the caller).
    size_t dot = arg.rfind('.');
    std::string_view base = dot == std::string_view::npos ? arg : arg.substr(dot + 1);
    StrId base_id = FindId(m_, base);
    uint32_t found = kNone;
    Resolve(package, callee, &candidates_);
    for (uint32_t f : candidates_) {
      const std::vector<uint32_t>& leaks = heap_leaks_[f];
      if (leaks.empty()) continue;
      if (found != kNone) return kNone;  // several candidate callees leak: ambiguous
      bool one_param = true;
      for (uint32_t e : leaks) {
        StrId subject = m_.explanations[e].subject;
        if (subject != m_.explanations[leaks.front()].subject) one_param = false;
        if (subject == base_id && found == kNone) found = e;
      }
      if (one_param) found = leaks.front();
      if (found == kNone) return kNone;
    }
    return found;
  }

 private:
  uint32_t Find(uint32_t package, StrId name) const {
    if (name == kNone) return kNone;
    auto it = by_name_.find(Pack(package, name));
    return it == by_name_.end() ? kNone : it->second;
  }

  /// The functions `callee` may name when called from `package`, into `*out`.
  void Resolve(uint32_t package, std::string_view callee, std::vector<uint32_t>* out) const {
    out->clear();
    StrId callee_id = FindId(m_, callee);
    uint32_t f = Find(package, callee_id);
    if (f != kNone) {
      out->push_back(f);
      return;
    }
    if (callee[0] == '(') {  // `(*pp).doPrintf`: a method of another package, inlined here
      auto it = callee_id == kNone ? by_full_name_.end() : by_full_name_.find(callee_id);
      if (it != by_full_name_.end()) *out = it->second;
      return;
    }
    size_t dot = callee.rfind('.');
    if (dot == std::string_view::npos) return;
    std::string_view qual = callee.substr(0, dot), name = callee.substr(dot + 1);
    // `pkg.F`: a function of an imported package, named by its last path element.
    auto pk = by_last_elem_.find(qual);
    if (pk != by_last_elem_.end()) {
      StrId name_id = FindId(m_, name);
      for (uint32_t p : pk->second) {
        uint32_t g = Find(p, name_id);
        if (g != kNone) out->push_back(g);
      }
      if (!out->empty()) return;
    }
    // `x.M`: a method; prefer the caller's package.
    auto ms = methods_.find(name);
    if (ms == methods_.end()) return;
    for (uint32_t g : ms->second) {
      if (m_.functions[g].package == package) out->push_back(g);
    }
    if (out->empty()) *out = ms->second;
  }

  const Model& m_;
  StrId heap_ = kNone;
  std::unordered_map<uint64_t, uint32_t, IntHash> by_name_;  ///< (package, name) -> function
  std::unordered_map<std::string_view, std::vector<uint32_t>> methods_;
  std::unordered_map<uint64_t, std::vector<uint32_t>, IntHash> by_full_name_;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_last_elem_;
  std::vector<uint32_t> function_of_;              ///< explanation -> function or kNone
  std::vector<std::vector<uint32_t>> heap_leaks_;  ///< function -> its leaks to the heap
  mutable std::vector<uint32_t> candidates_;       ///< Resolve's result, reused
};

/// The explanation a chain starts from: for leaks, one that reaches the heap if any.
uint32_t PrimaryExplanation(const Model& m, StrId heap, uint32_t v) {
  uint32_t begin = m.expl_offsets[v], end = m.expl_offsets[v + 1];
  if (begin == end) return kNone;
  for (uint32_t k = begin; k < end; ++k) {
    const Explanation& e = m.explanations[m.expl_index[k]];
    if (e.kind == Explanation::Kind::kEscapes || e.leak_dst == heap) return m.expl_index[k];
  }
  return m.expl_index[begin];
}

/// Builds chains. Where an explanation ends in a call parameter passed to the heap, the callee
/// it continues into (or that none does) depends only on the explanation, so it is looked up
/// once per explanation and remembered.
class ChainBuilder {
 public:
  ChainBuilder(const Model& m, const CalleeIndex& callees)
      : m_(m), callees_(callees), call_parameter_(FindId(m, "call parameter")) {
    tails_.assign(m.explanations.size(), Tail{});
  }

  /// The chain of verdict `v`. When it ends at a callee that is not followed, `*callee` is a
  /// small id for the callee's name (CalleeName), else kNone.
  Chain Build(uint32_t v, uint32_t* callee) {
    *callee = kNone;
    Chain c;
    c.verdict = v;
    uint32_t e = PrimaryExplanation(m_, callees_.heap(), v);
    if (e == kNone) {
      c.end = Chain::End::kUnexplained;
      return c;
    }
    uint32_t seen[kMaxCrossings + 1];
    bool crosses = false;
    for (size_t depth = 0;; ++depth) {
      const Explanation& x = m_.explanations[e];
      if (depth > kMaxCrossings || std::find(seen, seen + depth, e) != seen + depth) {
        c.end = Chain::End::kCycle;
        return c;
      }
      seen[depth] = e;
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
      const FlowStep& last = m_.steps[x.first_step + x.step_count - 1];
      if (last.dst != callees_.heap()) {
        c.end = Chain::End::kOther;
        return c;
      }
      c.end = Chain::End::kHeap;
      const Tail& t = TailOf(e);
      if (t.callee == kNone) return c;  // not a call parameter to a named callee
      if (t.next == kNone) {
        c.unresolved_callee = std::string(callee_names_[t.callee]);
        *callee = t.callee;
        return c;
      }
      e = t.next;
      crosses = true;
    }
  }

  std::string_view CalleeName(uint32_t callee) const { return callee_names_[callee]; }

 private:
  struct Tail {
    bool known = false;
    uint32_t callee = kNone;  ///< id of the callee's name, kNone if the end is no call
    uint32_t next = kNone;    ///< the explanation continued with, or kNone
  };

  /// The callee at the end of explanation `e`, whose last step reaches the heap.
  const Tail& TailOf(uint32_t e) {
    Tail& t = tails_[e];
    if (t.known) return t;
    t.known = true;
    const Explanation& x = m_.explanations[e];
    const FlowStep& last = m_.steps[x.first_step + x.step_count - 1];
    if (last.note_count == 0) return t;
    const Note& n = m_.notes[last.first_note + last.note_count - 1];
    if (n.reason != call_parameter_) return t;
    std::string_view callee = CalleeSpan(m_.str(n.expr));
    if (callee.empty()) return t;
    auto [it, added] = callee_ids_.try_emplace(callee, static_cast<uint32_t>(callee_names_.size()));
    if (added) callee_names_.push_back(callee);
    t.callee = it->second;
    t.next = callees_.Continue(x.package, callee, m_.str(last.src));
    return t;
  }

  const Model& m_;
  const CalleeIndex& callees_;
  StrId call_parameter_;
  std::vector<Tail> tails_;  ///< per explanation
  std::unordered_map<std::string_view, uint32_t> callee_ids_;
  std::vector<std::string_view> callee_names_;  ///< views into the model's strings
};

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

std::string CalleeOf(std::string_view expr) { return std::string(CalleeSpan(expr)); }

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
  ChainBuilder builder(m, callees);
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
    uint32_t unresolved = kNone;
    a.chains.push_back(builder.Build(v, &unresolved));
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
