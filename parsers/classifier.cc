// The line grammar (parsers/classifier.h): a table of message forms matched with one RE2::Set,
// hand-written parsers for the dominant flow and from lines, and the position-less forms. Over 400
// lines because the table of forms is data, read top to bottom, and splitting it would scatter it.
#include "parsers/classifier.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "parsers/message_forms.h"
#include "src/str_util.h"

namespace escviz {
namespace {

using std::string_view;

/// A function or type name as the compiler prints it: no spaces, except inside the brackets of a
/// generic instantiation, whose shape types may hold them and nest brackets
/// (`sync.(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).All`,
/// `slices.rotateCmpFunc[go.shape.struct { Key reflect.Value; Value reflect.Value }]`,
/// `F[go.shape.map[string][]int]`: three levels of brackets inside the outer one).
#define GO_NAME R"((?:[^\s\[\]]|\[(?:[^\[\]]|\[(?:[^\[\]]|\[(?:[^\[\]]|\[[^\[\]]*\])*\])*\])*\])+)"

/// Where a rule's capture groups go in ParsedLine.
enum Field : uint8_t { kNoField, kSubject, kObject, kFunc, kReason, kNumber };

/// One message form: the kind it yields, a name for error messages, the RE2 pattern (matched
/// against the whole message after `POS: `), and where each capture group goes.
struct Rule {
  LineKind kind;
  const char* name;
  const char* pattern;
  Field fields[3];
};

// Order matters: the first rule that matches wins (e.g. the header `X escapes to heap:` before
// the verdict `X escapes to heap`, `leaking param: P to result R` before `leaking param: P`).
// Sources are sections of go-diagnostics.md.
const Rule kMessageRules[] = {
    // Section 3: verdicts.
    {LineKind::kMovedToHeap, "moved-to-heap", R"(moved to heap: (.+))", {kSubject}},
    {LineKind::kEscapesHeader,
     "escapes-header",
     R"((.+) escapes to heap(?: in (.+))?:)",
     {kSubject, kFunc}},
    {LineKind::kCompilerError,
     "escape-not-allowed",
     R"(.+ escapes to heap, not allowed in runtime)",
     {}},
    {LineKind::kEscapesToHeap, "escapes", R"((.+) escapes to heap)", {kSubject}},
    {LineKind::kNoEscapeMutateCall,
     "no-escape-mutate-call",
     R"((.+) does not escape, mutate, or call)",
     {kSubject}},
    {LineKind::kDoesNotEscape, "does-not-escape", R"((.+) does not escape)", {kSubject}},
    {LineKind::kLeakingParamToResult,
     "leak-to-result",
     R"(leaking param: (\S+) to result (\S+) level=(-?\d+))",
     {kSubject, kObject, kNumber}},
    {LineKind::kLeakingParamContent, "leak-content", R"(leaking param content: (.+))", {kSubject}},
    {LineKind::kLeakingParam, "leak", R"(leaking param: (.+))", {kSubject}},
    {LineKind::kZeroCopy, "zero-copy", R"(zero-copy string->\[\]byte conversion)", {}},
    {LineKind::kAssumingUnsafeUintptr,
     "unsafe-uintptr",
     R"(assuming (.+) is unsafe uintptr)",
     {kSubject}},
    {LineKind::kMarkingEscapingUintptr,
     "escaping-uintptr",
     R"(marking (.+) as escaping (\.\.\.)?uintptr)",
     {kSubject, kReason}},
    {LineKind::kMutatesParam,
     "mutates-param",
     R"(mutates param: (\S+) derefs=(-?\d+))",
     {kSubject, kNumber}},
    {LineKind::kCallsParam,
     "calls-param",
     R"(calls param: (\S+) derefs=(-?\d+))",
     {kSubject, kNumber}},
    // Section 4: explanation headers (flow/from lines are parsed by hand below).
    {LineKind::kLeakHeader,
     "leak-header",
     R"(parameter (\S+) leaks to (.+) with derefs=(-?\d+):)",
     {kSubject, kObject, kNumber}},
    {LineKind::kCapturing,
     "capturing",
     "(" GO_NAME R"() capturing by (ref|value): (\S+) \(addr=\w+ assign=\w+ width=\d+\))",
     {kSubject, kReason, kObject}},
    // Section 6: inlining.
    {LineKind::kCanInline,
     "can-inline",
     R"(can inline (.+?)(?: with cost (-?\d+) as: (.*))?)",
     {kSubject, kNumber, kObject}},
    {LineKind::kCannotInlineInto,
     "cannot-inline-into",
     R"(cannot inline (.+) into (.+): repeated recursive cycle)",
     {kSubject, kFunc}},
    {LineKind::kCannotInline, "cannot-inline", R"(cannot inline (.+?): (.+))", {kSubject, kObject}},
    {LineKind::kInliningCall,
     "inlining-call",
     "inlining call to (" GO_NAME R"()(?: with score (-?\d+)| (.*))?)",
     {kSubject, kNumber, kObject}},
    {LineKind::kBigFunction,
     "big-function",
     R"(function (.+) considered 'big'; reducing max cost of inlinees)",
     {kSubject}},
    {LineKind::kPgoInline, "pgo-hot", R"(hot-.*)", {}},
    {LineKind::kInliningSkipped,
     "skip-inlining",
     R"(skip inlining within testing\.B\.loop for .+)",
     {}},
    // Section 7: other -m lines.
    // -live (cmd/compile/internal/liveness/plive.go showlive, and the stack objects of
    // emitStackObjects): `live at entry to F: V...`, `live at call to F: V...`, `live at
    // indirect call: V...` (the variables sorted, never none), `stack object V T`.
    {LineKind::kLiveAtEntry,
     "live-at-entry",
     "live at entry to (" GO_NAME R"(): (.+))",
     {kSubject, kObject}},
    {LineKind::kLiveAtCall,
     "live-at-call",
     "live at call to (" GO_NAME R"(): (.+))",
     {kSubject, kObject}},
    {LineKind::kLiveAtIndirectCall,
     "live-at-indirect-call",
     R"(live at indirect call: (.+))",
     {kObject}},
    {LineKind::kStackObject, "stack-object", R"(stack object (\S+) (.+))", {kSubject, kObject}},
    {LineKind::kDevirtualizing,
     "devirtualizing",
     R"((?:partially |PGO )?devirtualizing .+|PGO devirtualizing (?:interface|function) call .+)"
     R"(|failed to devirtualize .+|cannot devirtualize .+|: ?should not PGO devirtualize .+)"
     R"(|should not PGO devirtualize .+|imprecise interface call)",
     {}},
    {LineKind::kBoundsCheckElided, "bounds-check-elided", R"(index bounds check elided)", {}},
    {LineKind::kSelfAssignment,
     "self-assignment",
     "(" GO_NAME R"() ignoring self-assignment in (.+))",
     {kSubject, kObject}},
    {LineKind::kOtherOptimization,
     "other-optimization",
     R"(reshaping .+|loop variable .+ now per-iteration, (?:heap|stack)-allocated.*)"
     R"(|.+ loop ending at \d+:\d+ was modified|closure converted to global)"
     R"(|(?:heap|stack) closure, captured vars = .*|write barrier|skipping static copy of .+)"
     R"(|(?:open-coded|stack-allocated|heap-allocated) defer|intrinsic substitution for .+)"
     R"(|type assertion inlined|append: len-only update|(?:generated|removed) nil check)"
     R"(|rewriting OCONVIFACE value from .+|rewriting closure variable .+|alias analysis: .*)"
     R"(|tail call emitted|.+ will be kept alive|expr is unknown to bloop pass)",
     {}},
    // Section 8: -m=3 and above, positioned forms.
    {LineKind::kDebugDump,
     "debug-positioned",
     R"(Before inlining: .*|After inlining .*|unreferenced closure .+ marked as dead)",
     {}},
    {LineKind::kDebugLabel, "looping-label", R"(.+ looping label)", {}},
    // Other tools in the same stream (samples/tools/). The C compiler under cgo: a positioned
    // `warning:`/`error:`/`note:` (the Go compiler prints none of these words first).
    {LineKind::kCCompilerOutput, "c-compiler", R"((?:warning|error|note|fatal error): .+)", {}},
    // The vet checks that `go test` runs (printf, errorsas, nilfunc, ...): their findings.
    {LineKind::kVetFinding,
     "vet",
     R"(.+ format %.+ has arg .+ of wrong type .+|.+ does not support error-wrapping directive %w)"
     R"(|.+ format %.+ (?:reads arg #\d+, but call has \d+ args?|has unknown verb .+|is missing .+))"
     R"(|.+ call has arguments but no formatting directives|.+ call needs \d+ args? but has \d+ args?)"
     R"(|.+ call has possible (?:Printf )?formatting directive .+|.+ wants operand of error type.*)"
     R"(|.+ (?:arg list ends with redundant newline|format %.+ has unknown verb .+))"
     R"(|second argument to errors\.As must be a non-nil pointer to .+)"
     R"(|comparison of function .+ (?:==|!=) nil is always (?:true|false))"
     R"(|(?:redundant|suspect) (?:and|or): .+|direct assignment to atomic value)"
     R"(|impossible type assertion: .+|conversion from .+ to string yields a string of one rune.*)"
     R"(|misplaced (?:\+build|//go:build) comment|.+ has malformed (?:name|example suffix): .+)",
     {}},
    // Compiler errors (gc and go/types wording, Go 1.15-1.26).
    {LineKind::kCompilerError,
     "compiler-error",
     R"(undefined: .+|syntax error: .+|too many errors|internal compiler error: .+)"
     R"(|declared (?:and|but) not used: .+|imported and not used: .+)"  // go/types, Go 1.20+
     R"(|.+ declared (?:but|and) not used.*|.+ imported (?:but|and) not used.*|missing return)"
     R"(|cannot use .+|invalid operation: .+|(?:not enough|too many) (?:arguments|return values).*)"
     R"(|assignment mismatch: .+|no new variables on left side of :=|.+ redeclared in this block)"
     R"(|undeclared name: .+|could not import .+|import cycle not allowed.*|missing function body)"
     R"(|.+ is incomplete \(or unallocatable\); stack allocation disallowed|.+ is not used)"
     R"(|(?:cannot|invalid|missing|unknown|expected|non-) ?.+)",
     {}},
};

/// Position-less lines (debug dumps, the go command's own lines, messages without a position).
struct BareRule {
  LineKind kind;
  const char* pattern;
};
const BareRule kBareRules[] = {
    {LineKind::kDebugDump,
     R"(\.\s.*|typecheck import \[.*|inl body for .*|substituting (?:captured )?name .*)"
     R"(|not substituting name .*|inlvar .*)"},
    {LineKind::kToolOutput,
     R"(go: .*|go build .*|note: .*|ok\s.*|FAIL(?:\s.*)?|PASS|\?\s+\S+\s+\[no test files\].*)"
     R"(|exit status \d+)"},
    // The C compiler under cgo: include chains, function context, source excerpts, its driver.
    {LineKind::kCCompilerOutput,
     R"(In file included from .+|\s+from .+:\d+[,:]|.+: (?:In|At) (?:function|member function)"
     R"(|static member function|constructor|destructor|lambda function|instantiation of|top level)"
     R"(|global scope).*:|\s*\d*\s*\|.*|(?:cc1|cc1plus|collect2|gcc|clang|/usr/bin/ld): .+)"
     R"(|\d+ warnings? (?:and \d+ errors? )?generated\.)"},
    {LineKind::kCompilerError, R"(too many errors)"},
};

constexpr int kMaxGroups = 4;

RE2::Options QuietOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_encoding(RE2::Options::EncodingLatin1);  // bytes in, bytes out: invalid UTF-8 is data
  o.set_dot_nl(true);                            // a record may span lines (parsers/raw_string.h)
  o.set_max_mem(64 << 20);
  return o;
}

[[noreturn]] void PatternBug(const char* name, const std::string& err) {
  std::fprintf(stderr, "escviz: internal error: bad pattern %s: %s\n", name, err.c_str());
  std::abort();
}

/// Index just past the '}' that closes the '{' at s[0], or npos.
size_t MatchBrace(string_view s) {
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i + 1;
  }
  return string_view::npos;
}

