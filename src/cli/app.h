#pragma once
/// The command line: `escviz <command> [options] [INPUT...]`. main() only calls Main().

#include <iosfwd>

namespace escviz {

/// Runs escviz with the given arguments and streams; returns the exit status
/// (0 success, 1 diff gate tripped, 2 usage or input error).
int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace escviz
