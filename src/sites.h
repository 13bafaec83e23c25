#pragma once
/// Source sites (issue 20, defect 6): one allocation in the source, however many times the
/// compiler reports it. Go compiles a generic function once per shape (`put[go.shape.int]`,
/// `put[go.shape.string]`) and, from Go 1.26, a closure once more for each function it is
/// inlined into (`userHandler.func1#ToMCtQNBB0I=#`); each copy prints the same verdict at the
/// same position again. A site is counted once, with the number of its copies beside it.

#include <cstdint>
#include <string>
#include <string_view>

namespace escviz {

struct Model;

/// A function name as a reader knows it: the compiler's clone suffix `#...#` dropped
/// (`userHandler.func1#ToMCtQNBB0I=#` -> `userHandler.func1`); shapes are kept.
std::string ReadableFunctionName(std::string_view name);

/// True if `name` has a clone suffix (ReadableFunctionName would change it).
bool HasCloneSuffix(std::string_view name);

/// `text` with every bracket group that names a shape (`[go.shape.int]`,
/// `[go.shape.int_0,go.shape.string_1]`) written `[...]`: the site's spelling of a function
/// (after ReadableFunctionName) or an expression (`&Box[go.shape.int]{...}` -> `&Box[...]{...}`).
std::string WithoutShapes(std::string_view text);

/// "in 3 instances/clones, counted once" for a site of 3 verdicts; "" for 1.
std::string CopiesText(uint32_t copies);

/// Sets m->site_first and m->site_size (see there) for every verdict. Two heap verdicts are one
/// site when their package, position, kind and subject are the same (shapes aside) and so is
/// their function (clone suffix and shapes aside), the k-th such verdict of one function being
/// the k-th of another: the k-th verdict of `F.func1` and of `F.func1#h#` are one site, while two
/// verdicts alike in one function (two identical expressions of one inlined call) stay two.
/// Verdicts of other kinds are each their own site.
void FindSites(Model* m);

}  // namespace escviz
