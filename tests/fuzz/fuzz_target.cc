// libFuzzer entry point; build with -DESCVIZ_FUZZ=ON and clang (see README).
#include "tests/fuzz/fuzz_one.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  escviz::FuzzOne(data, size);
  return 0;
}
