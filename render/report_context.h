#pragma once
/// What every page of the HTML report is rendered from: the model, its analyses, the report
/// index, facts about the run, and which optional parts exist (source pages, drawn graphs).
/// Page file names come from ids only (`f/12.html`), never from log text.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/chains.h"
#include "src/model.h"
#include "src/patterns.h"
#include "src/report_index.h"
#include "src/summary.h"

namespace escviz {

struct ReportMeta {
  std::string version;      ///< escviz version
  std::string date;         ///< when the report was made (UTC)
  std::string source_root;  ///< --source-root as given; empty: no source view
  size_t max_graphs = 0;    ///< the graph budget, for the text that explains it
  size_t max_graph_chains = 0;
};

struct ReportContext {
  const Model& m;
  const Analysis& a;
  const Summary& s;
  const ReportIndex& r;
  ReportMeta meta;
  /// file StrId -> index into r.files for files with a source page (s/N.html).
  std::unordered_map<StrId, uint32_t> source_page;
  /// function -> its chains are drawn (g/N.svg).
  std::vector<bool> graph_drawn;
  bool top_causes_drawn = false;  ///< g/top-causes.svg
  /// The pattern of every heap verdict (ClassifyPatterns), index: verdict.
  std::vector<AllocationPattern> patterns;
};

/// Relative names of the pages, from the report's root folder.
std::string FunctionPage(uint32_t f);
std::string PackagePage(uint32_t p);
std::string SourcePage(uint32_t file_slot);
std::string FunctionGraph(uint32_t f);

}  // namespace escviz
