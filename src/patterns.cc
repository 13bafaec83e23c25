// Allocation patterns (src/patterns.h).

#include "src/patterns.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <array>

#include "src/str_util.h"

namespace escviz {

const PatternInfo kPatterns[kPatternCount] = {
    {Pattern::kNoAllocation, "no-allocation",
     "escapes, but the runtime allocates nothing (a constant, a zero-size value)",
     "Nothing to do: no memory is allocated. escviz counts it apart from heap allocations."},
    {Pattern::kTooLarge, "too-large", "too large (or too aligned) for the stack",
     "Reuse one buffer (a field of a long-lived object, a sync.Pool) instead of allocating it "
     "per call, or make it smaller: variables over 10 MB and implicit allocations over 64 KB "
     "always go to the heap."},
    {Pattern::kNonConstantSize, "non-constant-size", "`make` with a size not known at compile time",
     "Give make a constant size (a fixed-size array or a constant capacity covering the common "
     "case, sliced to length), or reuse a buffer across calls."},
    {Pattern::kGoroutine, "goroutine", "captured by or passed to a `go` statement",
     "Whatever a goroutine uses outlives the frame and goes to the heap. Start long-lived "
     "workers once and send them work over a channel, and pass values (not pointers to "
     "locals) to the goroutine."},
    {Pattern::kEscapingClosure, "escaping-closure",
     "the func literal itself is stored, returned or passed on",
     "Call the func literal where it is made, or pass a top-level function or a method of a "
     "long-lived value instead; a closure that does not escape costs nothing."},
    {Pattern::kMethodValue, "method-value",
     "a method value (`x.M` without a call) escapes, binding its receiver",
     "Call the method directly, or store the receiver and call x.M() later; a method "
     "expression (T.M) passed with its receiver allocates nothing."},
    {Pattern::kVariadicArguments, "variadic-arguments", "the implicit `...` slice itself escapes",
     "The callee keeps its `...` parameter: pass a slice you own (f(xs...)) or change the "
     "callee to copy what it keeps."},
    {Pattern::kClosureCapture, "closure-capture",
     "a variable captured by reference by a closure that outlives the frame",
     "Pass the value to the closure as a parameter, or copy it into a local the closure "
     "captures by value (a variable that is never assigned after capture is copied)."},
    {Pattern::kInterfaceConversion, "interface-conversion",
     "a value boxed into an interface that escapes (including fmt-style ...any arguments)",
     "Keep the concrete type on hot paths: typed functions instead of ...any, strconv and "
     "append-style formatting instead of fmt, generics instead of any; pointer-shaped values "
     "and small integers box without allocating."},
    {Pattern::kStringBuilding, "string-building",
     "a string concatenation or conversion result that escapes",
     "Build into one buffer (strings.Builder with Grow, or append to a []byte you reuse) and "
     "convert once; compare and look up maps with string(b) in place, which does not "
     "allocate."},
    {Pattern::kSliceGrowth, "slice-growth", "the backing store of `append` (Go 1.25+ reports it)",
     "Preallocate with make([]T, 0, n) when the size is known, or reuse the slice (s = s[:0]) "
     "across calls."},
    {Pattern::kReturnedAddress, "returned-address",
     "the address of a local, or a new object, is returned to the caller",
     "Return the value instead of a pointer, or let the caller pass the destination; keep the "
     "constructor small enough to inline so that the allocation can stay in the caller."},
    {Pattern::kChannelSend, "channel-send", "sent on a channel",
     "Send values rather than pointers (small structs copy cheaply), or recycle the objects "
     "sent (a free list, a sync.Pool)."},
    {Pattern::kMapStore, "map-store", "stored as a map key or value",
     "Store values instead of pointers in the map (map[K]T), or keep the objects in one slice "
     "and store indices."},
    {Pattern::kGlobalStore, "global-store",
     "stored in a package-level variable, directly or through callees",
     "Whatever a package-level variable references lives on the heap: set it once at start, "
     "or keep per-call state in locals and parameters instead."},
    {Pattern::kHeapObjectStore, "heap-object-store",
     "stored into something already on the heap: a field through a pointer, a slice element",
     "Store a value instead of a pointer (a field of type T, not *T), or let the owner hold "
     "the object inline; a pointer kept in a heap object forces its target to the heap."},
    {Pattern::kIndirectCall, "indirect-call",
     "passed to a call through an interface method or func value: the compiler cannot see "
     "the callee",
     "Call a concrete type or function where you can (a type switch, generics, a direct "
     "call); the compiler assumes every argument of a dynamic call escapes."},
    {Pattern::kCalleeLeaks, "callee-leaks",
     "passed to a known callee whose leak is not explained in the log",
     "Build with -gcflags=all=-m=2 to see why the callee keeps it (unless it is a builtin or "
     "assembly), then change the callee or stop passing a pointer to it."},
    {Pattern::kOther, "other", "none of these: the final step is shown",
     "Read the chain (escviz explain) from the final step back to the allocation."},
};

bool PatternOfId(std::string_view id, Pattern* out) {
  for (const PatternInfo& p : kPatterns) {
    if (p.id == id) {
      *out = p.pattern;
      return true;
    }
  }
  return false;
}

namespace patterns {  // named, not anonymous: a unity build joins this file with others

using Set = std::array<bool, kPatternCount>;

bool IsIdentChar(char c) { return IsGoIdentChar(c); }

/// A top-level ` + ` (outside brackets and quotes) of a string concatenation: not of a sum,
/// which the log prints alike (`i + 2` boxed for fmt). A sum has a number among its operands
/// and no string literal; without either, it is taken for a concatenation.
bool IsConcatenation(std::string_view s) {
  std::vector<std::string_view> operands;
  size_t start = 0;
  WalkCode(s, 0, [&](size_t i, int depth) {
    if (depth == 0 && s[i] == '+' && i > 0 && s[i - 1] == ' ' && i + 1 < s.size() &&
        s[i + 1] == ' ') {
      operands.push_back(s.substr(start, i - 1 - start));
      start = i + 2;
    }
    return false;
  });
  if (operands.empty()) return false;
  operands.push_back(s.substr(start));
  bool number = false;
  for (std::string_view o : operands) {
    if (!o.empty() && (o.front() == '"' || o.front() == '`')) return true;
    number = number || (!o.empty() && o.front() >= '0' && o.front() <= '9');
  }
  return !number;
}

/// What the allocation is, from the verdict's expression.
enum class Form : uint8_t {
  kVariable,    ///< `moved to heap: x`
  kObject,      ///< `&T{...}`, `new(T)`, `make(...)`, a slice or map literal
  kClosure,     ///< `func literal`
  kVariadic,    ///< `... argument`
  kAppend,      ///< `append` (Go 1.25+)
  kString,      ///< a concatenation or a conversion to or from string
  kSelector,    ///< `x.M`: a method value, or a boxed field
  kBoxedValue,  ///< any other value: it escapes as a copy in an interface
};

Form FormOf(const Verdict& v, std::string_view s) {
  if (v.kind == VerdictKind::kMovedToHeap) return Form::kVariable;
  if (s == "func literal") return Form::kClosure;
  if (EndsWith(s, "... argument")) return Form::kVariadic;
  if (s == "append" || StartsWith(s, "append(")) return Form::kAppend;
  if (StartsWith(s, "&") || StartsWith(s, "new(") || StartsWith(s, "make(") ||
      StartsWith(s, "[]") || StartsWith(s, "map[")) {
    return StartsWith(s, "[]byte(") || StartsWith(s, "[]rune(") ? Form::kString : Form::kObject;
  }
  if (StartsWith(s, "string(") || IsConcatenation(s)) return Form::kString;
  // `a.b.M`: identifiers joined by dots (a receiver may be `(*T)` or a call's result).
  const size_t dot = s.rfind('.');
  if (dot != s.npos && dot + 1 < s.size()) {
    bool ident = true;
    for (char c : s.substr(dot + 1)) ident = ident && IsIdentChar(c);
    if (ident && s.back() != ')') return Form::kSelector;
  }
  return Form::kBoxedValue;
}

/// The name of a method from a function name as the compiler prints it (`(*T).M`, `T.M`,
/// `T[...].M`), or empty for a plain function or a closure (`F`, `F.func1`).
std::string_view MethodName(std::string_view f) {
  const size_t dot = f.rfind('.');
  if (dot == f.npos) return {};
  std::string_view m = f.substr(dot + 1);
  if (StartsWith(m, "func") && m.size() > 4 && m[4] >= '0' && m[4] <= '9') return {};
  if (f.find('.') != dot && f.find(").") == f.npos) return {};  // `F.func1.2`-like
  return m;
}

class Classifier {
 public:
  Classifier(const Model& m, const Analysis& a) : m_(m), a_(a) {
    for (const Function& f : m.functions) {
      const std::string_view name = MethodName(m.str(f.name));
      if (!name.empty()) methods_.insert(name);
    }
    for (const Package& p : m.packages) {
      std::string_view path = m.str(p.name);
      const size_t slash = path.rfind('/');
      if (slash != path.npos) path.remove_prefix(slash + 1);
      package_names_.insert(path);
    }
  }

