#include "src/cli/report_sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

namespace escviz {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxSource = 16u << 20;

bool IsUnder(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

ReportSources::ReportSources(const std::string& root) : given_(root) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path canon = fs::canonical(fs::path(root), ec);
  root_ = ec ? fs::absolute(fs::path(root), ec).lexically_normal().string() : canon.string();
}

bool ReportSources::Check(Diagnostics* diag) const {
  if (root_.empty()) return true;
  std::error_code ec;
  if (!fs::is_directory(fs::path(root_), ec)) {
    diag->Error("--source-root " + given_ + ": not a folder");
    return false;
  }
  return true;
}

bool ReportSources::Resolve(std::string_view log_path, std::string* real, Diagnostics* diag) {
  if (root_.empty() || log_path.empty() || log_path.front() == '<') return false;
  std::vector<std::string_view> parts = Components(log_path);
  for (std::string_view part : parts) {
    if (part == "..") {
      if (refused_++ >= kMaxWarnings) return false;
      diag->Warning(
          fmt::format("source view: refusing {}: it has a '..' component (sources are "
                      "read only inside --source-root {})",
                      log_path, given_));
      return false;
    }
  }
  size_t first = 0;
  while (first < parts.size() && (parts[first] == "." || parts[first].front() == '$')) ++first;
  const fs::path root(root_);
  std::vector<fs::path> candidates;
  if (log_path.front() == '/' &&
      IsUnder(fs::path(std::string(log_path)).lexically_normal(), root)) {
    candidates.push_back(fs::path(std::string(log_path)).lexically_normal());
  }
  // Suffixes, longest first; of two components at least (a lone `main.go` of another module
  // must not match the root's), unless the path is a single name.
  size_t last = parts.size() - first <= 1 ? parts.size() : parts.size() - 1;
  for (size_t i = first; i < last; ++i) {
    fs::path p = root;
    for (size_t k = i; k < parts.size(); ++k) {
      if (parts[k] != ".") p /= std::string(parts[k]);
    }
    candidates.push_back(p);
  }
  std::error_code ec;
  for (const fs::path& cand : candidates) {
    if (!fs::exists(fs::symlink_status(cand, ec))) continue;
    fs::path canon = fs::canonical(cand, ec);
    if (ec) continue;
    if (!IsUnder(canon, root)) {
      if (refused_++ >= kMaxWarnings) return false;
      diag->Warning(
          fmt::format("source view: refusing {}: {} leads out of --source-root {} "
                      "(to {}) through a symbolic link",
                      log_path, cand.string(), given_, canon.string()));
      return false;
    }
    if (!fs::is_regular_file(canon, ec)) continue;
    *real = canon.string();
    return true;
  }
  return false;
}

void ReportSources::ReportHidden(Diagnostics* diag) const {
  if (refused_ <= kMaxWarnings) return;
  diag->Warning(
      fmt::format("source view: {} more paths refused (not shown)", refused_ - kMaxWarnings));
}

bool ReportSources::Read(const std::string& real, std::string* text) {
  std::ifstream in(real, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  uint64_t size = static_cast<uint64_t>(std::max<std::streamoff>(in.tellg(), 0));
  in.seekg(0, std::ios::beg);
  text->assign(std::min(size, kMaxSource), '\0');
  in.read(text->data(), static_cast<std::streamsize>(text->size()));
  text->resize(static_cast<size_t>(in.gcount()));
  return !in.bad();
}

}  // namespace escviz
