#pragma once
/// Parameter names from the Go source: which parameter an argument binds to is its position in
/// the call, and the log names parameters but not their positions (src/chains.h follows a chain
/// into the callee's parameter of the argument's position).

#include <cstdint>

#include "parsers/source_tree.h"
#include "src/model.h"

namespace escviz {

/// Sets Function::first_param/param_count/receiver/variadic (and Model::params) of every function
/// a chain may continue into, a function with a leaking parameter whose declaration the log
/// places (`can inline` / `cannot inline` at FILE:LINE:COL), from the declaration found there
/// in its source through `tree` (the one path policy). Functions whose source cannot be read, or
/// has no declaration at that place, keep first_param kNone. Returns how many got names.
uint64_t ReadFunctionParams(Model* model, SourceTree* tree);

}  // namespace escviz