  AllocationPattern Classify(uint32_t v, bool describe = true) const {
    const Verdict& vd = m_.verdicts[v];
    AllocationPattern out;
    out.where = vd.function;
    Set set{};
    if (!m_.Allocates(vd)) set[static_cast<int>(Pattern::kNoAllocation)] = true;
    const Form form = FormOf(vd, m_.str(vd.subject));
    switch (form) {
      case Form::kClosure:
        Mark(&set, Pattern::kEscapingClosure);
        if (m_.go_literals.count(Model::GoLiteralKey(vd.pos)) > 0) Mark(&set, Pattern::kGoroutine);
        break;
      case Form::kVariadic:
        Mark(&set, Pattern::kVariadicArguments);
        break;
      case Form::kAppend:
        Mark(&set, Pattern::kSliceGrowth);
        break;
      case Form::kString:
        Mark(&set, Pattern::kStringBuilding);
        break;
      case Form::kSelector: {
        // `x.M` is a method value if some function of the log is a method M and the value is
        // not put in an interface on its way (a `...any` slice element, a conversion, a literal's
        // element): a field of that name boxed for fmt is the usual lookalike.
        const std::string_view s = m_.str(vd.subject);
        const std::string_view base = s.substr(0, s.rfind('.'));
        const bool package_var =
            m_.package_selectors.count(v) > 0 ||  // `binding.JSON`
            (base.find_first_of(".()[]*") == base.npos && package_names_.count(base) > 0);
        const bool method =
            !package_var && methods_.count(s.substr(s.rfind('.') + 1)) > 0 && !Boxed(v);
        Mark(&set, method ? Pattern::kMethodValue : Pattern::kInterfaceConversion);
        break;
      }
      case Form::kBoxedValue:
        Mark(&set, Pattern::kInterfaceConversion);
        break;
      case Form::kVariable:
      case Form::kObject:
        break;
    }
    // Every chain (one per explanation block) adds what it shows; the pattern's own chain gives
    // the final step and where.
    const auto [begin, end] = ChainsOf(a_, v);
    std::vector<std::pair<Set, uint32_t>> per_chain;
    for (uint32_t k = begin; k < end; ++k) {
      Set s{};
      FromChain(a_.chains[k], &s);
      for (int i = 0; i < kPatternCount; ++i) set[i] = set[i] || s[i];
      per_chain.emplace_back(s, k);
    }
    int first = -1, second = -1;
    for (int i = 0; i < kPatternCount; ++i) {
      if (!set[i]) continue;
      if (first < 0) {
        first = i;
      } else if (second < 0) {
        second = i;
      }
    }
    out.pattern = first < 0 ? Pattern::kOther : static_cast<Pattern>(first);
    out.second = second < 0 ? Pattern::kCount : static_cast<Pattern>(second);
    // The chain that shows the pattern (or the second), else the first.
    uint32_t chain = begin < end ? begin : kNone;
    for (const auto& [s, k] : per_chain) {
      if (s[static_cast<int>(out.pattern)] ||
          (out.second != Pattern::kCount && s[static_cast<int>(out.second)])) {
        chain = k;
        break;
      }
    }
    if (!describe) return out;
    if (chain != kNone) Describe(a_.chains[chain], &out);
    if (out.final_step.empty()) out.final_step = kNoExplanationStep;
    return out;
  }

