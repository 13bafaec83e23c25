// Chains (src/chains.h): one per explanation block of each heap or leak verdict, followed into
// callees through the callee index (src/callee_index.h) by the argument's position in the call,
// and into the allocations that `{storage for X}` names; counted by cause and choke point
// (src/cause_ranking.h).

#include "src/chains.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>

#include "src/analyze_keys.h"
#include "src/call_text.h"
#include "src/callee_index.h"
#include "src/cause_ranking.h"
#include "src/str_util.h"

namespace escviz {
namespace {

constexpr std::string_view kStorageFor = "{storage for ";

/// Where a chain goes after an explanation whose last step reaches the heap through a call, or
/// a storage: found once per explanation.
struct Tail {
  bool known = false;
  Chain::Stop stop = Chain::Stop::kNone;
  uint32_t callee = kNone;  ///< id of the callee's name when not followed (cause grouping)
  uint32_t next = kNone;    ///< the explanation continued with, or kNone
  Crossing crossing;        ///< how, when next is set (hop filled in by the chain)
};

/// Builds chains. Where an explanation ends in a call parameter passed to the heap, the callee
/// it continues into (or why none) depends only on the explanation, so it is looked up once per
/// explanation and remembered.
class ChainBuilder {
 public:
  ChainBuilder(const Model& m, const CalleeIndex& callees)
      : m_(m), callees_(callees), call_parameter_(FindId(m, "call parameter")) {
    tails_.assign(m.explanations.size(), Tail{});
    callee_of_expr_.assign(m.strings.size(), kUnknown);
  }

  /// The chain of explanation block `e` (block `block` of `blocks`) of verdict `v`, or of an
  /// unexplained verdict when `e` is kNone. When it stops at a callee not followed, `*callee`
  /// is a small id for the callee's name, else kNone.
  Chain Build(uint32_t v, uint32_t e, uint32_t block, uint32_t blocks, uint32_t* callee) {
    *callee = kNone;
    Chain c;
    c.verdict = v;
    c.block = block;
    c.blocks = blocks;
    if (e == kNone) {
      c.end = Chain::End::kUnexplained;
      return c;
    }
    std::vector<uint32_t>& seen = seen_;  // the blocks on the chain, one per segment
    seen.clear();
    for (size_t depth = 0;; ++depth) {
      const Explanation& x = m_.explanations[e];
      seen.push_back(e);
      c.hops.reserve(c.hops.size() + x.step_count);
      for (uint32_t s = 0; s < x.step_count; ++s) {
        c.hops.push_back(ChainHop{e, s, IntroducingNote(m_, intro_, x, s), depth > 0 && s == 0});
      }
      if (x.truncated) {
        c.end = Chain::End::kCycle;
        return c;
      }
      if (x.step_count == 0) {
        c.end = Chain::End::kOther;
        return c;
      }
      const Tail& t = TailOf(e);
      const FlowStep& last = m_.steps[x.first_step + x.step_count - 1];
      c.end = last.dst == callees_.heap() ? Chain::End::kHeap : Chain::End::kOther;
      if (t.stop != Chain::Stop::kNone) {
        c.stop = t.stop;
        c.stop_note = t.crossing.note;
        *callee = t.callee;
        return c;
      }
      // A block without flow steps (cut off) has nothing to continue with.
      if (t.next == kNone || m_.explanations[t.next].step_count == 0) return c;
      // Back into a block already on the chain: recursion, the chain would repeat itself.
      if (std::find(seen.begin(), seen.end(), t.next) != seen.end()) {
        c.end = Chain::End::kCallCycle;
        c.stop_note = t.crossing.note;
        return c;
      }
      if (depth + 1 > kMaxChainCrossings) {
        c.end = Chain::End::kTooLong;
        return c;
      }
      c.crossings.push_back(t.crossing);
      c.crossings.back().hop = static_cast<uint32_t>(c.hops.size());
      e = t.next;
    }
  }

