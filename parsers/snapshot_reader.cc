#include "parsers/snapshot_reader.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "parsers/line_reader.h"
#include "src/patterns.h"

namespace escviz {
namespace {

using Json = nlohmann::json;

/// The parts of a snapshot, read by a SAX handler: the top-level strings and counts, and each
/// record array as one flat vector of numbers (records of a fixed width), so that a large
/// snapshot takes little more memory than its model.
struct Parts {
  std::string schema;
  std::vector<std::string> inputs, kinds, strings;
  std::vector<std::string> inline_kinds, live_kinds;  ///< names of the record kinds
  std::vector<std::pair<std::string, uint64_t>> lines;
  std::map<std::string, std::vector<int64_t>> records;
  std::vector<std::string> keys;  ///< the top-level keys, in the order read
};

/// What every snapshot holds (README "Comparing builds"): a snapshot without one of these is
/// cut or forged, never an empty build (an empty build has them, empty).
constexpr const char* kRequired[] = {"schema",       "inputs",   "verdict_kinds", "strings",
                                     "lines",        "packages", "functions",     "verdicts",
                                     "explanations", "steps",    "notes"};

/// Widths of the record arrays (README "Comparing builds").
const std::map<std::string, size_t> kWidths = {
    {"packages", 2},           {"functions", 5},    {"verdicts", 11},
    {"explanations", 13},      {"steps", 5},        {"notes", 5},
    {"inlines", 10},           {"lives", 8},        {"no_allocations", 2},
    {"receiver_variables", 2}, {"go_literals", 3},  {"map_stores", 1},
    {"global_stores", 1},      {"local_stores", 1}, {"package_selectors", 1},
    {"patterns", 3},           {"profile", 3}};

/// Arrays that a snapshot of escviz 0.x before the inlining and -live records lacks: read as
/// empty when absent, but each needs its kinds' names when present.
constexpr const char* kOptional[][2] = {{"inlines", "inline_kinds"}, {"lives", "live_kinds"}};

class SaxReader : public nlohmann::json_sax<Json> {
 public:
  explicit SaxReader(Parts* p) : p_(*p) {}
  bool null() override { return false; }
  bool boolean(bool) override { return false; }
  bool number_integer(number_integer_t v) override { return Number(v); }
  bool number_unsigned(number_unsigned_t v) override {
    return v <= static_cast<uint64_t>(INT64_MAX) && Number(static_cast<int64_t>(v));
  }
  bool number_float(number_float_t, const string_t&) override { return false; }
  bool binary(binary_t&) override { return false; }
  bool string(string_t& v) override {
    if (depth_ == 1 && key_ == "schema") {
      p_.schema = v;
    } else if (depth_ == 2 && key_ == "inputs") {
      p_.inputs.push_back(v);
    } else if (depth_ == 2 && key_ == "verdict_kinds") {
      p_.kinds.push_back(v);
    } else if (depth_ == 2 && key_ == "strings") {
      p_.strings.push_back(v);
    } else if (depth_ == 2 && key_ == "inline_kinds") {
      p_.inline_kinds.push_back(v);
    } else if (depth_ == 2 && key_ == "live_kinds") {
      p_.live_kinds.push_back(v);
    } else if (depth_ == 2 && key_ == "pattern_ids") {
      // Written for readers of the snapshot, not read back: patterns are worked out again.
    } else if (!(depth_ == 1 && key_ == "escviz")) {
      return false;
    }
    return true;
  }
  bool start_object(std::size_t) override {
    return ++depth_ == 1 || (depth_ == 2 && key_ == "lines");
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) {
      key_ = k;
      p_.keys.push_back(k);
    }
    if (depth_ == 2) line_key_ = k;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    if (depth_ == 2) {
      auto w = kWidths.find(key_);
      width_ = w == kWidths.end() ? 0 : w->second;
      if (width_ != 0) flat_ = &p_.records[key_];
      return width_ != 0 || key_ == "inputs" || key_ == "verdict_kinds" || key_ == "strings" ||
             key_ == "inline_kinds" || key_ == "live_kinds" || key_ == "pattern_ids";
    }
    if (depth_ == 3 && width_ != 0) {
      start_ = flat_->size();
      return true;
    }
    return false;
  }
  bool end_array() override {
    if (depth_ == 3 && flat_->size() - start_ != width_) return false;  // a record too short
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool Number(int64_t v) {
    if (depth_ == 2 && key_ == "lines") {
      if (v < 0) return false;
      p_.lines.emplace_back(line_key_, static_cast<uint64_t>(v));
      return true;
    }
    if (depth_ != 3 || width_ == 0 || flat_->size() - start_ >= width_) return false;
    flat_->push_back(v);
    return true;
  }

  Parts& p_;
  int depth_ = 0;
  std::string key_, line_key_;
  size_t width_ = 0, start_ = 0;
  std::vector<int64_t>* flat_ = nullptr;
};

/// Fills the model from the parts; throws std::runtime_error on a record out of range.
class Loader {
 public:
  Loader(Parts* p, Model* m) : p_(*p), m_(*m) {}