/// Splits a location operand at the start of `s` (`{storage for ...}` or a name) from the rest.
size_t OperandEnd(string_view s) {
  if (!s.empty() && s[0] == '{') return MatchBrace(s);
  return s.find(' ');
}

}  // namespace

bool ParseFlowBody(string_view body, string_view* dst, string_view* src, int* derefs) {
  size_t end = OperandEnd(body);
  if (end == string_view::npos || end == 0) return false;
  *dst = body.substr(0, end);
  string_view rest = body.substr(end);
  if (StartsWith(rest, " = ")) {
    rest.remove_prefix(3);
  } else if (StartsWith(rest, " \xE2\x86\x90 ")) {  // " ← "
    rest.remove_prefix(5);
  } else {
    return false;
  }
  *derefs = 0;
  if (StartsWith(rest, "&")) {
    *derefs = -1;
    rest.remove_prefix(1);
  } else {
    while (StartsWith(rest, "*")) {
      ++*derefs;
      rest.remove_prefix(1);
    }
  }
  if (rest.empty()) return false;
  *src = rest;
  return true;
}

struct Classifier::Patterns {
  RE2::Set message_set{QuietOptions(), RE2::ANCHOR_BOTH};
  std::vector<std::unique_ptr<RE2>> message;
  RE2::Set bare_set{QuietOptions(), RE2::ANCHOR_BOTH};
};