  /// The id of the callee named `callee` (a view into the model's strings), given it on first
  /// sight. Ids are the builder's own: a chain built by another builder has its callee id
  /// mapped by name (Callee of that builder, then this).
  uint32_t CalleeId(std::string_view callee) {
    auto [known, added] =
        callee_ids_.try_emplace(callee, static_cast<uint32_t>(known_callees_.size()));
    if (added) known_callees_.push_back(callees_.Describe(callee));
    return known->second;
  }
  /// The name of callee `id` (as Build's `*callee` gives it).
  std::string_view Callee(uint32_t id) const { return known_callees_[id].text; }

 private:
  const Tail& TailOf(uint32_t e) {
    Tail& t = tails_[e];
    if (t.known) return t;
    t.known = true;
    const Explanation& x = m_.explanations[e];
    const FlowStep& last = m_.steps[x.first_step + x.step_count - 1];
    if (last.dst == callees_.heap()) {
      CallTail(x, last, &t);
    } else if (StartsWith(m_.str(last.dst), kStorageFor)) {
      StorageTail(x, last, &t);
    }
    return t;
  }

  /// A last step `{storage for X} = ...`: X is an allocation of the same function, at the
  /// position of the step's last note; its first explanation block goes on.
  void StorageTail(const Explanation& x, const FlowStep& last, Tail* t) {
    if (last.note_count == 0) return;
    const uint32_t note = last.first_note + last.note_count - 1;
    std::string_view dst = m_.str(last.dst);
    std::string_view what = dst.substr(kStorageFor.size(), dst.size() - kStorageFor.size() - 1);
    if (!allocations_indexed_) IndexAllocations();
    StrId subject = kNone;
    if (!m_.strings.Find(what, &subject)) return;  // no allocation has that subject
    const Position& at = m_.notes[note].pos;
    auto it = allocations_.find(AllocationKey(x.package, subject, at));
    if (it == allocations_.end()) {
      // The note may point inside the expression (`User{...}` of `&User{...}`, the body of a
      // func literal): the one allocation of that subject on the line, if there is one.
      it = allocations_on_line_.find(
          AllocationKey(x.package, subject, Position{at.file, at.line, 0}));
      if (it == allocations_on_line_.end() || it->second == kNone) {
        // `x (captured by a closure)` notes the use inside the literal's body: the literal is
        // the nearest one that starts before it in the file.
        const uint32_t literal = what == "func literal" ? EnclosingLiteral(x.package, at) : kNone;
        if (literal == kNone) return;
        it = allocations_.find(AllocationKey(x.package, subject, m_.explanations[literal].pos));
        if (it == allocations_.end()) return;
      }
    }
    t->next = it->second;
    t->crossing.via = Crossing::Via::kStorage;
    t->crossing.note = note;
    t->crossing.function = m_.explanations[it->second].function;
  }

  /// The first block of the `func literal` allocation of `package` that starts last at or
  /// before `at` in its file, or kNone.
  uint32_t EnclosingLiteral(uint32_t package, const Position& at) {
    uint32_t best = kNone;
    for (uint32_t e : literals_) {
      const Explanation& x = m_.explanations[e];
      if (x.package != package || x.pos.file != at.file) continue;
      if (std::tie(x.pos.line, x.pos.col) > std::tie(at.line, at.col)) continue;
      if (best == kNone || std::tie(m_.explanations[best].pos.line, m_.explanations[best].pos.col) <
                               std::tie(x.pos.line, x.pos.col)) {
        best = e;
      }
    }
    return best;
  }

  /// Allocation explanations by (package, subject, position): the first block of each.
  void IndexAllocations() {
    allocations_.reserve(m_.explanations.size());
    for (uint32_t e = 0; e < m_.explanations.size(); ++e) {
      const Explanation& x = m_.explanations[e];
      if (x.kind != Explanation::Kind::kEscapes) continue;
      const bool first =
          allocations_.try_emplace(AllocationKey(x.package, x.subject, x.pos), e).second;
      if (first && m_.str(x.subject) == "func literal") literals_.push_back(e);
      const Position line{x.pos.file, x.pos.line, 0};
      auto [it, added] =
          allocations_on_line_.try_emplace(AllocationKey(x.package, x.subject, line), e);
      // Two allocations of one subject on the line (not blocks of one): none is chosen.
      if (!added && it->second != kNone && m_.explanations[it->second].pos.col != x.pos.col) {
        it->second = kNone;
      }
    }
    allocations_indexed_ = true;
  }

