#include <iostream>

#include "src/cli/app.h"
#include "src/cli/output_file.h"

int main(int argc, char** argv) {
  // Results go through a stream that can say why a write failed (a full disk, a closed pipe).
  std::unique_ptr<std::ostream> out = escviz::NewStandardOutput();
  return escviz::Main(argc, argv, *out, std::cerr);
}
