#pragma once
/// The command line: `escviz <command> [options] [INPUT...]`. main() only calls Main().

#include <iosfwd>

namespace escviz {

/// Runs escviz with the given arguments, results on `out` and messages on `err`; returns the
/// exit status (0 success, 1 diff gate tripped, 2 usage or input error). Inputs, standard input
/// among them, are read by path and file descriptor, never through a C++ stream.
int Main(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace escviz
