// Source sites of heap verdicts (src/sites.h).

#include "src/sites.h"

#include <absl/container/flat_hash_map.h>

#include <tuple>

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

void FindSites(Model* m) {
  const size_t n = m->verdicts.size();
  m->site_first.resize(n);
  m->site_size.assign(n, 1);
  // The ordinal of a verdict among those alike in its own function, then the site of each
  // (package, file, line, col, kind, subject, function, ordinal), spelled without shapes. A
  // spelling is a number: the subject's string id when it has no bracket, else a number of its
  // own for its spelling (no string is added to the model's pool).
  using Alike = std::tuple<uint32_t, StrId, uint32_t, uint32_t, int, StrId, uint32_t>;
  using Site = std::tuple<uint32_t, StrId, uint32_t, uint32_t, int, uint64_t, uint32_t, uint32_t>;
  absl::flat_hash_map<Alike, uint32_t> alike;
  absl::flat_hash_map<Site, uint32_t> sites;
  absl::flat_hash_map<std::string, uint32_t> spellings;   // of functions and bracketed subjects
  absl::flat_hash_map<uint32_t, uint32_t> function_site;  // function -> its spelling's number
  absl::flat_hash_map<StrId, uint64_t> subject_site;
  auto spelling = [&](std::string s) {
    return spellings.try_emplace(std::move(s), static_cast<uint32_t>(spellings.size()))
        .first->second;
  };
  for (uint32_t v = 0; v < n; ++v) {
    m->site_first[v] = v;
    const Verdict& vd = m->verdicts[v];
    if (!IsHeap(vd.kind)) continue;
    const Alike a{vd.package, vd.pos.file, vd.pos.line, vd.pos.col, static_cast<int>(vd.kind),
                  vd.subject, vd.function};
    const uint32_t ordinal = alike[a]++;
    auto f = function_site.find(vd.function);
    if (f == function_site.end()) {
      f = function_site
              .emplace(vd.function,
                       spelling(WithoutShapes(ReadableFunctionName(m->FunctionName(vd.function)))))
              .first;
    }
    auto subj = subject_site.find(vd.subject);
    if (subj == subject_site.end()) {
      const std::string_view text = m->str(vd.subject);
      const uint64_t id = text.find('[') == std::string_view::npos
                              ? vd.subject
                              : (uint64_t{1} << 32) | spelling(WithoutShapes(text));
      subj = subject_site.emplace(vd.subject, id).first;
    }
    const Site s{vd.package,   vd.pos.file, vd.pos.line, vd.pos.col, static_cast<int>(vd.kind),
                 subj->second, f->second,   ordinal};
    auto [it, added] = sites.try_emplace(s, v);
    if (!added) {
      m->site_first[v] = it->second;
      ++m->site_size[it->second];
    }
  }
}

}  // namespace escviz
