// Source sites of heap verdicts (src/sites.h).

#include "src/sites.h"

#include <absl/container/flat_hash_map.h>

#include <tuple>
#include <utility>

#include "src/model.h"

namespace escviz {

bool HasCloneSuffix(std::string_view name) { return name.find('#') != std::string_view::npos; }

std::string ReadableFunctionName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    if (name[i] == '#') {
      const size_t close = name.find('#', i + 1);
      if (close == std::string_view::npos) {  // not a suffix of the compiler's form: keep it
        out.append(name.substr(i));
        break;
      }
      i = close + 1;
      continue;
    }
    out += name[i++];
  }
  return out;
}

std::string WithoutShapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '[') {
      // The matching `]`, and whether the group names a shape.
      int depth = 0;
      size_t j = i;
      for (; j < text.size(); ++j) {
        if (text[j] == '[') ++depth;
        if (text[j] == ']' && --depth == 0) break;
      }
      if (j < text.size() && text.substr(i, j - i).find("go.shape.") != std::string_view::npos) {
        out += "[...]";
        i = j + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string CopiesText(uint32_t copies) {
  if (copies <= 1) return {};
  return "in " + std::to_string(copies) + " instances/clones, counted once";
}

// Two heap verdicts are one site when their spelled keys (package, position, kind, subject and
// function spelled without clone suffix and shapes) are equal and so are their ordinals among
// the verdicts alike in their own function. Verdicts alike in one function (same subject and
// function) have distinct ordinals, so they are never one site: only a spelled key that
// verdicts of two or more different subjects or functions share (a generic function's shapes, a
// closure's clones) can hold sites of several verdicts. So the first pass keeps one record per
// spelled key and marks the keys shared that way; the ordinals and site keys are then worked
// out for the verdicts of shared keys alone. Memory goes with the distinct keys, not with the
// verdicts: a log of a million identical lines costs one record here, not a million (issue 21).
void FindSites(Model* m) {
  const size_t n = m->verdicts.size();
  m->site_first.resize(n);
  m->site_size.assign(n, 1);
  for (uint32_t v = 0; v < n; ++v) m->site_first[v] = v;
  // The spelling of a function or a bracketed subject is a number (no string is added to the
  // model's pool): a subject without a bracket is spelled by its own string id.
  absl::flat_hash_map<std::string, uint32_t> spellings;
  absl::flat_hash_map<uint32_t, uint32_t> function_spelling;
  absl::flat_hash_map<StrId, uint64_t> subject_spelling;
  auto spelling = [&](std::string s) {
    return spellings.try_emplace(std::move(s), static_cast<uint32_t>(spellings.size()))
        .first->second;
  };
  using Spelled = std::tuple<uint32_t, StrId, uint32_t, uint32_t, int, uint64_t, uint32_t>;
  auto spelled = [&](const Verdict& vd) {
    auto f = function_spelling.find(vd.function);
    if (f == function_spelling.end()) {
      f = function_spelling
              .emplace(vd.function,
                       spelling(WithoutShapes(ReadableFunctionName(m->FunctionName(vd.function)))))
              .first;
    }
    auto s = subject_spelling.find(vd.subject);
    if (s == subject_spelling.end()) {
      const std::string_view text = m->str(vd.subject);
      const uint64_t id = text.find('[') == std::string_view::npos
                              ? vd.subject
                              : (uint64_t{1} << 32) | spelling(WithoutShapes(text));
      s = subject_spelling.emplace(vd.subject, id).first;
    }
    return Spelled{vd.package, vd.pos.file, vd.pos.line, vd.pos.col, static_cast<int>(vd.kind),
                   s->second,  f->second};
  };
  // One record per spelled key: a verdict that has it, and whether verdicts of another subject
  // or function have it too.
  struct Key {
    uint32_t verdict = 0;
    bool shared = false;
  };
  absl::flat_hash_map<Spelled, Key> keys;
  auto record = [&](uint32_t v, const Spelled& key) -> Key& {
    return keys.try_emplace(key, Key{v, false}).first->second;
  };
  bool any_shared = false;
  for (uint32_t v = 0; v < n; ++v) {
    const Verdict& vd = m->verdicts[v];
    if (!IsHeap(vd.kind)) continue;
    Key& k = record(v, spelled(vd));
    const Verdict& first = m->verdicts[k.verdict];
    if (!k.shared && (first.subject != vd.subject || first.function != vd.function)) {
      k.shared = any_shared = true;
    }
  }
  if (!any_shared) return;
  // Verdicts of shared keys: the k-th verdict alike in one function and the k-th alike in
  // another are one site, counted by the first of them.
  using Alike = std::tuple<uint32_t, StrId, uint32_t, uint32_t, int, StrId, uint32_t>;
  absl::flat_hash_map<Alike, uint32_t> ordinals;
  absl::flat_hash_map<std::pair<Spelled, uint32_t>, uint32_t> sites;
  for (uint32_t v = 0; v < n; ++v) {
    const Verdict& vd = m->verdicts[v];
    if (!IsHeap(vd.kind)) continue;
    const Spelled key = spelled(vd);
    if (!record(v, key).shared) continue;
    const Alike a{vd.package, vd.pos.file, vd.pos.line, vd.pos.col, static_cast<int>(vd.kind),
                  vd.subject, vd.function};
    const uint32_t ordinal = ordinals[a]++;
    auto [it, added] = sites.try_emplace(std::make_pair(key, ordinal), v);
    if (!added) {
      m->site_first[v] = it->second;
      ++m->site_size[it->second];
    }
  }
}

}  // namespace escviz