Classifier::Classifier(bool frequent_forms)
    : p_(std::make_unique<Patterns>()), frequent_forms_(frequent_forms) {
  for (const Rule& r : kMessageRules) {
    std::string err;
    if (p_->message_set.Add(r.pattern, &err) < 0) PatternBug(r.name, err);
    auto re = std::make_unique<RE2>(r.pattern, QuietOptions());
    if (!re->ok()) PatternBug(r.name, re->error());
    if (re->NumberOfCapturingGroups() >= kMaxGroups) PatternBug(r.name, "too many groups");
    p_->message.push_back(std::move(re));
  }
  if (!p_->message_set.Compile()) PatternBug("message set", "compile failed");
  for (const BareRule& r : kBareRules) {
    std::string err;
    if (p_->bare_set.Add(r.pattern, &err) < 0) PatternBug("bare", err);
  }
  if (!p_->bare_set.Compile()) PatternBug("bare set", "compile failed");
}

Classifier::~Classifier() = default;

namespace {

/// Go 1.26 leak headers: `D [for FUNC]`, where D may be `{storage for EXPR}`, whose own " for "
/// is not the function's.
void SplitLeakFunction(ParsedLine* out) {
  if (out->kind != LineKind::kLeakHeader) return;
  string_view d = out->object;
  size_t end = OperandEnd(d);
  if (end != string_view::npos && end < d.size()) {
    string_view rest = d.substr(end);
    if (StartsWith(rest, " for ")) {
      out->func = rest.substr(5);
      out->object = d.substr(0, end);
    }
  }
}

bool MatchRules(const RE2::Set& set, const std::vector<std::unique_ptr<RE2>>& res, string_view msg,
                ParsedLine* out);

/// Matches `msg` against the message forms: the frequent ones by hand (parsers/message_forms.h),
/// the rest with the RE2 rules; fills `out` and returns true on a match.
bool MatchMessage(const RE2::Set& set, const std::vector<std::unique_ptr<RE2>>& res,
                  bool frequent_forms, string_view msg, ParsedLine* out) {
  if (frequent_forms && ParseFrequentMessage(msg, out)) {
    SplitLeakFunction(out);
    return true;
  }
  return MatchRules(set, res, msg, out);
}

bool MatchRules(const RE2::Set& set, const std::vector<std::unique_ptr<RE2>>& res, string_view msg,
                ParsedLine* out) {
  thread_local std::vector<int> hits;
  hits.clear();
  re2::StringPiece text(msg.data(), msg.size());
  if (!set.Match(text, &hits) || hits.empty()) return false;
  int best = hits[0];
  for (int h : hits) best = std::min(best, h);
  const Rule& rule = kMessageRules[best];
  re2::StringPiece groups[kMaxGroups];
  int n = 1 + res[best]->NumberOfCapturingGroups();
  if (!res[best]->Match(text, 0, text.size(), RE2::ANCHOR_BOTH, groups, n)) return false;
  out->kind = rule.kind;
  for (int g = 1; g < n && g <= 3; ++g) {
    string_view v(groups[g].data(), groups[g].size());
    if (groups[g].data() == nullptr) continue;
    switch (rule.fields[g - 1]) {
      case kSubject:
        out->subject = v;
        break;
      case kObject:
        out->object = v;
        break;
      case kFunc:
        out->func = v;
        break;
      case kReason:
        out->reason = v;
        break;
      case kNumber:
        out->number = ParseInt(v);
        out->number_printed = true;
        break;
      case kNoField:
        break;
    }
  }
  SplitLeakFunction(out);
  return true;
}

/// `from EXPR (REASON) at POS2`, parsed from the right (EXPR may hold parentheses and " at ").
bool ParseFrom(string_view body, ParsedLine* out) {
  size_t at = body.rfind(" at ");
  if (at == string_view::npos) return false;
  if (!ParsePosition(body.substr(at + 4), &out->note_pos)) return false;
  string_view head = body.substr(0, at);
  if (head.empty() || head.back() != ')') return false;
  size_t open = head.rfind(" (");
  if (open == string_view::npos) return false;
  out->subject = head.substr(0, open);
  out->reason = head.substr(open + 2, head.size() - open - 3);
  return true;
}

}  // namespace