 private:
  static void Mark(Set* s, Pattern p) { (*s)[static_cast<int>(p)] = true; }

  /// Whether a chain of v puts the value in an interface or a literal's element on its way.
  bool Boxed(uint32_t v) const {
    const auto [begin, end] = ChainsOf(a_, v);
    for (uint32_t k = begin; k < end; ++k) {
      for (const ChainHop& h : a_.chains[k].hops) {
        const FlowStep& s = StepOf(h);
        for (uint32_t n = s.first_note; n < s.first_note + s.note_count; ++n) {
          const std::string_view r = m_.str(m_.notes[n].reason);
          if (r == "interface-converted" || r == "slice-literal-element" ||
              r == "struct literal element" || r == "array literal element") {
            return true;
          }
        }
      }
    }
    return false;
  }

  const FlowStep& StepOf(const ChainHop& h) const {
    return m_.steps[m_.explanations[h.explanation].first_step + h.step];
  }
  /// The last note of the chain (of its last step, else of the last earlier one with notes).
  uint32_t LastNote(const Chain& c) const {
    for (size_t i = c.hops.size(); i-- > 0;) {
      const FlowStep& s = StepOf(c.hops[i]);
      if (s.note_count > 0) return s.first_note + s.note_count - 1;
    }
    return kNone;
  }

