#pragma once
/// The folder an HTML report is written to. Every file goes inside it, under a name built from
/// ids (`index.html`, `f/12.html`): a name that is absolute, has a `..` or an empty component,
/// or holds other characters than [A-Za-z0-9._-/] is refused. An earlier report in the folder
/// (marked by the file `.escviz-report`) is replaced: its files and folders are removed first,
/// other files are left alone. A non-empty folder without the mark is refused, and so is a path
/// that exists and is not a folder.

#include <cstdint>
#include <string>
#include <string_view>

#include "render/report_writer.h"
#include "src/diagnostics.h"

namespace escviz {

class ReportDir : public ReportSink {
 public:
  ReportDir() = default;
  ~ReportDir() override;
  ReportDir(const ReportDir&) = delete;
  ReportDir& operator=(const ReportDir&) = delete;

  /// False, with an error, if the report cannot go to `dir` (a file, or a non-empty folder with
  /// no earlier report); changes nothing.
  static bool Check(const std::string& dir, Diagnostics* diag);

  /// Checks `dir`, creates it (and its parents) if missing, locks it (one report at a time: a
  /// second run into the same folder is refused while the first writes, and leaves the first's
  /// files alone), clears an earlier report in it and creates the subfolders. False, with an
  /// error, if the report cannot go there. Later errors go to `diag` too.
  bool Open(const std::string& dir, Diagnostics* diag);

  /// Writes `data` to `name` inside the folder; false, with an error, on an unsafe name or a
  /// write failure.
  bool Write(std::string_view name, std::string_view data) override;
  /// Files written by a forked process land in the same folder.
  bool SharedWithChild() const override { return true; }

  /// True if `name` is a safe relative name for a report file.
  static bool SafeName(std::string_view name);

  const std::string& path() const { return dir_; }
  uint64_t files() const { return files_; }
  uint64_t bytes() const { return bytes_; }
  /// The largest file ending in `.html`, and its size.
  const std::string& largest_page() const { return largest_page_; }
  uint64_t largest_page_bytes() const { return largest_page_bytes_; }

 private:
  /// Takes the folder's lock; false (reported) if another report holds it.
  bool Lock(const std::string& dir, Diagnostics* diag);

  int lock_fd_ = -1;  ///< the folder, locked while this report writes it
  std::string dir_;
  Diagnostics* diag_ = nullptr;
  uint64_t files_ = 0, bytes_ = 0, largest_page_bytes_ = 0;
  std::string largest_page_;
};

}  // namespace escviz
