#pragma once
/// A heap profile (issue 23) as the model sees it: sample types, and for each sample its stack of
/// source lines (leaf first; within a location, innermost inlined function first) and its values.
/// Strings are resolved and ids turned into indices. Filled by parsers/pprof_profile.h from the
/// pprof protobuf; joined with escape verdicts by src/profile_join.h.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/huge_pages.h"

namespace escviz {

struct HeapProfile {
  std::string path;  ///< as given, for messages

  struct ValueType {
    std::string type;  ///< `alloc_objects`, `alloc_space`, `inuse_objects`, `inuse_space`, ...
    std::string unit;  ///< `count`, `bytes`
  };
  std::vector<ValueType> sample_types;
  int default_sample_type = -1;  ///< index into sample_types, -1 if the profile names none

  struct Function {
    std::string name;      ///< `main.(*T).M`, `example.com/p.f.func1`
    std::string filename;  ///< absolute as recorded (`/home/u/p/x.go`)
  };
  std::vector<Function> functions;

  struct Line {
    uint32_t function = 0;  ///< index into functions
    int64_t line = 0;       ///< 0 when unknown
  };
  std::vector<Line> lines;  ///< every location's lines, location after location

  struct Location {
    uint32_t first_line = 0;  ///< into lines; innermost inlined function first
    uint32_t line_count = 0;
  };
  std::vector<Location> locations;

  struct Sample {
    uint32_t first_location = 0;  ///< into sample_locations; leaf first
    uint32_t location_count = 0;
  };
  HugeVector<uint32_t> sample_locations;  ///< indices into locations
  HugeVector<Sample> samples;
  /// samples.size() * sample_types.size() values, sample after sample, as written in the profile
  /// (Go heap profiles are already scaled up from their sampling rate when written).
  HugeVector<int64_t> values;

  std::string main_binary;  ///< the first mapping's file name, empty if none
  int64_t period = 0;       ///< the profile's period (the sampling rate of a heap profile)

  int64_t Value(size_t sample, size_t type) const {
    return values[sample * sample_types.size() + type];
  }
  /// The index of sample type `type` (`alloc_space`), or -1.
  int SampleTypeIndex(std::string_view type) const {
    for (size_t i = 0; i < sample_types.size(); ++i) {
      if (sample_types[i].type == type) return static_cast<int>(i);
    }
    return -1;
  }
};

}  // namespace escviz