  void FromChain(const Chain& c, Set* set) const {
    for (const ChainHop& h : c.hops) {
      const FlowStep& s = StepOf(h);
      for (uint32_t n = s.first_note; n < s.first_note + s.note_count; ++n) {
        const std::string_view reason = m_.str(m_.notes[n].reason);
        if (reason == "too large for stack" || reason == "too aligned for stack") {
          Mark(set, Pattern::kTooLarge);
        } else if (reason == "non-constant size") {
          Mark(set, Pattern::kNonConstantSize);
        } else if (reason == "captured by a closure" || reason == "reference") {
          Mark(set, Pattern::kClosureCapture);
        }
      }
    }
    // A variable captured by a closure whose own allocation a `go` statement starts.
    for (const Crossing& x : c.crossings) {
      if (x.via != Crossing::Via::kStorage) continue;
      const Explanation& lit = m_.explanations[c.hops[x.hop].explanation];
      if (m_.go_literals.count(Model::GoLiteralKey(lit.pos)) > 0) Mark(set, Pattern::kGoroutine);
    }
    if (c.end == Chain::End::kUnexplained || c.end == Chain::End::kCycle) return;
    // A chain that ends in another allocation's storage (a leak into `{storage for X}` not
    // followed further): the value is kept by X, so X's kind says how.
    if (!c.hops.empty()) {
      std::string_view dst = m_.str(StepOf(c.hops.back()).dst);
      if (StartsWith(dst, "{storage for ") && EndsWith(dst, "}")) {
        dst = dst.substr(13, dst.size() - 14);
        const size_t dot = dst.rfind('.');
        if (dst == "func literal") {
          Mark(set, Pattern::kClosureCapture);
        } else if (EndsWith(dst, "... argument")) {
          Mark(set, Pattern::kVariadicArguments);
        } else if (dot != dst.npos && dst.back() != ')' &&
                   methods_.count(dst.substr(dot + 1)) > 0) {
          Mark(set, Pattern::kMethodValue);
        } else {
          Mark(set, Pattern::kHeapObjectStore);
        }
        return;
      }
    }
    // Where the value finally reaches the heap: the last note of the last segment.
    const uint32_t note = LastNote(c);
    if (note == kNone) return;
    const Note& last = m_.notes[note];
    const std::string_view reason = m_.str(last.reason);
    const std::string_view expr = m_.str(last.expr);
    if (reason == "return") {
      Mark(set, Pattern::kReturnedAddress);
    } else if (reason == "send") {
      Mark(set, Pattern::kChannelSend);
    } else if (reason == "key of map put" || reason == "map literal key" ||
               reason == "map literal value") {
      Mark(set, Pattern::kMapStore);
    } else if (reason == "assign" || reason == "assign-pair") {
      StoreOf(note, expr, m_.str(StepOf(c.hops.back()).dst) == "{heap}", set);
    } else if (reason == "dot of pointer" || reason == "indirection" ||
               reason == "slice-literal-element" || reason == "struct literal element" ||
               reason == "array literal element" || reason == "appendee slice" ||
               reason == "appended slice..." || reason == "copied slice") {
      Mark(set, Pattern::kHeapObjectStore);
    } else if (reason == "call parameter") {
      switch (c.stop) {
        case Chain::Stop::kInterfaceCall:
        case Chain::Stop::kFuncValue:
          Mark(set, Pattern::kIndirectCall);
          break;
        case Chain::Stop::kBuiltin:
          // append stores the value in the slice's backing array; panic keeps its argument.
          Mark(set,
               StartsWith(expr, "append(") ? Pattern::kHeapObjectStore : Pattern::kCalleeLeaks);
          break;
        default:
          Mark(set, Pattern::kCalleeLeaks);
          break;
      }
    }
  }