  /// An allocation's package, subject and position (the subject's id: equal text, equal id).
  using AllocKey = std::tuple<uint32_t, StrId, StrId, uint32_t, uint32_t>;
  static AllocKey AllocationKey(uint32_t package, StrId subject, const Position& p) {
    return {package, subject, p.file, p.line, p.col};
  }

  /// A last step to the heap whose last note is a `(call parameter)`: the callee's parameter of
  /// the argument's position, or why not.
  void CallTail(const Explanation& x, const FlowStep& last, Tail* t) {
    if (last.note_count == 0) return;
    const uint32_t note = last.first_note + last.note_count - 1;
    const Note& n = m_.notes[note];
    if (n.reason != call_parameter_) return;
    const CallText call = ParseCall(m_.str(n.expr));
    if (call.callee.empty()) return;
    t->crossing.note = note;
    t->callee = CalleeOfExpr(n.expr);
    const CalleeIndex::Callee& callee = known_callees_[t->callee];
    if (IsDynamic(x.package, call, callee)) {
      t->stop = Chain::Stop::kInterfaceCall;
      return;
    }
    size_t candidates = 0, leaking = 0;
    const uint32_t f = callees_.LeakingCallee(x.package, callee, &candidates, &leaking);
    if (f == kNone) {
      t->stop = leaking > 1 ? Chain::Stop::kAmbiguousCallee : Unfollowed(x, call);
      return;
    }
    // The argument: what the note before the call names, else the step's source.
    int arg = -1;
    if (last.note_count >= 2) {
      t->crossing.arg_note = note - 1;
      arg = ArgumentIndex(call, m_.str(m_.notes[note - 1].expr));
    }
    if (arg == -1) arg = ArgumentIndex(call, m_.str(last.src));
    if (arg == -1) arg = ArgumentIndex(call, DerefOps(last.derefs) + std::string(m_.str(last.src)));
    if (arg == -1 && call.args.size() == 1) arg = 0;  // the only argument, however spelled
    if (arg < 0) {
      t->stop = Chain::Stop::kAmbiguousArgument;
      return;
    }
    // A generic function's wrapper passes its dictionary first (`put[go.shape.string](
    // &.dict.put[string], v)`): no parameter of the source's, so the others shift by one.
    size_t printed = call.args.size();
    if (!call.args.empty() && IsDictionaryArgument(call.args[0])) {
      if (arg == 0) {
        t->stop = Chain::Stop::kAmbiguousArgument;
        return;
      }
      --arg;
      --printed;
    }
    t->crossing.arg_index = arg;
    t->crossing.function = f;
    // Inlined bodies bind their callee's parameters and results by `assign-pair`: an argument
    // so introduced is a variable of a body inlined here.
    const uint32_t step = static_cast<uint32_t>(&last - &m_.steps[x.first_step]);
    t->crossing.inlined_body = step > 0 && IntroducingNote(m_, intro_, x, step - 1) != kNone;
    const Function& fn = m_.functions[f];
    StrId param = kNone;
    int index = arg;
    if (fn.first_param != kNone) {
      // A method is only ever followed from a method expression (`(*T).M(recv, ...)`,
      // `T.M(recv, ...)`): the printed arguments start with the receiver, as its parameters do.
      if (fn.variadic && index >= fn.param_count) index = fn.param_count - 1;
      if (index < fn.param_count) param = m_.params[fn.first_param + index];
    } else {
      // Without the source: only when every printed argument is a leaking parameter are the
      // leaks, in declaration order, the parameters in order.
      callees_.LeakingParams(f, &params_);
      if (params_.size() == printed) param = params_[arg];
    }
    if (param == kNone) {
      t->stop = Chain::Stop::kNoSource;
      return;
    }
    t->crossing.param_index = index;
    t->next = callees_.LeakOf(f, param);
    if (t->next == kNone) t->stop = Chain::Stop::kNoLeak;
  }