  void Load() {
    for (const std::string& s : p_.strings) ids_.push_back(m_.strings.Intern(s));
    m_.inputs = p_.inputs;
    for (const std::string& n : p_.kinds) {
      int kind = -1;
      for (int k = 0; k < kVerdictKindCount; ++k) {
        if (VerdictKindName(static_cast<VerdictKind>(k)) == n) kind = k;
      }
      kinds_.push_back(kind);
    }
    for (const auto& [name, count] : p_.lines) {
      if (name == "total") m_.total_lines = count;
      for (int k = 0; k < kLineKindCount; ++k) {
        if (LineKindName(static_cast<LineKind>(k)) == name) m_.line_counts[k] = count;
      }
    }
    ForEach("packages", [&](const int64_t* r) {
      m_.packages.push_back({Str(r[0]), Str(r[1]), {}});
    });
    if (m_.packages.empty()) m_.packages.push_back({});
    ForEach("functions", [&](const int64_t* r) {
      Function f;
      f.name = Str(r[0]);
      f.package = Index(r[1], m_.packages.size(), false);
      f.decl = {Str(r[2]), U32(r[3]), U32(r[4]), 0};
      m_.functions.push_back(f);
    });
    ForEach("verdicts", [&](const int64_t* r) {
      Verdict v;
      int kind = kinds_[Index(r[0], kinds_.size(), false)];
      if (kind < 0) throw std::runtime_error("unknown verdict kind");
      v.kind = static_cast<VerdictKind>(kind);
      v.package = Index(r[1], m_.packages.size(), false);
      v.function = Index(r[2], m_.functions.size(), true);
      v.pos = {Str(r[3]), U32(r[4]), U32(r[5]), Str(r[6])};
      v.subject = Str(r[7]);
      v.result = Str(r[8]);
      v.level = static_cast<int32_t>(r[9]);
      v.attribution = static_cast<Attribution>(Index(r[10], kAttributionCount, false));
      m_.verdicts.push_back(v);
    });
    size_t steps = p_.records["steps"].size() / kWidths.at("steps");
    size_t notes = p_.records["notes"].size() / kWidths.at("notes");
    ForEach("explanations", [&](const int64_t* r) {
      Explanation e;
      e.kind = static_cast<Explanation::Kind>(Index(r[0], 2, false));
      e.truncated = r[1] != 0;
      e.pos = {Str(r[2]), U32(r[3]), U32(r[4]), 0};
      e.subject = Str(r[5]);
      e.leak_dst = Str(r[6]);
      e.leak_derefs = static_cast<int32_t>(r[7]);
      e.func = Str(r[8]);
      e.package = Index(r[9], m_.packages.size(), false);
      e.verdict = Index(r[10], m_.verdicts.size(), true);
      e.first_step = U32(r[11]);
      e.step_count = U32(r[12]);
      Range(e.first_step, e.step_count, steps);
      m_.explanations.push_back(e);
    });
    ForEach("steps", [&](const int64_t* r) {
      FlowStep s{Str(r[0]), Str(r[1]), static_cast<int32_t>(r[2]), U32(r[3]), U32(r[4])};
      Range(s.first_note, s.note_count, notes);
      m_.steps.push_back(s);
    });
    ForEach("notes", [&](const int64_t* r) {
      m_.notes.push_back({Str(r[0]), Str(r[1]), {Str(r[2]), U32(r[3]), U32(r[4]), 0}});
    });
    // Optional (older snapshots lack it: their heap verdicts all count as allocations).
    ForEach("no_allocations", [&](const int64_t* r) {
      const uint32_t v = Index(r[0], m_.verdicts.size(), false);
      const uint32_t why = Index(r[1], static_cast<uint32_t>(NoAlloc::kCount), false);
      if (why == 0 || !IsHeap(m_.verdicts[v].kind)) {
        throw std::runtime_error("not a heap verdict that allocates nothing");
      }
      m_.verdicts[v].no_alloc = static_cast<NoAlloc>(why);
    });
    ForEach("receiver_variables", [&](const int64_t* r) {  // optional, as no_allocations
      const uint32_t p = Index(r[0], m_.packages.size(), false);
      const uint32_t name = Index(r[1], ids_.size(), false);
      m_.declared_variables.insert((static_cast<uint64_t>(p) << 32) | ids_[name]);
    });
    // Optional (older snapshots lack them): the pattern facts of the sources.
    ForEach("go_literals", [&](const int64_t* r) {
      m_.go_literals.insert({Str(r[0]), U32(r[1]), U32(r[2])});
    });
    ForEach("map_stores", [&](const int64_t* r) {
      m_.map_store_notes.insert(Index(r[0], m_.notes.size(), false));
    });
    ForEach("global_stores", [&](const int64_t* r) {
      m_.global_store_notes.insert(Index(r[0], m_.notes.size(), false));
    });
    ForEach("local_stores", [&](const int64_t* r) {
      m_.local_store_notes.insert(Index(r[0], m_.notes.size(), false));
    });
    ForEach("package_selectors", [&](const int64_t* r) {
      m_.package_selectors.insert(Index(r[0], m_.verdicts.size(), false));
    });
    // For readers of the snapshot only (worked out again from the model): checked, not kept.
    ForEach("patterns", [&](const int64_t* r) {
      Index(r[0], m_.verdicts.size(), false);
      Index(r[1], kPatternCount, false);
      if (r[2] != -1) Index(r[2], kPatternCount, false);
    });
    // --profile figures of the sites (issue 23), for readers only: checked, not kept.
    ForEach("profile", [&](const int64_t* r) {
      Index(r[0], m_.verdicts.size(), false);
      if (r[1] < 0 || r[2] < 0) throw std::runtime_error("negative profile figure");
    });
    const std::vector<LineKind> inline_kinds = Kinds(p_.inline_kinds, kInlineKinds);
    ForEach("inlines", [&](const int64_t* r) {
      InlineRecord x;
      x.kind = inline_kinds[Index(r[0], inline_kinds.size(), false)];
      x.text_elided = r[1] != 0;
      if (r[2] < -1 || r[2] > INT32_MAX) throw std::runtime_error("number out of range");
      x.number = static_cast<int32_t>(r[2]);
      x.package = Index(r[3], m_.packages.size(), false);
      x.pos = {Str(r[4]), U32(r[5]), U32(r[6]), Str(r[7])};
      x.name = Str(r[8]);
      x.detail = Str(r[9]);
      m_.inlines.push_back(x);
    });
    const std::vector<LineKind> live_kinds = Kinds(p_.live_kinds, kLiveKinds);
    ForEach("lives", [&](const int64_t* r) {
      LiveRecord x;
      x.kind = live_kinds[Index(r[0], live_kinds.size(), false)];
      x.package = Index(r[1], m_.packages.size(), false);
      x.pos = {Str(r[2]), U32(r[3]), U32(r[4]), Str(r[5])};
      x.name = Str(r[6]);
      x.detail = Str(r[7]);
      m_.lives.push_back(x);
    });
    m_.IndexExplanations();
  }