  /// `DST = SRC` of an `assign` note whose flow reaches the heap: a map element (the loader
  /// found DST's map in the source), a package-level variable (`pkg.Name`, or a plain name the
  /// package declares so; any plain name without sources), or a heap object (a field through a
  /// pointer, an element, `*p`, a result or a local that is itself on the heap).
  void StoreOf(uint32_t note, std::string_view expr, bool into_heap, Set* set) const {
    if (m_.map_store_notes.count(note) > 0) {
      Mark(set, Pattern::kMapStore);
      return;
    }
    size_t eq = expr.find(" = ");
    const size_t def = expr.find(" := ");
    if (def != expr.npos && (eq == expr.npos || def < eq)) return;  // a new local: no store
    if (eq == expr.npos) return;
    std::string_view dst = expr.substr(0, eq);
    if (dst.find(',') != dst.npos) return;  // a tuple assignment: which part is not said
    bool plain = !dst.empty();
    for (char c : dst) plain = plain && IsIdentChar(c);
    const size_t dot = dst.find('.');
    const bool qualified = dot != dst.npos && dst.find_first_of("[]*()", 0) == dst.npos &&
                           dst.find('.', dot + 1) == dst.npos &&
                           package_names_.count(dst.substr(0, dot)) > 0;
    if (plain || qualified) {  // a package-level variable, else a result, a local or an inlined
                               // callee's variable that is itself on the heap
      // A flow into a named location (`x ← &T{}`), not `{heap}`: that variable is itself on
      // the heap (moved there), so the value is stored in a heap object.
      const bool global = into_heap && (m_.global_store_notes.count(note) > 0 ||
                                        (plain && m_.local_store_notes.count(note) == 0));
      Mark(set, global ? Pattern::kGlobalStore : Pattern::kHeapObjectStore);
      return;
    }
    Mark(set, Pattern::kHeapObjectStore);
  }

