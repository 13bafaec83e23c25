#include "parsers/model_builder.h"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "src/allocation.h"

namespace escviz {

namespace {
constexpr size_t kSampleChars = 300;
}

ModelBuilder::ModelBuilder(Model* model) : m_(model) {
  if (m_->packages.empty()) m_->packages.push_back(Package{});
}

uint32_t ModelBuilder::BeginInput(std::string name, bool same_package) {
  // Explanations do not span inputs: a block left open or waiting at the end of the previous
  // input explains nothing in this one (it stays, unattached). Otherwise a log cut off inside a
  // block, followed by an input starting with flow/from lines, would join them into one
  // explanation and report neither (tests/malformed_input_test.cc).
  open_block_ = kNone;
  pending_.clear();
  taken_.clear();
  // Nor do packages: an input without a `# pkg` header before its first lines is in the unnamed
  // package, not in the previous input's last one.
  if (!m_->inputs.empty() && !same_package) {
    FinishPackage();
    package_ = 0;
  }
  m_->inputs.push_back(std::move(name));
  return static_cast<uint32_t>(m_->inputs.size() - 1);
}

Position ModelBuilder::Intern(const PosText& p) {
  Position out;
  out.file = m_->strings.Intern(p.file);
  out.line = p.line;
  out.col = p.col;
  if (!p.physical.empty()) out.physical = m_->strings.Intern(p.physical);
  return out;
}

void ModelBuilder::AddLine(const ParsedLine& line, SourceRef src, std::string_view raw,
                           uint32_t lines) {
  m_->total_lines += lines;
  m_->line_counts[static_cast<int>(LineKind::kContinuation)] += lines - 1;
  LineKind kind = line.kind;
  bool explanation_line =
      kind == LineKind::kFlow || kind == LineKind::kFrom || kind == LineKind::kTruncatedWarning;
  if (!explanation_line) CloseBlock();

  switch (kind) {
    case LineKind::kPackageHeader:
      StartPackage(line, src);
      break;
    case LineKind::kEscapesHeader:
    case LineKind::kLeakHeader: {
      Explanation e;
      e.kind =
          kind == LineKind::kLeakHeader ? Explanation::Kind::kLeak : Explanation::Kind::kEscapes;
      e.pos = Intern(line.pos);
      e.subject = m_->strings.Intern(line.subject);
      if (e.kind == Explanation::Kind::kLeak) {
        e.leak_dst = m_->strings.Intern(line.object);
        e.leak_derefs = line.number;
      }
      if (!line.func.empty()) e.func = m_->strings.Intern(line.func);
      e.package = package_;
      e.first_step = static_cast<uint32_t>(m_->steps.size());
      e.src = src;
      open_block_ = static_cast<uint32_t>(m_->explanations.size());
      m_->explanations.push_back(e);
      break;
    }
    case LineKind::kFlow:
      if (open_block_ == kNone) {
        Orphan(src, raw);
        break;
      }
      {
        FlowStep s;
        s.dst = m_->strings.Intern(line.subject);
        s.src = m_->strings.Intern(line.object);
        s.derefs = line.number;
        s.first_note = static_cast<uint32_t>(m_->notes.size());
        m_->steps.push_back(s);
        ++m_->explanations[open_block_].step_count;
      }
      break;
    case LineKind::kFrom:
      if (open_block_ == kNone || m_->explanations[open_block_].step_count == 0) {
        Orphan(src, raw);
        break;
      }
      {
        Note n;
        n.expr = m_->strings.Intern(line.subject);
        n.reason = m_->strings.Intern(line.reason);
        n.pos = Intern(line.note_pos);
        m_->notes.push_back(n);
        ++m_->steps.back().note_count;
      }
      break;
    case LineKind::kTruncatedWarning:
      if (open_block_ == kNone) {
        Orphan(src, raw);
      } else {
        m_->explanations[open_block_].truncated = true;
      }
      break;
    case LineKind::kCanInline:
    case LineKind::kCannotInline:
      if (kind == LineKind::kCannotInline) package_has_cannot_inline_ = true;
      if (line.has_pos) AddFunction(line.subject, Intern(line.pos));
      AddInlineRecord(line);
      break;
    case LineKind::kCannotInlineInto:
    case LineKind::kInliningCall:
    case LineKind::kBigFunction:
      AddInlineRecord(line);
      break;
    case LineKind::kLiveAtEntry:
    case LineKind::kLiveAtCall:
    case LineKind::kLiveAtIndirectCall:
    case LineKind::kStackObject:
      AddLiveRecord(line);
      break;
    case LineKind::kCompilerError:
      if (m_->line_counts[static_cast<int>(LineKind::kCompilerError)] == 0) {
        m_->first_compiler_error = Unrecognized{src, std::string(raw.substr(0, kSampleChars))};
      }
      break;
    case LineKind::kUnrecognized:
      if (m_->unrecognized_samples.size() < kUnrecognizedSamples) {
        m_->unrecognized_samples.push_back(
            Unrecognized{src, std::string(raw.substr(0, kSampleChars))});
      }
      break;
    default: {
      VerdictKind vk;
      if (VerdictKindOf(kind, &vk)) AddVerdict(vk, line, src);
      break;
    }
  }
  ++m_->line_counts[static_cast<int>(kind)];
}

void ModelBuilder::AddInlineRecord(const ParsedLine& line) {
  InlineRecord r;
  r.kind = line.kind;
  if (line.has_pos) r.pos = Intern(line.pos);
  r.name = m_->strings.Intern(line.subject);
  r.package = package_;
  switch (line.kind) {
    case LineKind::kCanInline:  // `can inline F` or `can inline F with cost N as: BODY`
      if (line.number_printed) {
        r.number = line.number;
        r.text_elided = true;
      }
      break;
    case LineKind::kCannotInline:
      r.detail = m_->strings.Intern(line.object);
      break;
    case LineKind::kCannotInlineInto:
      r.detail = m_->strings.Intern(line.func);
      break;
    case LineKind::kInliningCall:
      if (line.number_printed) r.number = line.number;
      r.text_elided = !line.number_printed && !line.object.empty();
      break;
    default:
      break;
  }
  m_->inlines.push_back(r);
}

void ModelBuilder::AddLiveRecord(const ParsedLine& line) {
  LiveRecord r;
  r.kind = line.kind;
  if (line.has_pos) r.pos = Intern(line.pos);
  if (!line.subject.empty()) r.name = m_->strings.Intern(line.subject);
  r.detail = m_->strings.Intern(line.object);
  r.package = package_;
  m_->lives.push_back(r);
}

void ModelBuilder::AddCounted(uint64_t blank, uint64_t unrecognized) {
  if (blank + unrecognized == 0) return;
  CloseBlock();  // as AddLine does for each of them
  m_->total_lines += blank + unrecognized;
  m_->line_counts[static_cast<int>(LineKind::kBlank)] += blank;
  m_->line_counts[static_cast<int>(LineKind::kUnrecognized)] += unrecognized;
}

void ModelBuilder::Orphan(SourceRef src, std::string_view raw) {
  ++m_->orphan_explanation_lines;
  if (m_->orphan_samples.size() < kUnrecognizedSamples) {
    m_->orphan_samples.push_back(Unrecognized{src, std::string(raw.substr(0, kSampleChars))});
  }
}

void ModelBuilder::CloseBlock() {
  if (open_block_ == kNone) return;
  const Explanation& e = m_->explanations[open_block_];
  pending_[PendingKey{e.pos.file, e.pos.line, e.pos.col}].push_back(open_block_);
  open_block_ = kNone;
}

// The compiler may print a block's subject and its verdict's subject differently: the verdict of
// `fmt.Sprintf("%d", base) escapes to heap:` reads `fmt.Sprintf("%d", ... argument...) escapes
// to heap` (arguments rewritten in between), and Go 1.25+ explains `append(s, x)` but prints the
// verdict `append escapes to heap`. Subjects are compared cut at their first '('.
std::string_view ModelBuilder::LooseSubject(std::string_view s) {
  size_t paren = s.find('(');
  return paren == std::string_view::npos || paren == 0 ? s : s.substr(0, paren);
}

// A heap verdict's blocks (AddVerdict takes the one chosen here and all others like it): the first
// with its exact subject, else the first
// whose subject matches loosely. Go 1.26+ may name the inlined callee's parameter in the block
// (`text escapes to heap in processAccounts:`) and the argument in the verdict (`"Empty list of
// authorized credentials" escapes to heap`, gin auth.go:75:9): then, if every waiting block there
// has one same subject, the first is taken; with several subjects it would be a guess.
size_t ModelBuilder::ChooseEscapesBlock(const std::vector<uint32_t>& waiting, StrId subject,
                                        std::string_view loose) const {
  const size_t none = waiting.size();
  size_t loose_pick = none, any = none;
  bool one_subject = true;
  for (size_t i = 0; i < waiting.size(); ++i) {
    const Explanation& e = m_->explanations[waiting[i]];
    if (e.kind != Explanation::Kind::kEscapes) continue;
    if (e.subject == subject) return i;
    if (loose_pick == none && LooseSubject(m_->str(e.subject)) == loose) loose_pick = i;
    if (any == none) {
      any = i;
    } else if (e.subject != m_->explanations[waiting[any]].subject) {
      one_subject = false;
    }
  }
  if (loose_pick != none) return loose_pick;
  return one_subject ? any : none;
}

void ModelBuilder::AddVerdict(VerdictKind kind, const ParsedLine& line, SourceRef src) {
  Verdict v;
  v.kind = kind;
  if (line.has_pos) v.pos = Intern(line.pos);
  v.subject = m_->strings.Intern(line.subject);
  if (kind == VerdictKind::kLeakingParamToResult) v.result = m_->strings.Intern(line.object);
  v.level = line.number;
  if (kind == VerdictKind::kMarkingEscapingUintptr) v.level = line.reason == "..." ? 1 : 0;
  v.package = package_;
  v.src = src;
  // What the expression shows (src/allocation.h); ClassifyAllocations adds what the source does.
  if (IsHeap(kind)) v.no_alloc = ClassifyByExpression(kind, line.subject);
  if (m_->collapse_runs && ExtendsRun(v, src)) return;
  uint32_t id = static_cast<uint32_t>(m_->verdicts.size());
  m_->verdicts.push_back(v);
  run_verdict_ = id;
  run_last_line_ = src.line;
  run_explained_ = false;
  // The explanation blocks for this verdict precede it with the same position and subject.
  // Only verdicts that -m=2 explains claim them (a `does not escape` never has one).
  if (!IsExplainable(kind)) return;
  const PendingKey at{v.pos.file, v.pos.line, v.pos.col};
  // No block waits for a heap verdict, but one alike just before took several: the compiler
  // printed one verdict per allocation (an inlined call with two `&T{...}`, both at the call)
  // and one block each, so this one takes the last of them.
  auto take_from_alike = [&] {
    auto t = taken_.find(at);
    if (t == taken_.end()) return;
    auto same = t->second.find(v.subject);
    if (same == t->second.end() || same->second.blocks.size() < 2) return;
    const uint32_t block = same->second.blocks.back();
    same->second.blocks.pop_back();
    m_->explanations[block].verdict = id;
    run_explained_ = true;
  };
  auto it = pending_.find(at);
  if (it == pending_.end()) {
    if (IsHeap(kind)) take_from_alike();
    return;
  }
  std::vector<uint32_t>& waiting = it->second;
  auto take = [&](size_t i) {
    m_->explanations[waiting[i]].verdict = id;
    run_explained_ = true;
    waiting.erase(waiting.begin() + static_cast<long>(i));
  };
  const std::string_view loose = LooseSubject(m_->str(v.subject));
  if (IsHeap(kind)) {
    // One block per path to the heap: the verdict takes the chosen block and every other
    // waiting one like it (same subject, same ` in FUNC`). Inlined copies of a function are
    // analyzed, explained and judged in a later batch, after this verdict: they stay waiting.
    size_t pick = ChooseEscapesBlock(waiting, v.subject, loose);
    if (pick < waiting.size()) {
      Taken got{id, {waiting[pick]}};
      const Explanation chosen = m_->explanations[waiting[pick]];
      take(pick);
      for (size_t i = 0; i < waiting.size();) {
        const Explanation& e = m_->explanations[waiting[i]];
        if (e.kind == Explanation::Kind::kEscapes && e.subject == chosen.subject &&
            e.func == chosen.func) {
          got.blocks.push_back(waiting[i]);
          take(i);
        } else {
          ++i;
        }
      }
      if (got.blocks.size() >= 2) taken_[at][v.subject] = std::move(got);  // only these share
    } else {
      take_from_alike();
    }
  } else {
    // A leak verdict takes every `parameter P leaks to` block of its parameter (one per
    // destination).
    for (size_t i = 0; i < waiting.size();) {
      const Explanation& e = m_->explanations[waiting[i]];
      if (e.kind == Explanation::Kind::kLeak && LooseSubject(m_->str(e.subject)) == loose) {
        take(i);
      } else {
        ++i;
      }
    }
  }
  if (waiting.empty()) pending_.erase(it);
}

// A verdict extends the run of the one before when it is the same verdict (kind, position,
// subject, result, level, package) on the very next line of the same input, neither is
// explained, and no block waits at its position or was shared there (AddVerdict would give it
// one). Its function is then the same too: attribution goes by package and position.
bool ModelBuilder::ExtendsRun(const Verdict& v, SourceRef src) {
  if (run_verdict_ == kNone || run_explained_ || run_verdict_ + 1 != m_->verdicts.size()) {
    return false;
  }
  const Verdict& last = m_->verdicts[run_verdict_];
  if (src.input != last.src.input || src.line != run_last_line_ + 1 || v.kind != last.kind ||
      v.subject != last.subject || v.result != last.result || v.level != last.level ||
      v.package != last.package || v.no_alloc != last.no_alloc || v.pos.file != last.pos.file ||
      v.pos.line != last.pos.line || v.pos.col != last.pos.col ||
      v.pos.physical != last.pos.physical) {
    return false;
  }
  const PendingKey at{v.pos.file, v.pos.line, v.pos.col};
  if (pending_.count(at) != 0 || taken_.count(at) != 0) return false;
  auto [it, added] = m_->runs.try_emplace(run_verdict_, 1);
  ++it->second;
  run_last_line_ = src.line;
  return true;
}

void ModelBuilder::AddFunction(std::string_view name, const Position& decl) {
  StrId n = m_->strings.Intern(name);
  uint64_t key = (static_cast<uint64_t>(package_) << 32) | n;
  auto it = function_ids_.find(key);
  if (it != function_ids_.end()) {
    if (m_->functions[it->second].decl.line == 0) m_->functions[it->second].decl = decl;
    return;
  }
  function_ids_.emplace(key, static_cast<uint32_t>(m_->functions.size()));
  m_->functions.push_back(Function{n, package_, decl});
}

uint32_t ModelBuilder::FunctionByName(StrId name) {
  uint64_t key = (static_cast<uint64_t>(package_) << 32) | name;
  auto it = function_ids_.find(key);
  if (it != function_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(m_->functions.size());
  function_ids_.emplace(key, id);
  m_->functions.push_back(Function{name, package_, Position{}});
  return id;
}

void ModelBuilder::StartPackage(const ParsedLine& line, SourceRef src) {
  FinishPackage();
  Package p;
  p.name = m_->strings.Intern(line.subject);
  if (!line.object.empty()) p.variant = m_->strings.Intern(line.object);
  p.header = src;
  package_ = static_cast<uint32_t>(m_->packages.size());
  m_->packages.push_back(p);
}

void ModelBuilder::FinishPackage() {
  AttributeFunctions();
  pending_.clear();
  taken_.clear();  // explanations left here explain no verdict: they stay, unattached
  function_ids_.clear();
  package_has_cannot_inline_ = false;
  package_first_verdict_ = static_cast<uint32_t>(m_->verdicts.size());
  package_first_function_ = static_cast<uint32_t>(m_->functions.size());
  package_first_explanation_ = static_cast<uint32_t>(m_->explanations.size());
}

// Attribution, in order of trust:
// 1. Go 1.26 headers name the function (` in FUNC`, ` for FUNC`).
// 2. The declaration lines of the package (`can inline F`, `cannot inline F: ...` at F's
//    position): the nearest declaration at or before the verdict in the same file. At -m=2 every
//    function has such a line, so this is reliable except after a closure's end; at -m=1 only
//    inlinable functions do, so only a declaration on the verdict's own line (parameters) counts.
// 3. Otherwise `?`.
void ModelBuilder::AttributeFunctions() {
  for (uint32_t i = package_first_explanation_; i < m_->explanations.size(); ++i) {
    const Explanation& e = m_->explanations[i];
    if (e.func != 0 && e.verdict != kNone) {
      m_->verdicts[e.verdict].function = FunctionByName(e.func);
      m_->verdicts[e.verdict].attribution = Attribution::kCompiler;
    }
  }
  struct Decl {
    StrId file;
    uint32_t line, col, function;
    bool operator<(const Decl& o) const {
      return std::tie(file, line, col, function) < std::tie(o.file, o.line, o.col, o.function);
    }
  };
  std::vector<Decl> decls;
  for (uint32_t f = package_first_function_; f < m_->functions.size(); ++f) {
    const Position& d = m_->functions[f].decl;
    if (d.line != 0) decls.push_back(Decl{d.file, d.line, d.col, f});
  }
  if (decls.empty()) return;
  std::sort(decls.begin(), decls.end());
  for (uint32_t v = package_first_verdict_; v < m_->verdicts.size(); ++v) {
    Verdict& vd = m_->verdicts[v];
    if (vd.function != kNone || vd.pos.line == 0) continue;
    Decl probe{vd.pos.file, vd.pos.line, vd.pos.col, kNone};
    auto it = std::upper_bound(decls.begin(), decls.end(), probe);
    if (it == decls.begin()) continue;
    --it;
    // Several declarations at one position: a closure and its copies renamed where it was
    // inlined (`counter.func1`, then `main.func2` at the same place). The first declared wins.
    while (it != decls.begin() && std::prev(it)->file == it->file &&
           std::prev(it)->line == it->line && std::prev(it)->col == it->col) {
      --it;
    }
    // `func literal escapes to heap` at the literal's own `func` keyword is its parent's: the
    // declaration before the literal's.
    if (it->file == vd.pos.file && it->line == vd.pos.line && it->col == vd.pos.col &&
        m_->str(vd.subject) == "func literal") {
      if (it == decls.begin()) continue;
      --it;
      while (it != decls.begin() && std::prev(it)->file == it->file &&
             std::prev(it)->line == it->line && std::prev(it)->col == it->col) {
        --it;
      }
    }
    if (it->file != vd.pos.file) continue;
    if (!package_has_cannot_inline_ && it->line != vd.pos.line) continue;
    vd.function = it->function;
    vd.attribution = Attribution::kHeuristic;
  }
}

void ModelBuilder::Finish() {
  CloseBlock();
  FinishPackage();
  m_->IndexExplanations();
}

}  // namespace escviz
