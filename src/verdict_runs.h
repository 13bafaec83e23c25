#pragma once
/// Runs of identical verdict lines (Model::collapse_runs, Model::runs): what undoes them where a
/// run would count otherwise than its lines.

namespace escviz {

struct Model;

/// Writes out again, in place, each run that source sites could join with verdicts of another
/// function or subject (src/sites.h: a generic instance, a Go 1.26+ closure clone, a function of
/// the unnamed package read from several inputs), so that FindSites pairs its lines one by one
/// as without runs; then indexes explanations again. The other runs stay: their lines are
/// sites of their own, one per line, and Repeats() counts them.
void ExpandPairableRuns(Model* m);

}  // namespace escviz
