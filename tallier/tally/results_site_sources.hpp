// The results site's sources read from files, and the site written to a
// folder (specs/results.md §4.1–§4.2). evote-tally publish reads them from
// the tally folder; evote-verify from the record (its statements it has
// read already).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/election_record.hpp"
#include "results_site.hpp"
#include "step_statement.hpp"
#include "tally_context.hpp"

namespace evote::tally {

// tracker.jsonl read line by line: JSON Lines (specs/tally.md §2.2) of
// exactly {"ballot_hash": base64url of 32 bytes, "district": string,
// "row": integer ≥ 1}. Throws protocol::FormatError naming `what` and the
// line. (Order and rows against the batches: evote-verify's tracker check.)
std::vector<TrackerEntry> read_tracker_list(const std::filesystem::path& path,
                                            const std::string& what);

// The counts of the statements, by step.
std::map<std::string, std::map<std::string, std::uint64_t>> statement_counts(
    const std::map<std::string, StepStatement>& statements);

// What publish builds the site from: the five statements of the tally
// folder (check … count, each signed by the tally key and naming the one
// before it), tracker.jsonl (the file the anonymize statement lists), the
// results, and `files` (the record files the site lists). Throws
// protocol::FormatError naming the file.
SiteSources read_site_sources(const TallyContext& context, ElectionResults results,
                              std::vector<protocol::RecordFile> files);

// Writes the site (results_site) into `folder`/site/ whole: every file into
// a new temporary folder beside it, renamed into place at the end. An
// existing site/ is refused ("<folder>/site: already exists") unless `mode`
// replaces it; then it is replaced whole (no file of the old site is left).
void write_site(const std::filesystem::path& folder, const std::map<std::string, std::string>& site,
                protocol::WriteMode mode);

}  // namespace evote::tally
