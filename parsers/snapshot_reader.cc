#include "parsers/snapshot_reader.h"

#include <zlib.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace escviz {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kSchemaStart = R"({"schema":"escviz.snapshot.v1")";

/// Reads up to `limit` bytes of the file at `path`, gunzipped if it is gzip; false if unreadable.
bool ReadFile(const std::string& path, size_t limit, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n = 0;
  while (out->size() < limit && (n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, n);
  bool ok = n >= 0 || out->size() >= limit;
  gzclose(f);
  return ok;
}

/// Reads the records of a parsed snapshot; throws std::runtime_error or a json exception.
class Loader {
 public:
  Loader(const Json& j, Model* m) : j_(j), m_(*m) {}

  void Load() {
    for (const Json& s : j_.at("strings")) ids_.push_back(m_.strings.Intern(s.get<std::string>()));
    for (const Json& s : j_.at("inputs")) m_.inputs.push_back(s.get<std::string>());
    const Json& names = j_.at("verdict_kinds");
    for (const Json& n : names) {
      int kind = -1;
      for (int k = 0; k < kVerdictKindCount; ++k) {
        if (VerdictKindName(static_cast<VerdictKind>(k)) == n.get<std::string>()) kind = k;
      }
      kinds_.push_back(kind);
    }
    for (const auto& [name, count] : j_.at("lines").items()) {
      if (name == "total") m_.total_lines = count.get<uint64_t>();
      for (int k = 0; k < kLineKindCount; ++k) {
        if (LineKindName(static_cast<LineKind>(k)) == name)
          m_.line_counts[k] = count.get<uint64_t>();
      }
    }
    for (const Json& r : j_.at("packages")) m_.packages.push_back({Str(r.at(0)), Str(r.at(1)), {}});
    if (m_.packages.empty()) m_.packages.push_back({});
    for (const Json& r : j_.at("functions")) {
      Function f;
      f.name = Str(r.at(0));
      f.package = Index(r.at(1), m_.packages.size(), false);
      f.decl = {Str(r.at(2)), r.at(3).get<uint32_t>(), r.at(4).get<uint32_t>(), 0};
      m_.functions.push_back(f);
    }
    for (const Json& r : j_.at("verdicts")) {
      Verdict v;
      int kind = Index(r.at(0), kinds_.size(), false);
      if (kinds_[kind] < 0) throw std::runtime_error("unknown verdict kind");
      v.kind = static_cast<VerdictKind>(kinds_[kind]);
      v.package = Index(r.at(1), m_.packages.size(), false);
      v.function = Index(r.at(2), m_.functions.size(), true);
      v.pos = {Str(r.at(3)), r.at(4).get<uint32_t>(), r.at(5).get<uint32_t>(), Str(r.at(6))};
      v.subject = Str(r.at(7));
      v.result = Str(r.at(8));
      v.level = r.at(9).get<int32_t>();
      v.attribution = static_cast<Attribution>(Index(r.at(10), kAttributionCount, false));
      m_.verdicts.push_back(v);
    }
    const Json& steps = j_.at("steps");
    const Json& notes = j_.at("notes");
    for (const Json& r : j_.at("explanations")) {
      Explanation e;
      e.kind = static_cast<Explanation::Kind>(Index(r.at(0), 2, false));
      e.truncated = r.at(1).get<int>() != 0;
      e.pos = {Str(r.at(2)), r.at(3).get<uint32_t>(), r.at(4).get<uint32_t>(), 0};
      e.subject = Str(r.at(5));
      e.leak_dst = Str(r.at(6));
      e.leak_derefs = r.at(7).get<int32_t>();
      e.func = Str(r.at(8));
      e.package = Index(r.at(9), m_.packages.size(), false);
      e.verdict = Index(r.at(10), m_.verdicts.size(), true);
      e.first_step = r.at(11).get<uint32_t>();
      e.step_count = r.at(12).get<uint32_t>();
      Range(e.first_step, e.step_count, steps.size());
      m_.explanations.push_back(e);
    }
    for (const Json& r : steps) {
      FlowStep s{Str(r.at(0)), Str(r.at(1)), r.at(2).get<int32_t>(), r.at(3).get<uint32_t>(),
                 r.at(4).get<uint32_t>()};
      Range(s.first_note, s.note_count, notes.size());
      m_.steps.push_back(s);
    }
    for (const Json& r : notes) {
      m_.notes.push_back({Str(r.at(0)),
                          Str(r.at(1)),
                          {Str(r.at(2)), r.at(3).get<uint32_t>(), r.at(4).get<uint32_t>(), 0}});
    }
    m_.IndexExplanations();
  }

 private:
  StrId Str(const Json& v) const { return ids_.at(v.get<size_t>()); }

  /// An index below `size`, or -1 (kNone) when `none_ok`.
  uint32_t Index(const Json& v, size_t size, bool none_ok) const {
    int64_t i = v.get<int64_t>();
    if (i == -1 && none_ok) return kNone;
    if (i < 0 || static_cast<uint64_t>(i) >= size) throw std::runtime_error("index out of range");
    return static_cast<uint32_t>(i);
  }

  static void Range(uint64_t first, uint64_t count, size_t size) {
    if (first > size || count > size - first) throw std::runtime_error("range out of bounds");
  }

  const Json& j_;
  Model& m_;
  std::vector<StrId> ids_;
  std::vector<int> kinds_;
};

}  // namespace

bool LooksLikeSnapshot(std::string_view data) {
  return data.substr(0, kSchemaStart.size()) == kSchemaStart;
}

bool IsSnapshotFile(const std::string& path) {
  if (path == "-") return false;
  std::string head;
  return ReadFile(path, kSchemaStart.size(), &head) && LooksLikeSnapshot(head);
}

bool ReadSnapshot(std::string_view data, const std::string& name, Model* model, Diagnostics* diag) {
  Json j = Json::parse(data.begin(), data.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || j.value("schema", "") != "escviz.snapshot.v1") {
    diag->Error(name + ": not an escviz.snapshot.v1 snapshot");
    return false;
  }
  try {
    Loader(j, model).Load();
  } catch (const std::exception& e) {
    diag->Error(name + ": bad snapshot: " + e.what());
    return false;
  }
  return true;
}

bool ReadSnapshotFile(const std::string& path, Model* model, Diagnostics* diag) {
  std::string data;
  if (!ReadFile(path, SIZE_MAX, &data)) {
    diag->Error(path + ": cannot read");
    return false;
  }
  return ReadSnapshot(data, path, model, diag);
}

}  // namespace escviz
