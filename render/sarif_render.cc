#include "render/sarif_render.h"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "render/escape.h"
#include "src/chain_text.h"
#include "src/verdict_key.h"

namespace escviz {
namespace {

using Json = nlohmann::ordered_json;

/// Percent-encodes what a URI path may not hold raw (RFC 3986: unreserved, sub-delims, `:@/`).
std::string UriPath(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~!$&'()*+,;=:@/").find(c) != std::string::npos) {
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

/// The artifact location of a log path: relative paths and absolute ones under the root are
/// relative to SRCROOT; other absolute paths are `file://` URIs.
Json ArtifactLocation(std::string_view file, const std::string& root_abs) {
  std::string path(file);
  if (path.rfind("./", 0) == 0) path = path.substr(2);
  if (!path.empty() && path[0] == '/') {
    if (!root_abs.empty() && path.rfind(root_abs, 0) == 0) {
      return {{"uri", UriPath(path.substr(root_abs.size()))}, {"uriBaseId", "SRCROOT"}};
    }
    return {{"uri", "file://" + UriPath(path)}};
  }
  return {{"uri", UriPath(path)}, {"uriBaseId", "SRCROOT"}};
}

std::string Message(const Model& m, const Analysis& a, uint32_t vi, const VerdictKey& key,
                    size_t steps) {
  std::string text = VerdictSentence(m, m.verdicts[vi], key.expr);
  text += fmt::format(" (in {}, package {})", key.function, key.package);
  size_t more = 0;
  std::vector<std::string> chain = ChainStepTexts(m, a, vi, steps, &more);
  if (!chain.empty()) {
    text += ". Chain:";
    for (size_t i = 0; i < chain.size(); ++i) text += fmt::format(" {}. {};", i + 1, chain[i]);
    if (more > 0) text += fmt::format(" ... {} more", more);
  }
  return text;
}

}  // namespace

std::string RenderSarif(const Model& m, const Analysis& a, const SarifOptions& opt) {
  std::string root_abs;
  if (!opt.source_root.empty()) {
    std::error_code ec;
    root_abs = std::filesystem::absolute(opt.source_root, ec).lexically_normal().string();
    if (root_abs.empty() || root_abs.back() != '/') root_abs += '/';
  }
  Json rules = Json::array();
  for (int k = 0; k < kVerdictKindCount; ++k) {
    VerdictKind kind = static_cast<VerdictKind>(k);
    rules.push_back({{"id", VerdictKindName(kind)},
                     {"shortDescription", {{"text", RuleText(kind)}}},
                     {"defaultConfiguration", {{"level", IsHeap(kind) ? "warning" : "note"}}}});
  }
  std::vector<VerdictKey> keys = VerdictKeys(m);
  Json results = Json::array();
  for (uint32_t i = 0; i < m.verdicts.size(); ++i) {
    const Verdict& v = m.verdicts[i];
    if (!IsExplainable(v.kind)) continue;  // results for heap allocations and leaking params
    Json phys = {{"artifactLocation", ArtifactLocation(m.str(v.pos.file), root_abs)}};
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
    results.push_back(
        {{"ruleId", VerdictKindName(v.kind)},
         {"ruleIndex", static_cast<int>(v.kind)},
         {"level", IsHeap(v.kind) ? "warning" : "note"},
         {"message", {{"text", Message(m, a, i, keys[i], opt.chain_steps)}}},
         {"locations", Json::array({loc})},
         {"partialFingerprints", {{"escvizVerdict/v1", StableHash(keys[i].Text())}}}});
  }
  Json run = {
      {"tool", {{"driver", {{"name", "escviz"}, {"version", opt.version}, {"rules", rules}}}}}};
  if (!root_abs.empty()) {
    run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", "file://" + UriPath(root_abs)}}}};
  }
  run["results"] = std::move(results);
  Json j = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", Json::array({run})}};
  return JsonTextSafe(j.dump(-1, ' ', false, Json::error_handler_t::replace)) + "\n";
}

}  // namespace escviz
