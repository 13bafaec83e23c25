#pragma once
/// The style sheet and script every report page shares, written once as `assets/report.css`
/// and `assets/report.js`. Plain CSS and JavaScript, nothing fetched from the network. The
/// script builds result rows with textContent only (never innerHTML), so log text from the
/// search data stays text.

#include <string_view>

namespace escviz {

/// assets/report.css
std::string_view ReportCss();
/// assets/report.js: sortable tables (`table.sortable`, numeric cells carry `data-v`), row
/// filters (`input.filter` with `data-table`), the search box (`#search` over the data of
/// search.js), and nothing else.
std::string_view ReportJs();

}  // namespace escviz