  /// True for `x.M(...)` where x is a variable, not a package: since Go 1.18 the compiler
  /// prints static method calls as method expressions (`(*T).M(x, ...)`), so this is a call of
  /// an interface method or of a func-typed field, whatever methods named M the log has.
  bool IsDynamic(uint32_t package, const CallText& call, const CalleeIndex::Callee& callee) {
    if (call.method_expression || !callee.dotted) return false;
    return callee.packages == nullptr && IsVariable(package, Receiver(call.callee));
  }

  /// The `x` of a callee `x.M`; a compiler name keeps its leading dot (`.this` of `.this.M`).
  static std::string_view Receiver(std::string_view callee) {
    return callee.substr(0, callee.find('.', StartsWith(callee, ".") ? 1 : 0));
  }

  /// Why a call to a callee with no leaking function in the log is not followed.
  Chain::Stop Unfollowed(const Explanation& x, const CallText& call) {
    std::string_view callee = call.callee;
    if (StartsWith(callee, ".autotmp_") || StartsWith(callee, "~")) return Chain::Stop::kFuncValue;
    if (call.method_expression) return Chain::Stop::kNotInLog;
    const size_t dot = callee.find('.');
    if (dot == std::string_view::npos) {
      if (callees_.IsFunctionOf(x.package, callee)) return Chain::Stop::kNotInLog;
      if (IsBuiltinFunction(callee)) return Chain::Stop::kBuiltin;
      // Every function of a package built with -m=2 is declared (`can inline`/`cannot
      // inline`) but those without a body: a name that is none is a func value.
      return callees_.Declares(x.package) ? Chain::Stop::kFuncValue : Chain::Stop::kNotInLog;
    }
    std::string_view head = Receiver(callee);
    const CalleeIndex::Callee desc = callees_.Describe(callee);
    if (desc.packages != nullptr) {
      // `pkg.F` of a package the log declares, that declares no F: F has no Go body.
      for (uint32_t p : *desc.packages) {
        if (callees_.Declares(p)) return Chain::Stop::kNoBody;
      }
      return Chain::Stop::kNotInLog;
    }
    if (head == "atomic") return Chain::Stop::kNoBody;  // sync/atomic: assembly
    // `x.M` where x is a variable of the package: an interface method or a func-typed field.
    if (IsVariable(x.package, head)) return Chain::Stop::kInterfaceCall;
    return Chain::Stop::kNotInLog;
  }

  /// True if `name` is a location the log names in `package` (a verdict's subject, an
  /// explanation's subject or a flow's source or destination).
  bool IsVariable(uint32_t package, std::string_view name) {
    if (!variables_indexed_) {
      variables_indexed_ = true;
      for (const Verdict& v : m_.verdicts) variables_.insert(Pack(v.package, v.subject));
      for (const Explanation& x : m_.explanations) {
        variables_.insert(Pack(x.package, x.subject));
        for (uint32_t s = 0; s < x.step_count; ++s) {
          variables_.insert(Pack(x.package, m_.steps[x.first_step + s].src));
        }
      }
    }
    // `.this`: an autogenerated wrapper's receiver, whose `.this.M(...)` (not printed as a method
    // expression) calls an interface's method.
    if (name == ".this") return true;
    const StrId id = FindId(m_, name);
    return id != kNone && (variables_.count(Pack(package, id)) > 0 ||
                           m_.declared_variables.count(Pack(package, id)) > 0);
  }

  /// The id of the callee named by the call expression `expr`, or kNone if it names none.
  uint32_t CalleeOfExpr(StrId expr) {
    uint32_t& id = callee_of_expr_[expr];
    if (id != kUnknown) return id;
    std::string_view callee = CalleeSpan(m_.str(expr));
    id = callee.empty() ? kNone : CalleeId(callee);
    return id;
  }

