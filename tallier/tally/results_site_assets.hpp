// The results site's shared files (specs/results.md §4.4–§4.5): its style
// sheet and search script, the same bytes for every election, and the
// tracker list as a script the search reads (a page opened from a file may
// not fetch() another file, but it may load a script).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "evote/protocol/election_config.hpp"
#include "results_site.hpp"

namespace evote::tally {

// site/style.css
std::string_view site_style_css();

// site/tracker.js: the search box of the election's pages. It reads
// window.evoteTracker (site/tracker-list.js), finds a ballot hash by binary
// search, and answers in #tracker-result (data-state "found", "missing" or
// "invalid"; when found also data-district and data-row). The address
// "index.html#tracker=<hash>" runs the search when the page opens.
std::string_view site_tracker_js();

// site/tracker-list.js: window.evoteTracker = {"districts": [{"id", "et",
// "en", "inputs"}…] (the config's districts in its order, with their names
// and the mix input files of their counted ballots), "ballots": [[hash,
// district index, row]…] (sorted by the hash as text, the order a browser
// compares strings in)}. Throws protocol::FormatError for a line whose
// district the config does not have.
std::string tracker_list_js(const protocol::ElectionConfig& config,
                            const std::vector<TrackerEntry>& tracker);

}  // namespace evote::tally