  void Describe(const Chain& c, AllocationPattern* out) const {
    if (!c.crossings.empty() && c.crossings.back().function != kNone) {
      out->where = c.crossings.back().function;
    }
    const uint32_t note = LastNote(c);
    if (note != kNone) {
      const Note& n = m_.notes[note];
      out->final_step = fmt::format("from {} ({})", m_.str(n.expr), m_.str(n.reason));
      if (m_.str(n.reason) == "call parameter") out->callee = CallOf(m_.str(n.expr));
    } else if (c.end == Chain::End::kUnexplained) {
      out->final_step = kNoExplanationStep;
    } else if (!c.hops.empty()) {
      const FlowStep& s = StepOf(c.hops.back());
      out->final_step = fmt::format("flow {} = {}", m_.str(s.dst), m_.str(s.src));
    }
    if (c.stop != Chain::Stop::kNone) out->final_step += " (" + StopText(m_, c) + ")";
    const auto names_callee = [](Pattern p) {
      return p == Pattern::kIndirectCall || p == Pattern::kCalleeLeaks;
    };
    if (!names_callee(out->pattern) && !names_callee(out->second)) out->callee.clear();
    if (out->pattern == Pattern::kReturnedAddress || out->second == Pattern::kReturnedAddress) {
      const uint32_t f = out->where;
      if (f != kNone) {
        const auto& too_complex = TooComplex();
        auto it =
            too_complex.find((uint64_t{m_.functions[f].package} << 32) | m_.functions[f].name);
        if (it != too_complex.end()) {
          out->inline_hint =
              fmt::format("cannot inline {}: {}", m_.FunctionName(f), m_.str(it->second));
        }
      }
    }
  }

  /// `fmt.Fprintln` of `fmt.Fprintln(io.Writer(os.Stdout), fmt.a...)`.
  static std::string CallOf(std::string_view call) {
    if (call.empty()) return {};
    const size_t paren = call.find('(', call.front() == '(' ? call.find(')') : 0);
    return std::string(call.substr(0, paren));
  }

  const Model& m_;
  const Analysis& a_;
  absl::flat_hash_set<std::string_view, StringViewHash> methods_;
  /// (package << 32 | name) -> `function too complex: ...` of the functions not inlined for
  /// their cost, gathered when first needed (a hint is rare; the log has a million inline lines).
  const absl::flat_hash_map<uint64_t, StrId>& TooComplex() const {
    if (!too_complex_ready_) {
      for (const InlineRecord& r : m_.inlines) {
        if (r.kind != LineKind::kCannotInline || r.detail == 0) continue;
        if (!StartsWith(m_.str(r.detail), "function too complex")) continue;
        too_complex_.try_emplace((uint64_t{r.package} << 32) | r.name, r.detail);
      }
      too_complex_ready_ = true;
    }
    return too_complex_;
  }
  mutable absl::flat_hash_map<uint64_t, StrId> too_complex_;
  mutable bool too_complex_ready_ = false;
  absl::flat_hash_set<std::string_view, StringViewHash> package_names_;
};

}  // namespace patterns

PatternClassifier::PatternClassifier(const Model& m, const Analysis& a)
    : impl_(std::make_unique<patterns::Classifier>(m, a)) {}
PatternClassifier::~PatternClassifier() = default;
AllocationPattern PatternClassifier::Classify(uint32_t v) const { return impl_->Classify(v); }
std::pair<Pattern, Pattern> PatternClassifier::PatternsOf(uint32_t v) const {
  const AllocationPattern p = impl_->Classify(v, /*describe=*/false);
  return {p.pattern, p.second};
}

std::vector<AllocationPattern> ClassifyPatterns(const Model& m, const Analysis& a) {
  std::vector<AllocationPattern> out(m.verdicts.size());
  const patterns::Classifier c(m, a);
  for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
    if (IsHeap(m.verdicts[v].kind)) out[v] = c.Classify(v);
  }
  return out;
}

std::string PatternLabel(const Model& m, const Verdict& v, const AllocationPattern& p) {
  std::string s(PatternId(p.pattern));
  if (p.second != Pattern::kCount) s += fmt::format(" (+{})", PatternId(p.second));
  if (!p.callee.empty()) s += ": " + p.callee;
  if (p.where != v.function && p.where != kNone) s += " in " + std::string(m.FunctionName(p.where));
  return s;
}

}  // namespace escviz
