#include "render/sarif_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/json_writer.h"
#include "src/chain_text.h"
#include "src/patterns.h"
#include "src/profile_join.h"
#include "src/sites.h"
#include "src/verdict_key.h"

namespace escviz {
namespace {

using Json = nlohmann::ordered_json;

/// Percent-encodes what a URI path may not hold raw (RFC 3986: unreserved, sub-delims, `:@/`).
/// A `:` before the first `/` is encoded too: a relative reference whose first segment holds
/// one would read as a scheme (RFC 3986, 4.2).
std::string UriPath(std::string_view path) {
  std::string out;
  bool first_segment = path.empty() || path[0] != '/';
  for (unsigned char c : path) {
    if (c == '/') first_segment = false;
    if (c == ':' && first_segment) {
      out += "%3A";
    } else if (std::isalnum(c) ||
               std::string_view("-._~!$&'()*+,;=:@/").find(c) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

const char* RuleText(VerdictKind k) {
  switch (k) {
    case VerdictKind::kMovedToHeap:
      return "A variable is moved to the heap (moved to heap: X).";
    case VerdictKind::kEscapesToHeap:
      return "A value escapes to the heap (X escapes to heap).";
    case VerdictKind::kLeakingParam:
      return "A parameter leaks (leaking param: X).";
    case VerdictKind::kLeakingParamContent:
      return "What a parameter points to leaks (leaking param content: X).";
    case VerdictKind::kLeakingParamToResult:
      return "A parameter leaks to a result (leaking param: X to result Y).";
    default:
      return "A verdict of the Go compiler's escape analysis.";
  }
}

}  // namespace

SarifArtifact PlaceArtifact(std::string_view path, const std::string& root, SourceFiles* sources) {
  if (sources != nullptr) {
    if (std::optional<std::string> rel = sources->RelativeToRoot(path)) return {*rel, true};
  }
  if (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
      (path[2] == '\\' || path[2] == '/')) {
    std::string p = "/" + std::string(path);
    std::replace(p.begin(), p.end(), '\\', '/');
    return {p, false};
  }
  if (path.empty() || path[0] != '/') {
    // `a/./b/../c.go` is `a/c.go`; one that climbs out (`../up/z.go`) is not under SRCROOT:
    // with a root, the absolute path it leads to; without one, as it is, with no base.
    const std::string rel = std::filesystem::path(path).lexically_normal().string();
    if (rel != ".." && rel.rfind("../", 0) != 0) return {rel, true};
    if (root.empty()) return {std::string(path), false};
    return {(std::filesystem::path(root) / path).lexically_normal().string(), false};
  }
  if (!root.empty() && path.substr(0, root.size()) == root) {
    return {std::string(path.substr(root.size())), true};
  }
  return {std::string(path), false};
}

namespace {

/// The artifact location of a log path, as the caller's SarifOptions::artifact places it.
Json ArtifactLocation(std::string_view file, const SarifOptions& opt) {
  const SarifArtifact art = opt.artifact ? opt.artifact(file) : SarifArtifact{std::string(file)};
  if (!art.under_root && !art.path.empty() && art.path[0] == '/') {
    return {{"uri", "file://" + UriPath(art.path)}};
  }
  if (!art.under_root) return {{"uri", UriPath(art.path)}};  // relative, with no base
  return {{"uri", UriPath(art.path)}, {"uriBaseId", "SRCROOT"}};
}

std::string Message(const Model& m, const Analysis& a, uint32_t vi, const VerdictKey& key,
                    size_t steps) {
  std::string text = VerdictSentence(m, m.verdicts[vi], key.expr);
  text += fmt::format(" (in {}, package {})", key.function, key.package);
  const std::string copies = CopiesText(m.SiteCopies(vi));
  if (!copies.empty()) text += "; " + copies;
  size_t more = 0;
  std::vector<std::string> chain = ChainStepTexts(m, a, vi, steps, &more);
  if (!chain.empty()) {
    text += ". Chain:";
    for (size_t i = 0; i < chain.size(); ++i) text += fmt::format(" {}. {};", i + 1, chain[i]);
    if (more > 0) text += fmt::format(" ... {} more", more);
  }
  return text;
}

/// `message; pattern: ...` (no second `;` after a chain's last step).
std::string WithPattern(std::string message, const std::string& pattern) {
  if (pattern.empty()) return message;
  return message + (!message.empty() && message.back() == ';' ? " " : "; ") + pattern;
}

}  // namespace

void RenderSarif(const Model& m, const Analysis& a, const SarifOptions& opt, std::ostream* out) {
  JsonWriter w(out);
  Json rules = Json::array();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    VerdictKind kind = static_cast<VerdictKind>(k);
    rules.push_back({{"id", VerdictKindName(kind)},
                     {"shortDescription", {{"text", RuleText(kind)}}},
                     {"defaultConfiguration", {{"level", IsHeap(kind) ? "warning" : "note"}}}});
  }
  // Heap allocations are reported under their pattern's rule (src/patterns.h), whose help is
  // the remedy, so that code scanning shows the fix; leaking parameters under their kind's.
  for (const PatternInfo& p : kPatterns) {
    const std::string what(p.what), remedy(p.remedy);
    rules.push_back(
        {{"id", p.id},
         {"shortDescription", {{"text", "Heap allocation: " + what}}},
         {"fullDescription", {{"text", what}}},
         {"help", {{"text", remedy}, {"markdown", remedy}}},
         {"defaultConfiguration",
          {{"level", p.pattern == Pattern::kNoAllocation ? "note" : "warning"}}},
         {"properties", {{"tags", Json::array({"escape-analysis", "allocation-pattern"})}}}});
  }
  const PatternClassifier patterns(m, a);
  // {"$schema": ..., "version": ..., "runs": [{"tool": ..., "originalUriBaseIds": ...,
  // "results": [...]}]}, written as it goes: one result at a time.
  w.Raw(R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)");
  w.Raw(R"("runs":[{"tool":)");
  w.Value({{"driver", {{"name", "escviz"}, {"version", opt.version}, {"rules", rules}}}});
  if (!opt.source_root.empty()) {
    w.Raw(R"(,"originalUriBaseIds":)");
    w.Value({{"SRCROOT", {{"uri", "file://" + UriPath(opt.source_root)}}}});
  }
  w.Raw(R"(,"results":[)");
  std::vector<VerdictKey> keys = VerdictKeys(m);
  std::unordered_map<StrId, Json> artifacts;  // by log path: a log has few files
  bool first = true;
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    if (!IsExplainable(v.kind)) continue;  // results for heap allocations and leaking params
    if (!m.SiteFirst(i)) continue;         // one result per site (src/sites.h)
    auto art = artifacts.find(v.pos.file);
    if (art == artifacts.end()) {
      art = artifacts.emplace(v.pos.file, ArtifactLocation(m.str(v.pos.file), opt)).first;
    }
    Json phys = {{"artifactLocation", art->second}};
    if (v.pos.line > 0) {
      Json region = {{"startLine", v.pos.line}};
      if (v.pos.col > 0) region["startColumn"] = v.pos.col;
      phys["region"] = region;
    }
    Json loc = {{"physicalLocation", phys}};
    if (v.function != kNone) {
      loc["logicalLocations"] =
          Json::array({{{"fullyQualifiedName", keys[i].package + "." + keys[i].function},
                        {"kind", "function"}}});
    }
    if (!first) w.Raw(",");
    first = false;
    std::string rule(VerdictKindName(v.kind));
    int rule_index = static_cast<int>(v.kind);
    Json properties = {{"verdictKind", VerdictKindName(v.kind)}};
    std::string pattern_text;
    if (IsHeap(v.kind)) {
      const AllocationPattern p = patterns.Classify(i);
      rule = std::string(PatternId(p.pattern));
      rule_index = kVerdictKindCount + static_cast<int>(p.pattern);
      properties["pattern"] = PatternId(p.pattern);
      if (p.second != Pattern::kCount) properties["secondPattern"] = PatternId(p.second);
      if (m.profile) {  // --profile: what the allocation costs at run time (issue 23)
        const ProfileFigures f = m.profile->Of(m, i);
        properties["profile"] = {{"sampleIndex", m.profile->sample_index},
                                 {"sampled", m.profile->Sampled(m, i)},
                                 {"objects", f.objects},
                                 {"bytes", f.bytes}};
      }
      pattern_text = "pattern: " + PatternLabel(m, v, p);
      if (!p.inline_hint.empty()) pattern_text += " (" + p.inline_hint + ")";
    }
    w.Value(
        {{"ruleId", rule},
         {"ruleIndex", rule_index},
         {"properties", properties},
         // A heap verdict that allocates nothing is a note, said in its message.
         {"level", m.Allocates(v) ? "warning" : "note"},
         {"message",
          {{"text",
            m.EscapesWithoutAllocation(v)
                ? fmt::format("{} (escapes, no allocation: {})",
                              Message(m, a, i, keys[i], opt.chain_steps), NoAllocReason(v.no_alloc))
                : WithPattern(Message(m, a, i, keys[i], opt.chain_steps), pattern_text)}}},
         {"locations", Json::array({loc})},
         {"partialFingerprints", {{"escvizVerdict/v1", StableHash(keys[i].Text())}}}});
  }
  w.Raw("]}]}\n");
}

}  // namespace escviz
