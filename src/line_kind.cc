#include "src/line_kind.h"

namespace escviz {
namespace {

struct KindInfo {
  std::string_view name;
  std::string_view description;
};

constexpr KindInfo kKinds[kLineKindCount] = {
    {"blank", "empty line (also separates -m=3 dumps)"},
    {"package_header", "`# import/path` or `# p [p.test]` from go build/test/vet"},
    {"moved_to_heap", "`POS: moved to heap: X`"},
    {"escapes_to_heap", "`POS: X escapes to heap` (no trailing colon; includes `append`)"},
    {"does_not_escape", "`POS: X does not escape`"},
    {"leaking_param", "`POS: leaking param: P`"},
    {"leaking_param_content", "`POS: leaking param content: P`"},
    {"leaking_param_to_result", "`POS: leaking param: P to result R level=N`"},
    {"zero_copy", "`POS: zero-copy string->[]byte conversion` (Go 1.22+)"},
    {"assuming_unsafe_uintptr", "`POS: assuming P is unsafe uintptr`"},
    {"marking_escaping_uintptr", "`POS: marking P as escaping uintptr` (or `...uintptr`)"},
    {"mutates_param", "`POS: mutates param: P derefs=N` (-d=escapemutationscalls)"},
    {"calls_param", "`POS: calls param: P derefs=N` (-d=escapemutationscalls)"},
    {"no_escape_mutate_call", "`POS: P does not escape, mutate, or call`"},
    {"escapes_header", "`POS: X escapes to heap:` or `... in FUNC:` (explanation header)"},
    {"leak_header", "`POS: parameter P leaks to D [for FUNC] with derefs=N:`"},
    {"flow", "`POS:   flow: DST = OPS SRC:` (or `←`)"},
    {"from", "`POS:     from EXPR (REASON) at POS2`"},
    {"truncated_warning", "`POS:   warning: truncated explanation due to assignment cycle...`"},
    {"capturing", "`POS: F capturing by ref|value: V (addr=B assign=B width=N)`"},
    {"can_inline", "`POS: can inline F` (optionally `with cost N as: ...`)"},
    {"cannot_inline", "`POS: cannot inline F: REASON`"},
    {"cannot_inline_into", "`POS: cannot inline F into G: repeated recursive cycle`"},
    {"inlining_call", "`POS: inlining call to F...`"},
    {"big_function", "`POS: function F considered 'big'; reducing max cost of inlinees`"},
    {"pgo_inline", "PGO inlining debug lines (`hot-...`)"},
    {"inlining_skipped", "`POS: skip inlining within testing.B.loop for ...` (Go 1.24+)"},
    {"devirtualizing", "`POS: [partially |PGO ]devirtualizing X to T` and related"},
    {"bounds_check_elided", "`POS: index bounds check elided`"},
    {"self_assignment", "`POS: F ignoring self-assignment in STMT`"},
    {"other_optimization",
     "other known -m/-d lines: loop variables, closures, defers, nil checks, write barriers..."},
    {"live_at_entry", "-live `POS: live at entry to F: V...` (the variables live on entry)"},
    {"live_at_call", "-live `POS: live at call to F: V...` (the variables live across the call)"},
    {"live_at_indirect_call", "-live `POS: live at indirect call: V...`"},
    {"stack_object", "-live `POS: stack object V T` (a stack variable the GC must scan)"},
    {"debug_stmt", "-m=3 `POS:[N] F stmt: ...`"},
    {"debug_label", "-m=3 `POS:LABEL: non-looping label` / `POS: LABEL looping label`"},
    {"debug_dump",
     "-m=3/-m=4 IR dumps and position-less debug lines (`.   ...`, `Before inlining`, "
     "`typecheck import`, `call to func`)"},
    {"compiler_error", "a compiler or assembler error (`POS: undefined: x`, `too many errors`)"},
    {"tool_output", "lines of the go command itself (`go: ...`, `ok`, `FAIL`, `note: ...`)"},
    {"c_compiler_output",
     "the C compiler's warnings under cgo (`cgo-gcc-prolog: In function ...`, `In file included "
     "from ...`, `note: declared here`, source excerpts `  202 | ...`)"},
    {"vet_finding",
     "a finding of the vet checks that `go test` runs (`POS: fmt.Errorf format ...`)"},
    {"continuation", "a further line of a message that runs on while a raw string literal is open"},
    {"unrecognized", "fits no known form; reported on standard error"},
};

}  // namespace

std::string_view LineKindName(LineKind k) { return kKinds[static_cast<int>(k)].name; }
std::string_view LineKindDescription(LineKind k) { return kKinds[static_cast<int>(k)].description; }

}  // namespace escviz
