// results.csv (specs/results.md §3): the results of results.json as one
// table for spreadsheets, with the config's Estonian names. One line per
// contest × (district or total) × number: the row counts, the invalid rows
// per reason, each choice's count and, for a ranked contest, its final
// runoff round and winner. RFC 4180: comma-separated, CRLF line ends,
// fields quoted when they hold a comma, a quote, CR or LF.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/election_config.hpp"
#include "results_json.hpp"

namespace evote::tally {

inline constexpr std::string_view kResultsCsvFileName = "results.csv";
// The header line, without its CRLF.
inline constexpr std::string_view kResultsCsvHeader =
    "contest,contest_name,district,district_name,measure,code,choice,party,count";

// One field as RFC 4180 writes it: as is, or in double quotes with each
// quote doubled when it holds a comma, a quote, CR or LF.
std::string csv_field(std::string_view text);

// The whole file: the header, then the lines in the order of specs/results.md §3.
// `results` must be of `config` (as results_from_json or count made it).
std::string results_csv(const protocol::ElectionConfig& config, const ElectionResults& results);

void write_results_csv(const std::filesystem::path& path, const protocol::ElectionConfig& config,
                       const ElectionResults& results, protocol::WriteMode mode);

}  // namespace evote::tally
