// Which files of a tally folder are public, and the role each has in the
// election record (specs/record.md §1). The record assembler and
// evote-verify share this one table, so that what is published and what is
// checked cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace evote::tally {

inline constexpr std::string_view kRecordConfig = "config.json";
inline constexpr std::string_view kRecordCeremony = "ceremony.json";

// The role of the file at record path `path`, or nullopt when no public
// file of the record has such a path (private tally files such as
// accepted.jsonl, temporary files, anything else).
//   config.json                          config
//   ceremony.json                        key-ceremony
//   <step>.statement.json                statement     (check squash revoke anonymize count)
//   tracker.jsonl                        tracker-list
//   batches/<c>/<d>/input.ctxt           mix-input
//   batches/<c>/<d>/stage-<k>.ctxt       mix-output     (.proof mix-proof, .sig mix-signature)
//   batches/<c>/<d>/partial-<j>.pdec     partial-decryption
//   batches/<c>/<d>/plaintexts.txt       plaintexts
//   results.json / results.csv           results / results-csv
//   charts/<c>.png                       chart
//   site/index.html, site/en/index.html  results-site  (the results web site; also
//   site/district/<d>.html, site/en/district/<d>.html, site/style.css, site/tracker.js,
//   site/tracker-list.js)
// <c>, <d> are identifiers; <k>, <j> decimal numbers from 1 without leading zeros.
std::optional<std::string> record_role(std::string_view path);

}  // namespace evote::tally
