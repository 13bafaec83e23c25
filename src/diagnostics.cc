#include "src/diagnostics.h"

namespace escviz {

std::string Where(std::string_view input, uint64_t line) {
  return std::string(input) + ":" + std::to_string(line);
}

}  // namespace escviz
