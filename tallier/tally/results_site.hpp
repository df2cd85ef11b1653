// The public results web site (specs/results.md §4): static pages in the
// election record, folder site/, that voters and journalists read in a
// browser without a server or a network: turnout, every contest's result
// as a table and a bar chart (inline SVG), the instant runoff rounds, one
// page per district, a tracker search box (plain JavaScript over the
// tracker list, embedded as site/tracker-list.js), the record's files with
// their hashes, the organizer key and how to check the record with
// evote-verify. Estonian (site/…) and English (site/en/…).
//
// The site is a pure function of its sources: the same sources give the
// same bytes, so evote-verify writes it again from the record and compares
// (specs/record.md §3, check "results site"). Thread-safe (no state).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/election_record.hpp"
#include "results_json.hpp"

namespace evote::tally {

// The site's folder in a tally folder and in the record.
inline constexpr std::string_view kSiteFolder = "site";

// One line of tracker.jsonl (specs/tally.md §6).
struct TrackerEntry {
  std::string ballot_hash;  // base64url of 32 bytes, as on a receipt
  std::string district;     // a district id of the config
  std::uint64_t row = 0;    // from 1
};

// Everything a site is made of, besides the config.
struct SiteSources {
  crypto::Bytes config_hash;  // of the signed config (config.json)
  ElectionResults results;    // results.json, of that config
  // The counts of the signed statements, by step: check (ballots, accepted,
  // rejected, rejected_<reason>), squash (voters, superseded), revoke
  // (paper_voters, revoked, counted), anonymize (ballots).
  std::map<std::string, std::map<std::string, std::uint64_t>> counts;
  std::vector<TrackerEntry> tracker;  // in any order
  // The record files the site lists (site_lists_file): path, role, size and
  // hash; in any order.
  std::vector<protocol::RecordFile> files;
};

// The site: record path ("site/index.html", …) → file bytes. Its paths are
//   site/index.html, site/en/index.html                 the election
//   site/district/<d>.html, site/en/district/<d>.html   each district d of the config
//   site/style.css, site/tracker.js                     always the same bytes
//   site/tracker-list.js                                the tracker list
// Throws protocol::FormatError when a count the pages show is missing
// ("check.statement.json: counts: no accepted") or a tracker line names a
// district the config does not have, and std::invalid_argument when the
// results are not of the config.
std::map<std::string, std::string> results_site(const protocol::ElectionConfig& config,
                                                const SiteSources& sources);

// Whether `path` is a file of the site (under site/).
bool is_site_path(std::string_view path);

// Whether the site's file list shows the record file at `path`: every file
// of the record but manifest.json, ceremony.json and the site's own files
// (they are made after the list: specs/results.md §4.2).
bool site_lists_file(std::string_view path);

}  // namespace evote::tally
