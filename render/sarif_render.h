#pragma once
/// `escviz export --format sarif`: SARIF 2.1.0 for code-scanning tools. One rule per verdict
/// kind (SPEC 4.1 names); one result per heap allocation and leaking parameter, whose message
/// carries the chain; locations relative to the source root (uriBaseId `SRCROOT`);
/// `partialFingerprints` from the verdict's key (src/verdict_key.h), so moved lines keep them.
/// The renderer never looks at the file system: the caller says where each file is.

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "src/chains.h"
#include "src/model.h"
#include "src/source_files.h"

namespace escviz {

/// Where the file a log names is, for its SARIF artifactLocation.
struct SarifArtifact {
  std::string path;  ///< relative to the source root (`sub/x.go`), or absolute (`/usr/x.go`)
  /// `path` is relative to SRCROOT (`"uriBaseId": "SRCROOT"`); else absolute (a `file://` URI)
  /// or, a relative path that climbs out of a root it does not know, a URI with no base.
  bool under_root = true;
};

/// Where SARIF places the file of `log_path`: relative to SRCROOT when `sources` finds it under
/// the source root `root` (absolute, ending in `/`; empty for none); else a relative path as the
/// log spells it, `.` and `..` resolved (relative to SRCROOT too, unless a `..` climbs out of it:
/// then the absolute path under `root` it leads to, or without a root the path as it is, with
/// no base), a Windows drive path as `/C:/...` (a file URI, never the scheme `C:`), an absolute
/// path under `root` relative to it, any other absolute path as is.
SarifArtifact PlaceArtifact(std::string_view log_path, const std::string& root,
                            SourceFiles* sources);

struct SarifOptions {
  /// SRCROOT, the source root as an absolute directory path ending in `/`; empty for none (no
  /// `originalUriBaseIds`).
  std::string source_root;
  /// Where the file of each log path (as printed: `./x.go`, `/abs/y.go`) is; the renderer only
  /// percent-encodes it into a URI. Unset: every path as printed, relative to SRCROOT.
  std::function<SarifArtifact(std::string_view log_path)> artifact;
  std::string version;     ///< escviz's version
  size_t chain_steps = 6;  ///< steps of the chain in each message
};

/// Writes the SARIF log as one JSON text, ending in a newline, one result at a time.
void RenderSarif(const Model& m, const Analysis& a, const SarifOptions& opt, std::ostream* out);

}  // namespace escviz