ParsedLine Classifier::Classify(string_view line) const {
  ParsedLine out;
  if (line.find_first_not_of(" \t") == string_view::npos) {
    out.kind = LineKind::kBlank;
    return out;
  }
  if (StartsWith(line, "# [") && line.back() == ']') {  // go vet's `# [pkg]` before findings
    out.kind = LineKind::kVetFinding;
    return out;
  }
  if (StartsWith(line, "# ")) {
    out.kind = LineKind::kPackageHeader;
    string_view desc = line.substr(2);
    size_t br = desc.find(" [");
    if (br != string_view::npos && desc.back() == ']') {
      out.subject = desc.substr(0, br);
      out.object = desc.substr(br + 2, desc.size() - br - 3);
    } else {
      out.subject = desc;
    }
    return out;
  }
  size_t end = ParsePositionPrefix(line, &out.pos);
  if (end == string_view::npos) {
    // No position: a message printed through WarnfAt with an unknown position, a debug dump,
    // or the go command's own output.
    if (MatchMessage(p_->message_set, p_->message, frequent_forms_, line, &out)) return out;
    thread_local std::vector<int> hits;
    hits.clear();
    if (p_->bare_set.Match(re2::StringPiece(line.data(), line.size()), &hits) && !hits.empty()) {
      int best = hits[0];
      for (int h : hits) best = std::min(best, h);
      out.kind = kBareRules[best].kind;
    }
    return out;
  }
  out.has_pos = true;
  string_view tail = line.substr(end + 1);
  if (StartsWith(tail, "     from ")) {
    if (ParseFrom(tail.substr(10), &out)) out.kind = LineKind::kFrom;
    return out;
  }
  if (StartsWith(tail, "   flow: ")) {
    string_view body = tail.substr(9);
    if (!body.empty() && body.back() == ':') {
      body.remove_suffix(1);
      if (ParseFlowBody(body, &out.subject, &out.object, &out.number)) out.kind = LineKind::kFlow;
    }
    return out;
  }
  if (StartsWith(tail, "   warning: truncated explanation")) {
    out.kind = LineKind::kTruncatedWarning;
    return out;
  }
  if (StartsWith(tail, " ")) {
    MatchMessage(p_->message_set, p_->message, frequent_forms_, tail.substr(1), &out);
    return out;
  }
  if (StartsWith(tail, "[")) {  // -m=3 `POS:[N] F stmt: ...`
    size_t close = tail.find("] ");
    if (close != string_view::npos && tail.find(" stmt: ", close) != string_view::npos) {
      out.kind = LineKind::kDebugStmt;
    }
    return out;
  }
  if (StartsWith(tail, "call to func ")) {  // -m=4
    out.kind = LineKind::kDebugDump;
    return out;
  }
  constexpr string_view kLabel = ":  non-looping label";  // `POS:.i0:  non-looping label`
  if (tail.size() > kLabel.size() && tail.substr(tail.size() - kLabel.size()) == kLabel) {
    out.kind = LineKind::kDebugLabel;
  }
  return out;
}

}  // namespace escviz
