#include "render/snapshot_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <tuple>

#include "render/json_writer.h"
#include "src/profile_join.h"

namespace escviz {
namespace {

/// `kNone` as -1, other indices as themselves.
int64_t Index(uint32_t i) { return i == kNone ? -1 : static_cast<int64_t>(i); }

/// Writes `"name":[` + one `[...]` per record (its fields written by `row` into the buffer) + `]`.
template <typename T, typename Row>
void Records(const char* name, const std::vector<T>& records, Row row, JsonWriter* w) {
  fmt::format_to(std::back_inserter(*w->buffer()), ",\n\"{}\":[", name);
  for (size_t i = 0; i < records.size(); ++i) {
    w->Raw(i > 0 ? ",[" : "[");
    row(records[i], std::back_inserter(*w->buffer()));
    w->Raw("]");
  }
  w->Raw("]");
}

/// The index of `kind` in `kinds` (kInlineKinds, kLiveKinds).
template <size_t N>
int KindIndex(const LineKind (&kinds)[N], LineKind kind) {
  for (size_t i = 0; i < N; ++i) {
    if (kinds[i] == kind) return static_cast<int>(i);
  }
  return 0;  // not reached: the builder makes records of these kinds only
}

}  // namespace

// Written by hand rather than through a JSON library's tree: a standard-library log has
// millions of records, and the tree would take several times the memory of the model.
void WriteSnapshot(const Model& m, const SnapshotOptions& opt, std::ostream* out) {
  JsonWriter w(out);
  auto o = std::back_inserter(*w.buffer());
  w.Raw(R"({"schema":"escviz.snapshot.v2","escviz":)");
  w.String(opt.version);
  w.Raw(",\"inputs\":[");
  for (size_t i = 0; i < m.inputs.size(); ++i) {
    if (i > 0) w.Raw(",");
    w.String(m.inputs[i]);
  }
  w.Raw("],\n\"verdict_kinds\":[");
  for (int k = 0; k < kVerdictKindCount; ++k) {
    if (k > 0) w.Raw(",");
    w.String(VerdictKindName(static_cast<VerdictKind>(k)));
  }
  fmt::format_to(o, "],\n\"lines\":{{\"total\":{}", m.total_lines);
  for (int k = 0; k < kLineKindCount; ++k) {
    if (m.line_counts[k] == 0) continue;
    fmt::format_to(o, ",\"{}\":{}", LineKindName(static_cast<LineKind>(k)), m.line_counts[k]);
  }
  w.Raw("},\n\"strings\":[");
  for (size_t i = 0; i < m.strings.size(); ++i) {
    if (i > 0) w.Raw(",");
    w.String(m.strings.Get(static_cast<StrId>(i)));
  }
  w.Raw("]");
  Records(
      "packages", m.packages,
      [](const Package& p, auto o) { fmt::format_to(o, "{},{}", p.name, p.variant); }, &w);
  Records(
      "functions", m.functions,
      [](const Function& f, auto o) {
        fmt::format_to(o, "{},{},{},{},{}", f.name, f.package, f.decl.file, f.decl.line,
                       f.decl.col);
      },
      &w);
  Records(
      "verdicts", m.verdicts,
      [](const Verdict& v, auto o) {
        fmt::format_to(o, "{},{},{},{},{},{},{},{},{},{},{}", static_cast<int>(v.kind), v.package,
                       Index(v.function), v.pos.file, v.pos.line, v.pos.col, v.pos.physical,
                       v.subject, v.result, v.level, static_cast<int>(v.attribution));
      },
      &w);
  Records(
      "explanations", m.explanations,
      [](const Explanation& e, auto o) {
        fmt::format_to(o, "{},{},{},{},{},{},{},{},{},{},{},{},{}", static_cast<int>(e.kind),
                       e.truncated ? 1 : 0, e.pos.file, e.pos.line, e.pos.col, e.subject,
                       e.leak_dst, e.leak_derefs, e.func, e.package, Index(e.verdict), e.first_step,
                       e.step_count);
      },
      &w);
  Records(
      "steps", m.steps,
      [](const FlowStep& s, auto o) {
        fmt::format_to(o, "{},{},{},{},{}", s.dst, s.src, s.derefs, s.first_note, s.note_count);
      },
      &w);
  Records(
      "notes", m.notes,
      [](const Note& n, auto o) {
        fmt::format_to(o, "{},{},{},{},{}", n.expr, n.reason, n.pos.file, n.pos.line, n.pos.col);
      },
      &w);
  // Heap verdicts that allocate nothing: [verdict, reason], reason 1 constant, 2 zero-size
  // (NoAlloc; README "Snapshots"). Decided with the sources when the log was read, so kept.
  std::vector<std::pair<uint32_t, int>> no_alloc;
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    if (m.verdicts[i].no_alloc != NoAlloc::kAllocates) {
      no_alloc.emplace_back(i, static_cast<int>(m.verdicts[i].no_alloc));
    }
  }
  Records(
      "no_allocations", no_alloc,
      [](const std::pair<uint32_t, int>& r, auto o) {
        fmt::format_to(o, "{},{}", r.first, r.second);
      },
      &w);
  // Names the source declares as variables where x.M(...) is called: [package, name].
  std::vector<uint64_t> declared(m.declared_variables.begin(), m.declared_variables.end());
  std::sort(declared.begin(), declared.end());  // the same bytes for the same model
  Records(
      "receiver_variables", declared,
      [](uint64_t d, auto o) { fmt::format_to(o, "{},{}", d >> 32, d & 0xffffffffu); }, &w);
  // Facts of the Go source for allocation patterns (src/patterns.h): [file, line, col] of the
  // func literals a `go` statement starts, and [note] of the stores into a map element, into a
  // package-level variable and into something else. Sorted: the same bytes for the same model.
  {
    std::vector<std::tuple<StrId, uint32_t, uint32_t>> go(m.go_literals.begin(),
                                                          m.go_literals.end());
    std::sort(go.begin(), go.end());
    Records(
        "go_literals", go,
        [](const std::tuple<StrId, uint32_t, uint32_t>& g, auto o) {
          fmt::format_to(o, "{},{},{}", std::get<0>(g), std::get<1>(g), std::get<2>(g));
        },
        &w);
    for (const auto& [key, set] : {std::make_pair("map_stores", &m.map_store_notes),
                                   std::make_pair("global_stores", &m.global_store_notes),
                                   std::make_pair("local_stores", &m.local_store_notes),
                                   std::make_pair("package_selectors", &m.package_selectors)}) {
      std::vector<uint32_t> notes(set->begin(), set->end());
      std::sort(notes.begin(), notes.end());
      Records(
          key, notes, [](uint32_t n, auto o) { fmt::format_to(o, "{}", n); }, &w);
    }
  }
  // The patterns of the heap allocations, for readers (`jq`): by name, then [verdict, pattern,
  // second or -1] for the first verdict of each site.
  if (opt.patterns != nullptr) {
    fmt::format_to(o, ",\n\"pattern_ids\":[");
    for (int k = 0; k < kPatternCount; ++k) {
      if (k > 0) w.Raw(",");
      w.String(kPatterns[k].id);
    }
    w.Raw("]");
    std::vector<uint32_t> sites;
    for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
      if (IsHeap(m.verdicts[v].kind) && m.SiteFirst(v) && v < opt.patterns->size()) {
        sites.push_back(v);
      }
    }
    Records(
        "patterns", sites,
        [&](uint32_t v, auto o) {
          const AllocationPattern& p = (*opt.patterns)[v];
          fmt::format_to(o, "{},{},{}", v, static_cast<int>(p.pattern),
                         p.second == Pattern::kCount ? -1 : static_cast<int>(p.second));
        },
        &w);
  }
  // With --profile, for readers (`jq`): [verdict, objects, bytes] of each sampled site, in
  // the figures of the profile's sample index (issue 23). Not read back.
  if (m.profile) {
    std::vector<uint32_t> sampled;
    for (uint32_t v = 0; v < m.verdicts.size(); ++v) {
      if (IsHeap(m.verdicts[v].kind) && m.SiteFirst(v) && m.profile->Sampled(m, v)) {
        sampled.push_back(v);
      }
    }
    Records(
        "profile", sampled,
        [&](uint32_t v, auto o) {
          const ProfileFigures f = m.profile->Of(m, v);
          fmt::format_to(o, "{},{},{}", v, f.objects, f.bytes);
        },
        &w);
  }
  // Inlining and -live records (README "Snapshots"); kinds by name, as verdict kinds.
  auto kind_names = [&](const char* key, const auto& kinds) {
    fmt::format_to(o, ",\n\"{}\":[", key);
    for (size_t k = 0; k < std::size(kinds); ++k) {
      if (k > 0) w.Raw(",");
      w.String(LineKindName(kinds[k]));
    }
    w.Raw("]");
  };
  kind_names("inline_kinds", kInlineKinds);
  Records(
      "inlines", m.inlines,
      [](const InlineRecord& r, auto o) {
        fmt::format_to(o, "{},{},{},{},{},{},{},{},{},{}", KindIndex(kInlineKinds, r.kind),
                       r.text_elided ? 1 : 0, r.number, r.package, r.pos.file, r.pos.line,
                       r.pos.col, r.pos.physical, r.name, r.detail);
      },
      &w);
  kind_names("live_kinds", kLiveKinds);
  Records(
      "lives", m.lives,
      [](const LiveRecord& r, auto o) {
        fmt::format_to(o, "{},{},{},{},{},{},{},{}", KindIndex(kLiveKinds, r.kind), r.package,
                       r.pos.file, r.pos.line, r.pos.col, r.pos.physical, r.name, r.detail);
      },
      &w);
  w.Raw("}\n");
}

}  // namespace escviz
