#pragma once
/// Marks the heap verdicts that allocate nothing (Verdict::no_alloc), by the rules of
/// src/allocation.h, with what the Go source says where it can be read.

#include <memory>

#include "parsers/source_tree.h"
#include "src/model.h"

namespace escviz {

/// Completes `no_alloc` of the heap verdicts the builder left counted as allocations (it decides
/// what the expression alone shows: src/allocation.h), where the expression leaves a question
/// (is `T` in `T(3)` a type, `backgroundCtx` in `backgroundCtx{}` of size 0, `x` a constant or a
/// variable of a zero-size type), from the Go sources `tree` reads: the `.go` files of the log in
/// a package's folder and the folder's other files every build compiles (no test, GOOS/GOARCH or
/// build-constraint file; a name declared differently in two files is not known), and for a name
/// without a qualifier first the declarations of the functions around the verdict (their
/// parameters, `var` and `:=`). `pkg.Name` looks in the packages of the log whose import path
/// ends in `pkg`; a package the log does not hold is not read. Also records
/// Model::declared_variables. `tree` null: nothing to do.
void ClassifyAllocations(Model* m, SourceTree* tree);

/// ClassifyAllocations in two steps, so that each source file is read once: the constructor
/// runs the expression rules and notes which files their questions need (SourceTree::WantNames:
/// a Preload before Classify() scans their names with the extents), Classify() answers.
class AllocationClassifier {
 public:
  AllocationClassifier(Model* m, SourceTree* tree);
  ~AllocationClassifier();
  AllocationClassifier(const AllocationClassifier&) = delete;
  AllocationClassifier& operator=(const AllocationClassifier&) = delete;
  void Classify();

 private:
  struct State;
  Model* m_;
  SourceTree* tree_;
  std::unique_ptr<State> state_;
};

}  // namespace escviz
