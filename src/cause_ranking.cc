// Causes and choke points (src/cause_ranking.h): counted as integer keys while chains are built,
// then ranked with the ties of their labels. Their words and labels are made here too, for the
// ranking and every output (src/chains.h).

#include "src/cause_ranking.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <tuple>

#include "src/str_util.h"

namespace escviz {
namespace {

/// CauseText::Label(), appended to `*s`.
void AppendLabel(const CauseText& c, std::string* s) {
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

/// The length of the compiler temporary `expr` starts with (`.autotmp_4`, `~R0`, `~r0`, `~b1`,
/// `{temp}`), else 0.
size_t TemporaryPrefix(std::string_view expr) {
  if (StartsWith(expr, "{temp}")) return 6;
  size_t i = 0;
  if (StartsWith(expr, ".autotmp_")) {
    i = 9;
  } else if (expr.size() >= 2 && expr[0] == '~' &&
             std::isalpha(static_cast<unsigned char>(expr[1]))) {
    i = 2;
  } else {
    return 0;
  }
  const size_t digits = i;
  while (i < expr.size() && std::isdigit(static_cast<unsigned char>(expr[i]))) ++i;
  return i > digits ? i : 0;
}

/// True when `expr` is a compiler temporary (`.autotmp_4`, `&~R0`, `*{temp}`).
bool IsTemporary(std::string_view expr) {
  while (!expr.empty() && (expr.front() == '&' || expr.front() == '*')) expr.remove_prefix(1);
  return !expr.empty() && TemporaryPrefix(expr) == expr.size();
}

/// True when every item of the comma-separated `list` is a compiler temporary.
bool AllTemporaries(std::string_view list) {
  for (size_t at = 0;;) {
    const size_t comma = list.find(", ", at);
    if (!IsTemporary(list.substr(at, comma - at))) return false;
    if (comma == std::string_view::npos) return true;
    at = comma + 2;
  }
}

/// True when a note's expression names no user code: it is empty, a compiler temporary
/// (`.autotmp_4`, `&~R0`, `{temp}`), a call of one (`.autotmp_4(&x)`, `~R0.M(x)`), or an
/// assignment of temporaries to temporaries (`.autotmp_3 := ~R0`, `~R0 = ~R0`).
bool NamesTemporary(std::string_view expr) {
  if (expr.empty() || IsTemporary(expr)) return true;
  const std::string_view callee = CalleeSpan(expr);
  const size_t n = TemporaryPrefix(callee);
  if (n > 0 && (n == callee.size() || callee[n] == '.')) return true;
  for (std::string_view op : {" := ", " = "}) {
    const size_t at = expr.find(op);
    if (at != std::string_view::npos) {
      return AllTemporaries(expr.substr(0, at)) && AllTemporaries(expr.substr(at + op.size()));
    }
  }
  return false;
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

std::string CauseText::Label() const {
  std::string s;
  s.reserve(kind.size() + what.size() + package.size() + function.size() + 6);
  AppendLabel(*this, &s);
  return s;
}

CauseText SpellCause(const Model& m, const Cause& c) {
  CauseText t;
  switch (c.kind) {
    case Cause::Kind::kReason:
      t.kind = std::string(m.str(c.reason));
      break;
    case Cause::Kind::kFlowTo:
      t.kind = fmt::format("flow to {}", m.str(c.reason));
      break;
    case Cause::Kind::kUnexplained:
      t.kind = "no explanation in the log (-m=1)";
      break;
    case Cause::Kind::kNoSteps:
      t.kind = "explanation without flow steps";
      break;
    case Cause::Kind::kCycle:
      t.kind = "assignment cycle (truncated by the compiler)";
      break;
    case Cause::Kind::kCallParameter:
      t.kind = "call parameter";
      break;
  }
  if (c.package != kNone) {
    t.package = m.PackageName(c.package);
    t.function = std::string(m.FunctionName(c.function));
  }
  if (c.what != kNone) {
    t.what = c.kind == Cause::Kind::kCallParameter
                 ? fmt::format("{}(...)", CalleeSpan(m.str(c.what)))
                 : std::string(m.str(c.what));
  }
  return t;
}

std::string CauseLabel(const Model& m, const Cause& c) { return SpellCause(m, c).Label(); }

std::string ChokePointHead(std::string_view package, std::string_view function) {
  std::string s;
  s.reserve(package.size() + function.size() + 3);
  return s.append(package).append(".").append(function).append(": ");
}

std::string ChokePointText::Label() const { return ChokePointHead(package, function) + location; }

ChokePointText SpellChokePoint(const Model& m, const ChokePoint& p) {
  return ChokePointText{m.PackageName(p.package), std::string(m.FunctionName(p.function)),
                        std::string(m.str(p.location))};
}

std::string ChokePointLabel(const Model& m, const ChokePoint& p) {
  return SpellChokePoint(m, p).Label();
}

CauseRanking::CauseRanking(const Model& m, const CalleeIndex& callees)
    : m_(m),
      scopes_(m),
      heap_(callees.heap()),
      temp_(FindId(m, "{temp}")),
      size_reasons_{FindId(m, "too large for stack"), FindId(m, "non-constant size"),
                    FindId(m, "too aligned for stack")} {}

const FlowStep& CauseRanking::StepOf(const ChainHop& h) const {
  return m_.steps[m_.explanations[h.explanation].first_step + h.step];
}

uint32_t CauseRanking::NoteOf(const Chain& c, uint32_t* hop) const {
  // The last note of the chain: of its last step, else of the last earlier step with notes.
  uint32_t note = kNone;
  for (uint32_t i = static_cast<uint32_t>(c.hops.size()); i-- > 0 && note == kNone;) {
    const FlowStep& s = StepOf(c.hops[i]);
    if (s.note_count == 0) continue;
    note = s.first_note + s.note_count - 1;
    *hop = i;
  }
  if (note == kNone) return kNone;
  // A size reason shows no expression: kept. So is a note that names the user's code (a call of
  // a callee that is not a temporary among them: the cause grouped by callee).
  const Note& last = m_.notes[note];
  for (StrId r : size_reasons_) {
    if (r != kNone && last.reason == r) return note;
  }
  if (!NamesTemporary(m_.str(last.expr))) return note;
  // The nearest earlier note that names the user's code: of the same step, then earlier steps.
  for (uint32_t i = *hop + 1; i-- > 0;) {
    const FlowStep& s = StepOf(c.hops[i]);
    const uint32_t end = i == *hop ? note : s.first_note + s.note_count;
    for (uint32_t n = end; n-- > s.first_note;) {
      if (!NamesTemporary(m_.str(m_.notes[n].expr))) {
        *hop = i;
        return n;
      }
    }
  }
  return note;  // none does: the temporary, rather than no cause at all
}

CauseRanking::CauseKey CauseRanking::KeyOf(const Chain& c, uint32_t callee, uint32_t* site) {
  CauseKey key;
  *site = kNone;
  if (c.end == Chain::End::kUnexplained) {
    key.kind = Pack(CauseKey::kUnexplained, 0);
  } else if (c.hops.empty()) {
    key.kind = Pack(CauseKey::kNoSteps, 0);
  } else {
    uint32_t hop = static_cast<uint32_t>(c.hops.size() - 1);
    *site = NoteOf(c, &hop);
    const FlowStep& s = StepOf(c.hops[hop]);
    key.scope = scopes_.Of(c.hops[hop].explanation);
    if (*site != kNone) {
      const Note& n = m_.notes[*site];
      key.kind = Pack(CauseKey::kReason, n.reason);
      key.what = Pack(CauseKey::kExpr, n.expr);
    } else {
      key.kind = Pack(CauseKey::kFlowTo, s.dst);
      key.what = Pack(CauseKey::kExpr, s.src);
    }
    if (c.end == Chain::End::kCycle) key.kind = Pack(CauseKey::kCycle, 0);
    // The callee's call is the last note of the last step (ChainBuilder's); when that note was
    // passed over (it calls a temporary), the cause is the note chosen instead.
    const bool call =
        hop + 1 == c.hops.size() && s.note_count > 0 && *site == s.first_note + s.note_count - 1;
    bool size = false;
    for (StrId r : size_reasons_) size |= r != kNone && key.kind == Pack(CauseKey::kReason, r);
    if (size) {
      key.scope = kNone;
      key.what = Pack(CauseKey::kEmpty, 0);
    } else if (callee != kNone && call) {
      // Group by callee, whoever calls it: "passed to fmt.Fprintln".
      key.kind = Pack(CauseKey::kCallParameter, 0);
      key.what = Pack(CauseKey::kCallee, callee);
      key.scope = kNone;
    }
  }
  return key;
}

void CauseRanking::Add(uint32_t chain, const Chain& c, uint32_t callee) {
  uint32_t site = kNone;
  const CauseKey key = KeyOf(c, callee, &site);
  auto [it, added] = cause_ids_.try_emplace(key, static_cast<uint32_t>(causes_.size()));
  if (added) {
    // A callee's cause is spelled from the call expression of the note that passes to it.
    const bool by_callee = key.kind == Pack(CauseKey::kCallParameter, 0);
    StrId call = by_callee && site != kNone ? m_.notes[site].expr : kNone;
    causes_.push_back(CauseAcc{key, c.verdict, site, call, {}});
  }
  causes_[it->second].chains.push_back(chain);
  const uint64_t lines = m_.Repeats(c.verdict);
  causes_[it->second].lines += lines;

  // Choke points: distinct qualified destinations on the chain, `{heap}` excluded, and so are
  // locations whose name does not identify them in their function (`~R0`, `{temp}`, an inlined
  // callee's variables: ChainHop::dst_intro): each is one call's, not a place many chains share.
  for (const ChainHop& h : c.hops) {
    const Explanation& x = m_.explanations[h.explanation];
    const FlowStep& s = m_.steps[x.first_step + h.step];
    if (s.dst == heap_ || s.dst == temp_ || h.dst_intro != kNone) continue;
    uint32_t scope = scopes_.Of(h.explanation);
    auto [point, padded] =
        choke_ids_.try_emplace(Pack(scope, s.dst), static_cast<uint32_t>(chokes_.size()));
    if (padded) chokes_.push_back(ChokeAcc{scope, s.dst, c.verdict, {}});
    std::vector<uint32_t>& chains = chokes_[point->second].chains;
    if (!chains.empty() && chains.back() == chain) continue;  // counted once per chain
    chains.push_back(chain);
    chokes_[point->second].lines += lines;
  }
}

void CauseRanking::Finish(Analysis* a) {
  RankCauses(a);
  RankChokePoints(a);
}

Cause CauseRanking::CauseOf(const CauseAcc& acc) const {
  Cause c;
  const StrId id = static_cast<StrId>(acc.key.kind);
  switch (static_cast<CauseKey::Kind>(acc.key.kind >> 32)) {
    case CauseKey::kReason:
      c.kind = Cause::Kind::kReason;
      c.reason = id;
      break;
    case CauseKey::kFlowTo:
      c.kind = Cause::Kind::kFlowTo;
      c.reason = id;
      break;
    case CauseKey::kUnexplained:
      c.kind = Cause::Kind::kUnexplained;
      break;
    case CauseKey::kNoSteps:
      c.kind = Cause::Kind::kNoSteps;
      break;
    case CauseKey::kCycle:
      c.kind = Cause::Kind::kCycle;
      break;
    case CauseKey::kCallParameter:
      c.kind = Cause::Kind::kCallParameter;
      break;
  }
  if (acc.key.scope != kNone) {
    c.package = scopes_.PackageIndex(acc.key.scope);
    c.function = scopes_.FunctionIndex(acc.key.scope);
  }
  switch (static_cast<CauseKey::What>(acc.key.what >> 32)) {
    case CauseKey::kExpr:
      c.what = static_cast<StrId>(acc.key.what);
      break;
    case CauseKey::kCallee:
      c.what = acc.call;
      break;
    case CauseKey::kEmpty:
      break;
  }
  c.example = acc.verdict;
  c.site = acc.site;
  return c;
}

void CauseRanking::RankCauses(Analysis* a) {
  // The words of each cause, spelled once, and its label.
  std::vector<Cause> causes(causes_.size());
  std::vector<CauseText> texts(causes_.size());
  std::vector<uint64_t> counts(causes_.size());
  Labels labels;
  for (uint32_t i = 0; i < causes_.size(); ++i) {
    causes[i] = CauseOf(causes_[i]);
    texts[i] = SpellCause(m_, causes[i]);
    counts[i] = causes_[i].lines;
    AppendLabel(texts[i], labels.Next());
  }
  // Causes were kept by their strings, ranked from that order. When the labels differ, so do
  // the strings, and the ranking is a total order: any order to start from gives the same.
  // Else keys that spell the same strings (a note whose reason reads `call parameter` and a
  // callee not followed, say) are one cause, counted together, with the example and site of
  // the first, and the ranking starts from the order of the strings.
  std::vector<uint32_t> order(causes_.size()), merged_into(causes_.size());
  for (uint32_t i = 0; i < causes_.size(); ++i) order[i] = merged_into[i] = i;
  if (!Distinct(labels)) {
    std::map<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>,
             uint32_t>
        by_text;
    for (uint32_t i = 0; i < causes_.size(); ++i) {
      const CauseText& t = texts[i];
      auto [it, added] = by_text.try_emplace({t.kind, t.package, t.function, t.what}, i);
      if (!added) counts[it->second] += counts[i];
      merged_into[i] = it->second;
    }
    order.clear();
    for (const auto& kv : by_text) order.push_back(kv.second);
  }
  Rank(counts, labels, &order);
  std::vector<uint32_t> rank_of(causes_.size());
  a->causes.reserve(order.size());
  for (uint32_t r = 0; r < order.size(); ++r) {
    const uint32_t i = order[r];
    rank_of[i] = r;
    a->causes.push_back(std::move(causes[i]));
    Cause& c = a->causes.back();
    c.heap = counts[i];
    c.chains = std::move(causes_[i].chains);
  }
  for (uint32_t i = 0; i < causes_.size(); ++i) {
    Cause& c = a->causes[rank_of[merged_into[i]]];
    if (merged_into[i] != i) {  // its chains join those of the cause it is spelled as
      std::vector<uint32_t>& into = c.chains;
      size_t mid = into.size();
      into.insert(into.end(), causes_[i].chains.begin(), causes_[i].chains.end());
      std::inplace_merge(into.begin(), into.begin() + static_cast<std::ptrdiff_t>(mid), into.end());
    }
  }
  for (uint32_t r = 0; r < a->causes.size(); ++r) {
    for (uint32_t chain : a->causes[r].chains) a->chains[chain].cause = r;
  }
}

void CauseRanking::RankChokePoints(Analysis* a) {
  // Choke points: each key is one distinct (package, function, location) of strings. Their
  // labels are `HEAD LOCATION`, HEAD being `PACKAGE.FUNCTION: ` of the scope. When no head
  // begins another, the labels all differ, and compare as (head, location): ranked by the
  // order of the heads, then of locations. Else as the causes, from labels.
  std::vector<uint32_t> order(chokes_.size());
  std::vector<uint64_t> counts(chokes_.size());
  for (uint32_t i = 0; i < chokes_.size(); ++i) {
    order[i] = i;
    counts[i] = chokes_[i].lines;
  }
  std::vector<uint32_t> head_rank(scopes_.size(), kNone), heads_in_order;
  std::vector<std::string> heads(scopes_.size());
  for (const ChokeAcc& ch : chokes_) {
    if (head_rank[ch.scope] != kNone) continue;
    head_rank[ch.scope] = 0;
    heads[ch.scope] = ChokePointHead(scopes_.Package(ch.scope), scopes_.Function(ch.scope));
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
      uint32_t hx = head_rank[chokes_[x].scope], hy = head_rank[chokes_[y].scope];
      if (hx != hy) return hx < hy;
      return m_.str(chokes_[x].location) < m_.str(chokes_[y].location);
    });
  } else {
    Labels labels;
    for (uint32_t i = 0; i < chokes_.size(); ++i) {
      labels.Next()->append(heads[chokes_[i].scope]).append(m_.str(chokes_[i].location));
    }
    if (!Distinct(labels)) {
      auto text = [&](uint32_t i) {
        return std::make_tuple(std::string_view(scopes_.Package(chokes_[i].scope)),
                               scopes_.Function(chokes_[i].scope), m_.str(chokes_[i].location));
      };
      std::sort(order.begin(), order.end(),
                [&](uint32_t x, uint32_t y) { return text(x) < text(y); });
    }
    Rank(counts, labels, &order);
  }
  a->choke_points.reserve(order.size());
  for (uint32_t i : order) {
    ChokeAcc& ch = chokes_[i];
    a->choke_points.push_back(ChokePoint{scopes_.PackageIndex(ch.scope),
                                         scopes_.FunctionIndex(ch.scope), ch.location, counts[i],
                                         ch.verdict, std::move(ch.chains)});
  }
}

}  // namespace escviz
