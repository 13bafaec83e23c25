#include "src/chains.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "src/analyze_keys.h"
#include "src/callee_index.h"

namespace escviz {
namespace {

constexpr size_t kMaxCrossings = 32;

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
    callee_of_expr_.assign(m.strings.size(), kUnknown);
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
      c.hops.reserve(c.hops.size() + x.step_count);
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
        c.unresolved_callee = std::string(known_callees_[t.callee].text);
        *callee = t.callee;
        return c;
      }
      e = t.next;
      crosses = true;
    }
  }

  std::string_view CalleeName(uint32_t callee) const { return known_callees_[callee].text; }

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
    t.callee = CalleeOfExpr(n.expr);
    if (t.callee == kNone) return t;
    // Many calls of one callee in one package: which function that is, once.
    auto [it, added] = leaking_.try_emplace(Pack(x.package, t.callee), kNone);
    if (added) it->second = callees_.LeakingCallee(x.package, known_callees_[t.callee]);
    if (it->second != kNone) t.next = callees_.ParameterOf(it->second, last.src);
    return t;
  }

  /// The id of the callee named by the call expression `expr`, or kNone if it names none.
  uint32_t CalleeOfExpr(StrId expr) {
    uint32_t& id = callee_of_expr_[expr];
    if (id != kUnknown) return id;
    std::string_view callee = CalleeSpan(m_.str(expr));
    if (callee.empty()) {
      id = kNone;
    } else {
      auto [known, added] =
          callee_ids_.try_emplace(callee, static_cast<uint32_t>(known_callees_.size()));
      if (added) known_callees_.push_back(callees_.Describe(callee));
      id = known->second;
    }
    return id;
  }

  const Model& m_;
  const CalleeIndex& callees_;
  StrId call_parameter_;
  static constexpr uint32_t kUnknown = kNone - 1;
  std::vector<Tail> tails_;               ///< per explanation
  std::vector<uint32_t> callee_of_expr_;  ///< per string: callee id, kNone, or kUnknown
  absl::flat_hash_map<std::string_view, uint32_t> callee_ids_;  ///< callee name -> callee id
  absl::flat_hash_map<uint64_t, uint32_t> leaking_;  ///< (package, callee) -> LeakingCallee
  std::vector<CalleeIndex::Callee> known_callees_;   ///< by callee id
};

/// Where a step happens, as a small id per distinct (package name, function name): two steps
/// share a scope exactly when their qualified names are the same strings.
class Scopes {
 public:
  Scopes(const Model& m, const CalleeIndex& callees) : m_(m), callees_(callees) {
    std::unordered_map<std::string, uint32_t> ids;  // once per package
    package_of_.resize(m.packages.size());
    for (uint32_t p = 0; p < m.packages.size(); ++p) {
      std::string name = m.PackageName(p);
      auto [it, added] = ids.try_emplace(name, static_cast<uint32_t>(package_names_.size()));
      if (added) package_names_.push_back(std::move(name));
      package_of_[p] = it->second;
    }
    unknown_ = FindId(m, "?");
    if (unknown_ == kNone) unknown_ = kNone - 1;  // no interned string: a name of its own
    scope_of_.assign(m.explanations.size(), kNone);
  }

  /// The scope of explanation `e`: its package and FunctionOf(e).
  uint32_t Of(uint32_t e) {
    uint32_t& s = scope_of_[e];
    if (s != kNone) return s;
    uint32_t f = callees_.FunctionOf(e);
    Scope scope{package_of_[m_.explanations[e].package],
                f == kNone ? unknown_ : m_.functions[f].name};
    auto [id, added] = ids_.try_emplace(Pack(scope.package, scope.function),
                                        static_cast<uint32_t>(scopes_.size()));
    if (added) scopes_.push_back(scope);
    s = id->second;
    return s;
  }

  size_t size() const { return scopes_.size(); }

