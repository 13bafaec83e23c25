#include "parsers/source_tree.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace escviz {
namespace {

namespace fs = std::filesystem;

/// True if `path` is `root` or lies under it (both lexically normal and absolute).
bool IsUnder(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // trailing separator of the root
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

SourceTree::SourceTree(std::string root) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(root), ec);
  if (ec) p = fs::path(root);
  fs::path canon = fs::weakly_canonical(p, ec);
  root_ = (ec ? p.lexically_normal() : canon).string();
}

bool SourceTree::Resolve(std::string_view log_path, std::string* real_path) const {
  if (log_path.empty() || root_.empty()) return false;
  const fs::path given{std::string(log_path)};
  const fs::path root{root_};
  std::error_code ec;
  const fs::path real = fs::canonical(given.is_absolute() ? given : root / given, ec);
  if (ec || !IsUnder(real, root) || !fs::is_regular_file(real, ec) || ec) return false;
  *real_path = real.string();
  return true;
}

SourceTree::File* SourceTree::Load(std::string_view log_path) {
  const std::string key(log_path);
  auto known = by_log_path_.find(key);
  if (known != by_log_path_.end()) return known->second;
  File* file = nullptr;
  std::string real;
  if (Resolve(log_path, &real)) {
    auto it = by_real_path_.find(real);
    if (it == by_real_path_.end()) {
      std::unique_ptr<File> loaded;
      std::ifstream in(real, std::ios::binary);
      if (in) {
        std::ostringstream text;
        text << in.rdbuf();  // sets failbit on `text` only for an empty file
        loaded = std::make_unique<File>();
        loaded->text = std::move(text).str();
      }
      it = by_real_path_.emplace(real, std::move(loaded)).first;
    }
    file = it->second.get();
  }
  by_log_path_.emplace(key, file);
  return file;
}

const std::string* SourceTree::Text(std::string_view log_path) {
  File* f = Load(log_path);
  return f ? &f->text : nullptr;
}

const std::vector<GoFuncExtent>* SourceTree::Functions(std::string_view log_path) {
  File* f = Load(log_path);
  if (!f) return nullptr;
  if (!f->scanned) {
    f->functions = ScanGoFunctions(f->text);
    f->scanned = true;
  }
  return &f->functions;
}

}  // namespace escviz