 private:
  template <typename F>
  void ForEach(const std::string& name, F f) {
    std::vector<int64_t>& flat = p_.records[name];
    size_t w = kWidths.at(name);
    for (size_t i = 0; i + w <= flat.size(); i += w) {
      try {
        f(&flat[i]);
      } catch (const std::runtime_error& e) {  // name the record
        throw std::runtime_error(name + "[" + std::to_string(i / w) + "]: " + e.what());
      }
    }
    std::vector<int64_t>().swap(flat);  // done with it
  }

  /// The line kinds named by `names` (a snapshot's "inline_kinds" or "live_kinds"), each one of
  /// `allowed`; throws on another name.
  template <size_t N>
  static std::vector<LineKind> Kinds(const std::vector<std::string>& names,
                                     const LineKind (&allowed)[N]) {
    std::vector<LineKind> out;
    for (const std::string& n : names) {
      const LineKind* k = std::find_if(std::begin(allowed), std::end(allowed),
                                       [&](LineKind a) { return LineKindName(a) == n; });
      if (k == std::end(allowed)) throw std::runtime_error("unknown record kind \"" + n + "\"");
      out.push_back(*k);
    }
    return out;
  }

  StrId Str(int64_t v) const {
    if (v < 0 || static_cast<uint64_t>(v) >= ids_.size()) {
      throw std::runtime_error("string index out of range");
    }
    return ids_[v];
  }