  const Model& m_;
  const CalleeIndex& callees_;
  StrId call_parameter_;
  static constexpr uint32_t kUnknown = kNone - 1;
  std::vector<Tail> tails_;               ///< per explanation
  std::vector<uint32_t> callee_of_expr_;  ///< per string: callee id, kNone, or kUnknown
  absl::flat_hash_map<std::string_view, uint32_t, StringViewHash>
      callee_ids_;                                  ///< callee name -> callee id
  std::vector<CalleeIndex::Callee> known_callees_;  ///< by callee id
  bool allocations_indexed_ = false;
  absl::flat_hash_map<AllocKey, uint32_t> allocations_;  ///< IndexAllocations
  /// (package, subject, file, line) -> the first block of the one allocation of that subject on
  /// the line, or kNone when the line has several.
  absl::flat_hash_map<AllocKey, uint32_t> allocations_on_line_;
  std::vector<uint32_t> literals_;  ///< first blocks of `func literal` allocations
  const IntroNames intro_{m_};
  std::vector<uint32_t> seen_;  ///< Build's blocks on the chain, reused
  bool variables_indexed_ = false;
  absl::flat_hash_set<uint64_t> variables_;  ///< (package, name) of IsVariable
  std::vector<StrId> params_;                ///< LeakingParams' result, reused
};

}  // namespace

std::string CalleeOf(std::string_view expr) { return std::string(CalleeSpan(expr)); }

IntroNames::IntroNames(const Model& m) {
  if (!m.strings.Find("{temp}", &temp)) temp = kNone;
  if (!m.strings.Find("assign-pair", &assign_pair)) assign_pair = kNone;
}

uint32_t IntroducingNote(const Model& m, const IntroNames& names, const Explanation& e,
                         uint32_t step) {
  const FlowStep& s = m.steps[e.first_step + step];
  if (s.note_count == 0) return kNone;
  if (s.dst == names.temp) return s.first_note;
  for (uint32_t k = s.note_count; names.assign_pair != kNone && k-- > 0;) {
    if (m.notes[s.first_note + k].reason == names.assign_pair) return s.first_note + k;
  }
  if (StartsWith(m.str(s.dst), ".autotmp_")) return s.first_note + s.note_count - 1;
  return kNone;
}

std::pair<uint32_t, uint32_t> ChainsOf(const Analysis& a, uint32_t v) {
  if (v >= a.chain_of_verdict.size() || a.chain_of_verdict[v] == kNone) return {0, 0};
  const uint32_t first = a.chain_of_verdict[v];
  return {first, first + std::max<uint32_t>(a.chains[first].blocks, 1)};
}

std::string_view StopName(Chain::Stop s) {
  switch (s) {
    case Chain::Stop::kNone:
      return "";
    case Chain::Stop::kNotInLog:
      return "not_in_log";
    case Chain::Stop::kInterfaceCall:
      return "interface_call";
    case Chain::Stop::kFuncValue:
      return "func_value";
    case Chain::Stop::kBuiltin:
      return "builtin";
    case Chain::Stop::kNoBody:
      return "no_go_body";
    case Chain::Stop::kAmbiguousArgument:
      return "ambiguous_argument";
    case Chain::Stop::kAmbiguousCallee:
      return "ambiguous_callee";
    case Chain::Stop::kNoSource:
      return "no_source";
    case Chain::Stop::kNoLeak:
      return "no_leak";
  }
  return "";
}

std::string StopText(const Model& m, const Chain& c) {
  if (c.stop == Chain::Stop::kNone || c.stop_note == kNone) return {};
  const std::string call(m.str(m.notes[c.stop_note].expr));
  const std::string callee(CalleeSpan(call));
  switch (c.stop) {
    case Chain::Stop::kNone:
      break;
    case Chain::Stop::kNotInLog:
      return fmt::format(
          "{}: its explanation is not in the log; build it with "
          "-gcflags=all=-m=2 to follow",
          callee);
    case Chain::Stop::kInterfaceCall:
      return fmt::format(
          "{} is a call through an interface (or a func-typed field): the compiler cannot see "
          "the callee and assumes its arguments escape (no rebuild shows more)",
          callee);
    case Chain::Stop::kFuncValue:
      return fmt::format(
          "{} is a call of a func value: the compiler cannot see the callee and assumes its "
          "arguments escape (no rebuild shows more)",
          callee);
    case Chain::Stop::kBuiltin:
      if (callee == "panic") return "panic: its argument always escapes to the heap (a builtin)";
      return fmt::format("{} is a builtin: the compiler's own rule, no Go callee to show", callee);
    case Chain::Stop::kNoBody:
      return fmt::format(
          "{} has no Go body (assembly or runtime): the compiler assumes its "
          "arguments escape unless it is marked //go:noescape",
          callee);
    case Chain::Stop::kAmbiguousArgument:
      return fmt::format("which argument of {} the value is cannot be told from the log", call);
    case Chain::Stop::kAmbiguousCallee:
      return fmt::format("{}: several functions of that name leak parameters; not followed",
                         callee);
    case Chain::Stop::kNoSource:
      return fmt::format(
          "{}: which of its leaking parameters the argument binds to needs its Go "
          "source (--source-root DIR)",
          callee);
    case Chain::Stop::kNoLeak:
      return fmt::format(
          "{}: the parameter the argument binds to has no explanation to the heap "
          "in the log",
          callee);
  }
  return {};
}

namespace {

/// Analyze(m) over the verdicts for which `wanted` is true (all if it is empty), with the block
/// chains if `blocks`, building chains on `threads` threads (0: by their number).
Analysis AnalyzeSome(const Model& m, const std::vector<bool>& wanted, bool blocks,
                     int threads = 0) {
  Analysis a;
  CalleeIndex callees(m);
  ChainBuilder builder(m, callees);
  CauseRanking ranking(m, callees);
  a.chain_of_verdict.assign(m.verdicts.size(), kNone);
  for (const Explanation& x : m.explanations) a.cycles += x.truncated ? 1 : 0;

  // The chains to build, in the order of a.chains: each wanted verdict's, one per explanation
  // block (one for a heap verdict without any), then each block no verdict claims. Walked once
  // to count them and again by each builder, not listed: a list costs 16 B a chain, 16 MB on a
  // million verdict lines.
  auto for_each_chain = [&](auto&& visit) {
    uint32_t i = 0;
    for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
      const uint32_t begin = m.expl_offsets[v], end = m.expl_offsets[v + 1];
      if ((!IsHeap(m.verdicts[v].kind) && begin == end) || (!wanted.empty() && !wanted[v])) {
        continue;
      }
      for (uint32_t k = begin; k == begin || k < end; ++k) {
        visit(i++, v, k < end ? m.expl_index[k] : kNone, k - begin, end - begin);
      }
    }
    for (uint32_t e = 0; blocks && e < m.explanations.size(); ++e) {
      if (m.explanations[e].verdict == kNone) visit(i++, kNone, e, e, 1u);
    }
  };
  size_t count = 0;
  for_each_chain([&](uint32_t i, uint32_t v, uint32_t, uint32_t block, uint32_t n) {
    if (v == kNone) {
      a.block_chains.push_back(i);
    } else if (block == 0) {
      a.chain_of_verdict[v] = i;
      if (IsHeap(m.verdicts[v].kind) && n > 1) ++a.second_reasons;
    }
    ++count;
  });

