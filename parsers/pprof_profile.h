#pragma once
/// A pprof profile (issue 23) as escviz reads it: the gzip-compressed protobuf every Go tool
/// writes (`go test -memprofile`, `runtime/pprof`, `/debug/pprof/allocs`), in the schema of the
/// `profile.proto` Debian's golang-github-google-pprof-dev installs, into a HeapProfile
/// (src/heap_profile.h): only what joining samples to escape verdicts needs.

#include <string>

#include "src/heap_profile.h"

namespace escviz {

/// Reads the profile at `path` (gzip-compressed or plain protobuf). On failure returns false and
/// sets `*error` to a sentence that names the file and what is wrong: not a profile (neither gzip
/// nor protobuf), truncated, a protobuf that is not a pprof profile (ids or string indices out of
/// range), or a profile without the heap sample types (a CPU profile).
bool ReadHeapProfile(const std::string& path, HeapProfile* out, std::string* error);

}  // namespace escviz
