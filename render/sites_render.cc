// `escviz sites` (render/sites_render.h).

#include "render/sites_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "render/escape.h"
#include "render/json_writer.h"
#include "src/profile_join.h"
#include "src/sites.h"
#include "src/str_util.h"

namespace escviz {
namespace sites_render {  // named, not anonymous: a unity build joins this file with others

/// A TSV field: TerminalSafe, with tabs and line ends (which it keeps) written as escapes.
std::string TsvField(std::string_view s) {
  std::string out;
  for (char c : TerminalSafe(s)) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

bool Wanted(const Model& m, const Verdict& v, const AllocationPattern& p, const SitesOptions& o) {
  if (!o.patterns.empty() &&
      std::find(o.patterns.begin(), o.patterns.end(), p.pattern) == o.patterns.end()) {
    return false;
  }
  return true;
}

}  // namespace sites_render

void RenderSites(const Model& m, const Analysis& a, const std::vector<AllocationPattern>& patterns,
                 const SitesOptions& options, std::ostream* out) {
  using namespace sites_render;
  JsonWriter json(out);
  const bool tsv = options.format == SitesOptions::Format::kTsv;
  const bool jsonl = options.format == SitesOptions::Format::kJsonl;
  const ProfileJoin* profile = m.profile.get();
  if (tsv) {
    json.Raw(
        "position\tkind\texpression\tfunction\tpackage\tpattern\tsecond\twhere\tcallee\tcause\t"
        "copies");
    json.Raw(profile != nullptr ? "\tobjects\tbytes\tshared_by\n" : "\n");
  }
  // With a profile, the sampled sites first, most bytes (or objects) first; the others after.
  std::vector<uint32_t> order(m.verdicts.size());
  for (uint32_t v = 0; v < order.size(); ++v) order[v] = v;
  if (profile != nullptr) {
    std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return profile->RankOf(m, x) > profile->RankOf(m, y);
    });
  }
  for (uint32_t v : order) {
    const Verdict& vd = m.verdicts[v];
    if (!IsHeap(vd.kind) || !m.SiteFirst(v)) continue;
    const AllocationPattern& p = patterns[v];
    if (!Wanted(m, vd, p, options)) continue;
    const std::string pos = m.FormatPos(vd.pos);
    const std::string_view subject = m.str(vd.subject);
    const std::string function(m.FunctionName(vd.function));
    const std::string package = m.PackageName(vd.package);
    const std::string where(p.where == kNone ? "?" : m.FunctionName(p.where));
    const std::string_view second =
        p.second == Pattern::kCount ? std::string_view() : PatternId(p.second);
    const std::string cause = FirstCauseLabel(m, a, v);
    const uint32_t copies = m.SiteCopies(v);
    if (jsonl) {
      nlohmann::ordered_json j;
      j["position"] = pos;
      j["kind"] = VerdictKindName(vd.kind);
      j["expression"] = subject;
      j["function"] = function;
      j["package"] = package;
      j["pattern"] = PatternId(p.pattern);
      j["second"] = second.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(second);
      j["where"] = where;
      j["callee"] = p.callee;
      j["cause"] = cause;
      j["copies"] = copies;
      j["final_step"] = p.final_step;
      j["inline_hint"] = p.inline_hint;
      j["allocates"] = m.Allocates(vd);
      if (profile != nullptr) {
        const ProfileFigures f = profile->Of(m, v);
        j["objects"] = f.objects;
        j["bytes"] = f.bytes;
        j["shared_by"] = profile->SharedBy(m, v);
      }
      json.Value(j);
      json.Raw("\n");
    } else if (tsv) {
      json.Raw(fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", TsvField(pos),
                           VerdictKindName(vd.kind), TsvField(subject), TsvField(function),
                           TsvField(package), PatternId(p.pattern), second, TsvField(where),
                           TsvField(p.callee), TsvField(cause), copies));
      if (profile != nullptr) {
        const ProfileFigures f = profile->Of(m, v);
        json.Raw(fmt::format("\t{}\t{}\t{}", f.objects, f.bytes, profile->SharedBy(m, v)));
      }
      json.Raw("\n");
    } else {
      std::string line = fmt::format("{}: {}: {} (in {}; {})", pos, PatternLabel(m, vd, p),
                                     VerdictSentence(m, vd), function, p.final_step);
      if (copies > 1) line += ", " + CopiesText(copies);
      if (profile != nullptr) {
        const ProfileFigures f = profile->Of(m, v);
        const uint32_t shared = profile->SharedBy(m, v);
        line = (!profile->Sampled(m, v)
                    ? std::string("not in the profile: ")
                    : fmt::format(
                          "{} in {} objects{}: ", FormatBytes(f.bytes), f.objects,
                          shared > 1 ? fmt::format(" (shared by {} on the line)", shared) : "")) +
               line;
      }
      json.Raw(TerminalSafe(line) + "\n");
    }
  }
  json.Flush();
}

}  // namespace escviz