  const std::string& Package(uint32_t scope) const {
    return package_names_[scopes_[scope].package];
  }
  std::string_view Function(uint32_t scope) const {
    StrId f = scopes_[scope].function;
    return f == unknown_ ? std::string_view("?") : m_.str(f);
  }

 private:
  struct Scope {
    uint32_t package;  ///< index into package_names_
    StrId function;    ///< or unknown_ for `?`
  };
  const Model& m_;
  const CalleeIndex& callees_;
  std::vector<uint32_t> package_of_;  ///< package -> index into package_names_
  std::vector<std::string> package_names_;
  StrId unknown_ = kNone;
  std::vector<uint32_t> scope_of_;  ///< explanation -> scope, kNone until asked
  std::vector<Scope> scopes_;
  absl::flat_hash_map<uint64_t, uint32_t> ids_;  ///< (package, function) -> scope
};

/// A cause as integers. `kind` and `what` are a tag in the high half and an id in the low half.
struct CauseKey {
  enum Kind : uint64_t {
    kReason,         ///< the note's reason (a StrId)
    kFlowTo,         ///< `flow to DST` (DST a StrId)
    kUnexplained,    ///< `no explanation in the log (-m=1)`
    kNoSteps,        ///< `explanation without flow steps`
    kCycle,          ///< `assignment cycle (truncated by the compiler)`
    kCallParameter,  ///< `call parameter` of a callee not followed
  };
  enum What : uint64_t {
    kExpr,    ///< a StrId
    kCallee,  ///< `CALLEE(...)`, a ChainBuilder callee id
    kEmpty,
  };
  uint64_t kind = 0;
  uint32_t scope = kNone;  ///< package and function, kNone for none
  uint64_t what = Pack(kEmpty, 0);
  bool operator==(const CauseKey& o) const {
    return kind == o.kind && scope == o.scope && what == o.what;
  }
  template <typename H>
  friend H AbslHashValue(H h, const CauseKey& k) {
    return H::combine(std::move(h), k.kind, k.scope, k.what);
  }
};

struct CauseAcc {
  CauseKey key;
  uint64_t heap = 0;
  uint32_t verdict = kNone;        ///< the first heap verdict it accounts for
  const Position* site = nullptr;  ///< the final note's, of that verdict's chain
};

struct ChokeAcc {
  uint32_t scope = 0;
  StrId location = 0;
  uint64_t chains = 0;
  uint32_t verdict = kNone;     ///< the first heap verdict whose chain passes here
  uint32_t last_chain = kNone;  ///< the chain that counted it last
};

/// Cause::Label(), appended to `*s`.
void AppendLabel(const Cause& c, std::string* s) {
  *s += c.kind;
  if (!c.what.empty()) s->append(": ").append(c.what);
  if (!c.function.empty()) {
    *s += " in ";
    if (!c.package.empty()) s->append(c.package).append(".");
    *s += c.function;
  }
}

/// Labels, one after another in one buffer (one allocation, not one per label).
class Labels {
 public:
  /// The buffer to append the next label to.
  std::string* Next() {
    ends_.push_back(text_.size());
    return &text_;
  }
  std::string_view operator[](size_t i) const {
    size_t end = i + 1 < ends_.size() ? ends_[i + 1] : text_.size();
    return std::string_view(text_).substr(ends_[i], end - ends_[i]);
  }
  size_t size() const { return ends_.size(); }

 private:
  std::string text_;
  std::vector<size_t> ends_;  ///< where each label starts
};

/// True when no two of `labels` are the same (two with the same 64-bit hash count as the same).
bool Distinct(const Labels& labels) {
  absl::flat_hash_set<uint64_t> seen;
  seen.reserve(labels.size());
  for (uint32_t i = 0; i < labels.size(); ++i) {
    if (!seen.insert(std::hash<std::string_view>()(labels[i])).second) return false;
  }
  return true;
}