  static uint32_t U32(int64_t v) {
    if (v < 0 || v > UINT32_MAX) throw std::runtime_error("number out of range");
    return static_cast<uint32_t>(v);
  }

  /// An index below `size`, or -1 (kNone) when `none_ok`.
  static uint32_t Index(int64_t i, size_t size, bool none_ok) {
    if (i == -1 && none_ok) return kNone;
    if (i < 0 || static_cast<uint64_t>(i) >= size) throw std::runtime_error("index out of range");
    return static_cast<uint32_t>(i);
  }

  static void Range(uint64_t first, uint64_t count, size_t size) {
    if (first > size || count > size - first) throw std::runtime_error("range out of bounds");
  }

  Parts& p_;
  Model& m_;
  std::vector<StrId> ids_;
  std::vector<int> kinds_;
};

}  // namespace

bool ReadSnapshot(std::string_view data, const std::string& name, Model* model, Diagnostics* diag) {
  Parts parts;
  SaxReader sax(&parts);
  // Any JSON layout (`jq .`, sorted keys): the schema is checked once the whole is parsed.
  bool ok = Json::sax_parse(data.begin(), data.end(), &sax, Json::input_format_t::json, true);
  // v2 (issue 22) adds the pattern arrays; a v1 snapshot of an earlier escviz reads the same.
  if (!ok || (parts.schema != "escviz.snapshot.v2" && parts.schema != "escviz.snapshot.v1")) {
    diag->Error(name + ": not an escviz.snapshot.v2 (or v1) snapshot");
    return false;
  }
  for (const char* key : kRequired) {
    if (std::find(parts.keys.begin(), parts.keys.end(), key) == parts.keys.end()) {
      diag->Error(name + ": bad snapshot: it has no \"" + key + "\" (cut off, or not written by " +
                  "escviz export)");
      return false;
    }
  }
  for (const auto& [records, kinds] : kOptional) {
    const bool has_records =
        std::find(parts.keys.begin(), parts.keys.end(), records) != parts.keys.end();
    const bool has_kinds =
        std::find(parts.keys.begin(), parts.keys.end(), kinds) != parts.keys.end();
    if (has_records && !has_kinds) {
      diag->Error(name + ": bad snapshot: it has \"" + records + "\" but no \"" + kinds + "\"");
      return false;
    }
  }
  try {
    Loader(&parts, model).Load();
  } catch (const std::exception& e) {
    diag->Error(name + ": bad snapshot: " + e.what());
    return false;
  }
  return true;
}

bool ReadSnapshotFile(const std::string& path, Model* model, Diagnostics* diag) {
  std::string data;
  if (!ReadGunzipped(path, SIZE_MAX, &data)) {
    diag->Error(path + ": cannot read");
    return false;
  }
  return ReadSnapshot(data, path, model, diag);
}

}  // namespace escviz
