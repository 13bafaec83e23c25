#pragma once
/// Marks the heap verdicts that allocate nothing (Verdict::no_alloc), by the rules of
/// src/allocation.h, with what the Go source says where it can be read.

#include "parsers/source_tree.h"
#include "src/model.h"

namespace escviz {

/// What one run of ClassifyAllocations found.
struct AllocationStats {
  uint64_t constant = 0;   ///< heap verdicts of a constant
  uint64_t zero_size = 0;  ///< ... of a zero-size value
  uint64_t by_source = 0;  ///< of those, decided with the source
  uint64_t packages_scanned = 0;
};

/// Sets `no_alloc` of every heap verdict. From the expression alone, or, where it leaves a
/// question (is `T` in `T(3)` a type, `backgroundCtx` in `backgroundCtx{}` of size 0, `x` a
/// constant or a variable of a zero-size type), from the Go sources `tree` reads: the `.go`
/// files of the folder a package's log files are in (every file of the package, build tags not
/// applied: a name declared differently in two files is not known), and for a name without a
/// qualifier first the declarations of the functions around the verdict (their parameters, `var`
/// and `:=`). `pkg.Name` looks in the packages of the log whose import path ends in `pkg`; a
/// package the log does not hold is not read. `tree` null: expressions only.
AllocationStats ClassifyAllocations(Model* m, SourceTree* tree);

}  // namespace escviz