/// Sorts `order` (indices) most heap verdicts or chains first, then by `labels`. The same
/// comparisons as sorting the records themselves, so ties fall as they did.
void Rank(const std::vector<uint64_t>& counts, const Labels& labels, std::vector<uint32_t>* order) {
  std::sort(order->begin(), order->end(), [&](uint32_t a, uint32_t b) {
    if (counts[a] != counts[b]) return counts[a] > counts[b];
    return labels[a] < labels[b];
  });
}

}  // namespace

std::string CalleeOf(std::string_view expr) { return std::string(CalleeSpan(expr)); }

std::string Cause::Label() const {
  std::string s;
  s.reserve(kind.size() + what.size() + package.size() + function.size() + 6);
  AppendLabel(*this, &s);
  return s;
}

std::string ChokePoint::Label() const {
  std::string s;
  s.reserve(package.size() + function.size() + location.size() + 3);
  return s.append(package).append(".").append(function).append(": ").append(location);
}

Analysis Analyze(const Model& m) {
  Analysis a;
  CalleeIndex callees(m);
  ChainBuilder builder(m, callees);
  Scopes scopes(m, callees);
  const StrId heap_id = callees.heap();
  const StrId size_reasons[] = {FindId(m, "too large for stack"), FindId(m, "non-constant size"),
                                FindId(m, "too aligned for stack")};
  a.chain_of_verdict.assign(m.verdicts.size(), kNone);
  a.chains.reserve(m.verdicts.size());  // at most; pages past the end are never touched
  std::vector<CauseAcc> causes;
  absl::flat_hash_map<CauseKey, uint32_t> cause_ids;
  std::vector<std::pair<uint32_t, uint32_t>> chain_causes;  // chain index, its CauseAcc
  std::vector<ChokeAcc> chokes;
  absl::flat_hash_map<uint64_t, uint32_t> choke_ids;  // (scope, location)
  for (const Explanation& x : m.explanations) a.cycles += x.truncated ? 1 : 0;

  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    const Verdict& vd = m.verdicts[v];
    bool heap = IsHeap(vd.kind);
    if (!heap && m.expl_offsets[v] == m.expl_offsets[v + 1]) continue;
    const uint32_t chain = static_cast<uint32_t>(a.chains.size());
    a.chain_of_verdict[v] = chain;
    uint32_t unresolved = kNone;
    a.chains.push_back(builder.Build(v, &unresolved));
    const Chain& c = a.chains.back();
    if (std::any_of(c.hops.begin(), c.hops.end(), [](const ChainHop& h) { return h.crosses; })) {
      ++a.crossing_chains;
    }
    if (!heap) continue;

    // The cause: the final step that reaches the heap.
    CauseKey key;
    const Position* site = nullptr;
    if (c.end == Chain::End::kUnexplained) {
      key.kind = Pack(CauseKey::kUnexplained, 0);
    } else if (c.hops.empty()) {
      key.kind = Pack(CauseKey::kNoSteps, 0);
    } else {
      const ChainHop& h = c.hops.back();
      const Explanation& x = m.explanations[h.explanation];
      const FlowStep& s = m.steps[x.first_step + h.step];
      key.scope = scopes.Of(h.explanation);
      if (s.note_count > 0) {
        const Note& n = m.notes[s.first_note + s.note_count - 1];
        key.kind = Pack(CauseKey::kReason, n.reason);
        key.what = Pack(CauseKey::kExpr, n.expr);
        site = &n.pos;
      } else {
        key.kind = Pack(CauseKey::kFlowTo, s.dst);
        key.what = Pack(CauseKey::kExpr, s.src);
      }
      if (c.end == Chain::End::kCycle) key.kind = Pack(CauseKey::kCycle, 0);
      bool size = false;
      for (StrId r : size_reasons) size |= r != kNone && key.kind == Pack(CauseKey::kReason, r);
      if (size) {
        key.scope = kNone;
        key.what = Pack(CauseKey::kEmpty, 0);
      } else if (unresolved != kNone) {
        // Group by callee, whoever calls it: "passed to fmt.Fprintln".
        key.kind = Pack(CauseKey::kCallParameter, 0);
        key.what = Pack(CauseKey::kCallee, unresolved);
        key.scope = kNone;
      }
    }
    auto [it, added] = cause_ids.try_emplace(key, static_cast<uint32_t>(causes.size()));
    const uint32_t cause = it->second;
    if (added) causes.push_back(CauseAcc{key, 0, v, site});
    ++causes[cause].heap;
    chain_causes.emplace_back(chain, cause);

    // Choke points: distinct qualified destinations on the chain, `{heap}` excluded.
    for (const ChainHop& h : c.hops) {
      const Explanation& x = m.explanations[h.explanation];
      const FlowStep& s = m.steps[x.first_step + h.step];
      if (s.dst == heap_id) continue;
      uint32_t scope = scopes.Of(h.explanation);
      auto [point, padded] =
          choke_ids.try_emplace(Pack(scope, s.dst), static_cast<uint32_t>(chokes.size()));
      if (padded) chokes.push_back(ChokeAcc{scope, s.dst, 0, v, kNone});
      ChokeAcc& ch = chokes[point->second];
      if (ch.last_chain == chain) continue;  // counted once per chain
      ch.last_chain = chain;
      ++ch.chains;
    }
  }

  // The strings of each cause, built once.
  std::vector<Cause> texts(causes.size());
  Labels labels;
  for (uint32_t i = 0; i < causes.size(); ++i) {
    const CauseAcc& acc = causes[i];
    Cause& t = texts[i];
    StrId id = static_cast<StrId>(acc.key.kind);
    switch (static_cast<CauseKey::Kind>(acc.key.kind >> 32)) {
      case CauseKey::kReason:
        t.kind = std::string(m.str(id));
        break;
      case CauseKey::kFlowTo:
        t.kind = fmt::format("flow to {}", m.str(id));
        break;
      case CauseKey::kUnexplained:
        t.kind = "no explanation in the log (-m=1)";
        break;
      case CauseKey::kNoSteps:
        t.kind = "explanation without flow steps";
        break;
      case CauseKey::kCycle:
        t.kind = "assignment cycle (truncated by the compiler)";
        break;
      case CauseKey::kCallParameter:
        t.kind = "call parameter";
        break;
    }
    if (acc.key.scope != kNone) {
      t.package = scopes.Package(acc.key.scope);
      t.function = std::string(scopes.Function(acc.key.scope));
    }
    id = static_cast<StrId>(acc.key.what);
    switch (static_cast<CauseKey::What>(acc.key.what >> 32)) {
      case CauseKey::kExpr:
        t.what = std::string(m.str(id));
        break;
      case CauseKey::kCallee:
        t.what = fmt::format("{}(...)", builder.CalleeName(id));
        break;
      case CauseKey::kEmpty:
        break;
    }
    t.example = m.FormatPos(m.verdicts[acc.verdict].pos);
    if (acc.site != nullptr) t.site = m.FormatPos(*acc.site);
    t.heap = acc.heap;
    AppendLabel(t, labels.Next());
  }
  // Causes were kept by their strings, ranked from that order. When the labels differ, so do
  // the strings, and the ranking is a total order: any order to start from gives the same.
  // Else keys that spell the same strings (a note whose reason reads `call parameter` and a
  // callee not followed, say) are one cause, counted together, with the example and site of
  // the first, and the ranking starts from the order of the strings.
  std::vector<uint32_t> order(causes.size()), merged_into(causes.size());
  for (uint32_t i = 0; i < causes.size(); ++i) order[i] = merged_into[i] = i;
  if (!Distinct(labels)) {
    std::map<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>,
             uint32_t>
        by_text;
    for (uint32_t i = 0; i < causes.size(); ++i) {
      const Cause& t = texts[i];
      auto [it, added] = by_text.try_emplace({t.kind, t.package, t.function, t.what}, i);
      if (!added) texts[it->second].heap += t.heap;
      merged_into[i] = it->second;
    }
    order.clear();
    for (const auto& kv : by_text) order.push_back(kv.second);
  }
  std::vector<uint64_t> counts(causes.size());
  for (uint32_t i = 0; i < causes.size(); ++i) counts[i] = texts[i].heap;
  Rank(counts, labels, &order);
  std::vector<uint32_t> rank_of(causes.size());
  a.causes.reserve(order.size());
  for (uint32_t r = 0; r < order.size(); ++r) {
    rank_of[order[r]] = r;
    a.causes.push_back(std::move(texts[order[r]]));
  }
  for (const auto& cc : chain_causes) a.chains[cc.first].cause = rank_of[merged_into[cc.second]];

  // Choke points: each key is one distinct (package, function, location) of strings. Their
  // labels are `HEAD LOCATION`, HEAD being `PACKAGE.FUNCTION: ` of the scope. When no head
  // begins another, the labels all differ, and compare as (head, location): ranked by the
  // order of the heads, then of locations. Else as the causes, from labels.
  order.resize(chokes.size());
  counts.resize(chokes.size());
  for (uint32_t i = 0; i < chokes.size(); ++i) {
    order[i] = i;
    counts[i] = chokes[i].chains;
  }
  std::vector<uint32_t> head_rank(scopes.size(), kNone), heads_in_order;
  std::vector<std::string> heads(scopes.size());
  for (const ChokeAcc& ch : chokes) {
    if (head_rank[ch.scope] != kNone) continue;
    head_rank[ch.scope] = 0;
    heads[ch.scope] = fmt::format("{}.{}: ", scopes.Package(ch.scope), scopes.Function(ch.scope));
    heads_in_order.push_back(ch.scope);
  }
  std::sort(heads_in_order.begin(), heads_in_order.end(),
            [&](uint32_t x, uint32_t y) { return heads[x] < heads[y]; });
  bool prefix_free = true;
  for (uint32_t r = 0; r < heads_in_order.size(); ++r) {
    head_rank[heads_in_order[r]] = r;
    // Sorted, a head that begins others comes right before one of them.
    if (r > 0) {
      const std::string& prev = heads[heads_in_order[r - 1]];
      if (heads[heads_in_order[r]].compare(0, prev.size(), prev) == 0) prefix_free = false;
    }
  }
  if (prefix_free) {
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      if (counts[x] != counts[y]) return counts[x] > counts[y];
      uint32_t hx = head_rank[chokes[x].scope], hy = head_rank[chokes[y].scope];
      if (hx != hy) return hx < hy;
      return m.str(chokes[x].location) < m.str(chokes[y].location);
    });
  } else {
    labels = Labels();
    for (uint32_t i = 0; i < chokes.size(); ++i) {
      labels.Next()->append(heads[chokes[i].scope]).append(m.str(chokes[i].location));
    }
    if (!Distinct(labels)) {
      auto text = [&](uint32_t i) {
        return std::make_tuple(std::string_view(scopes.Package(chokes[i].scope)),
                               scopes.Function(chokes[i].scope), m.str(chokes[i].location));
      };
      std::sort(order.begin(), order.end(),
                [&](uint32_t x, uint32_t y) { return text(x) < text(y); });
    }
    Rank(counts, labels, &order);
  }
  // Examples: the choke points of one verdict's chain were found one after another.
  std::vector<std::string> examples(chokes.size());
  for (uint32_t i = 0; i < chokes.size(); ++i) {
    examples[i] = i > 0 && chokes[i - 1].verdict == chokes[i].verdict
                      ? examples[i - 1]
                      : m.FormatPos(m.verdicts[chokes[i].verdict].pos);
  }
  a.choke_points.reserve(order.size());
  for (uint32_t i : order) {
    const ChokeAcc& ch = chokes[i];
    a.choke_points.push_back(
        ChokePoint{scopes.Package(ch.scope), std::string(scopes.Function(ch.scope)),
                   std::string(m.str(ch.location)), ch.chains, std::move(examples[i])});
  }
  return a;
}

}  // namespace escviz