  // Built on two threads when there are many: chains are independent of each other. They are
  // dealt in runs of 64, alternately (neighbours cost alike, so the halves balance), to two
  // builders that keep caches of their own; the second's callee ids are mapped by name into the
  // first's, so the causes are those one builder gives.
  a.chains.resize(count);
  std::vector<uint32_t> unresolved(count, kNone);
  constexpr size_t kRun = 64;
  auto build = [&](ChainBuilder* b, size_t first_run, size_t every) {
    for_each_chain([&](uint32_t i, uint32_t v, uint32_t e, uint32_t block, uint32_t n) {
      if ((i / kRun) % every == first_run) a.chains[i] = b->Build(v, e, block, n, &unresolved[i]);
    });
  };
  constexpr size_t kParallelFrom = 20000;  // below, a thread costs more than it saves
  if (threads == 0) {
    threads = count >= kParallelFrom && std::thread::hardware_concurrency() > 1 ? 2 : 1;
  }
  if (threads > 1) {
    ChainBuilder second(m, callees);
    std::exception_ptr failure;  // out of memory on the second thread, rethrown here
    std::thread t;
    try {
      t = std::thread([&] {
        try {
          build(&second, 1, 2);
        } catch (...) {
          failure = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      threads = 1;  // no thread to be had: one builder builds them all
    }
    if (threads > 1) {
      try {
        build(&builder, 0, 2);
      } catch (...) {
        t.join();
        throw;
      }
      t.join();
      if (failure) std::rethrow_exception(failure);
      for (size_t i = 0; i < count; ++i) {
        if ((i / kRun) % 2 == 1 && unresolved[i] != kNone) {
          unresolved[i] = builder.CalleeId(second.Callee(unresolved[i]));
        }
      }
    }
  }
  if (threads <= 1) build(&builder, 0, 1);
  for (size_t i = 0; i < count; ++i) {
    const Chain& c = a.chains[i];
    if (!c.crossings.empty()) a.crossing_chains += c.verdict == kNone ? 1 : m.Repeats(c.verdict);
    // Not escapes that allocate nothing, nor the blocks no verdict claims.
    if (c.verdict != kNone && m.Counted(c.verdict)) {
      ranking.Add(static_cast<uint32_t>(i), c, unresolved[i]);
    }
  }
  ranking.Finish(&a);
  // The other instances and clones of a site are not counted, but name the cause their site's
  // chain of the same block has.
  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    if (m.SiteFirst(v) || a.chain_of_verdict[v] == kNone) continue;
    const uint32_t first = m.site_first[v];
    if (a.chain_of_verdict[first] == kNone) continue;
    const auto [b, e] = ChainsOf(a, v);
    const auto [fb, fe] = ChainsOf(a, first);
    for (uint32_t k = 0; b + k < e && fb + k < fe; ++k) {
      a.chains[b + k].cause = a.chains[fb + k].cause;
    }
  }
  return a;
}

}  // namespace

Analysis Analyze(const Model& m) { return AnalyzeSome(m, {}, true); }

Analysis AnalyzeOnThreads(const Model& m, int threads) { return AnalyzeSome(m, {}, true, threads); }

Analysis AnalyzeOnly(const Model& m, const std::vector<uint32_t>& only) {
  std::vector<bool> wanted(m.verdicts.size());
  for (uint32_t v : only) wanted[v] = wanted[m.site_first.empty() ? v : m.site_first[v]] = true;
  if (only.empty()) return Analysis{};
  return AnalyzeSome(m, wanted, false);
}

Cause OwnCallCause(const Model& m, const Analysis& a, const Chain& c) {
  Cause cause = a.causes[c.cause];
  if (cause.kind != Cause::Kind::kCallParameter || c.hops.empty()) return cause;
  // The call is the last note of the chain's last step (CauseRanking::KeyOf).
  const ChainHop& h = c.hops.back();
  const FlowStep& s = m.steps[m.explanations[h.explanation].first_step + h.step];
  if (s.note_count > 0) cause.what = m.notes[s.first_note + s.note_count - 1].expr;
  return cause;
}

std::string FirstCauseLabel(const Model& m, const Analysis& a, uint32_t v) {
  const auto [begin, end] = ChainsOf(a, v);
  if (begin >= end || a.chains[begin].cause == kNone) return "";
  return CauseLabel(m, OwnCallCause(m, a, a.chains[begin]));
}

}  // namespace escviz
