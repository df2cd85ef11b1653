// One contest's result on the results site (specs/results.md §4.3): what
// kind of contest it is, the bar chart, the table of every choice with the
// blank and invalid rows, and for a ranked contest the instant runoff round
// by round; and, on the election's page, the contest by district.
#pragma once

#include <string>
#include <string_view>

#include "evote/count/contest_count.hpp"
#include "evote/protocol/election_config.hpp"
#include "results_json.hpp"
#include "results_site_text.hpp"

namespace evote::tally {

// The HTML of `result` (a district's, or the total with `scope` "total")
// of `contest`: element ids "chart-<c>-<scope>", "result-<c>-<scope>",
// "rounds-<c>-<scope>"; `scope_name` names the district or "all districts"
// in captions. The total of a contest of several districts has a district
// column.
std::string contest_result_html(const protocol::ElectionConfig& config,
                                const protocol::Contest& contest,
                                const count::ContestResult& result, std::string_view scope,
                                std::string_view scope_name, SiteLanguage language);

// The table "<contest> by district" (id "districts-<c>"): per district its
// rows, valid, blank and invalid, and the choice with the most votes (ranked:
// the district's runoff winner), the district's name linking to
// `district_link` + "<d>.html".
std::string contest_by_district_html(const protocol::ElectionConfig& config,
                                     const protocol::Contest& contest,
                                     const ContestResults& results, std::string_view district_link,
                                     SiteLanguage language);

// "<name> (<party>)" or "<name>"; the code itself for a code the contest lacks.
std::string choice_label(const protocol::Contest& contest, std::uint64_t code,
                         SiteLanguage language);

}  // namespace evote::tally
