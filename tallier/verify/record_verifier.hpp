// Every check evote-verify makes on an election record, in the order of
// specs/record.md §3, each reported as one PASS or FAIL line. Uses only
// what needs no secret: the readers and verifiers of protocol/, mix/io,
// evote-keys' ceremony check and combine, evote-tally's statement readers
// and its counting.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "check_report.hpp"

namespace evote::verify {

struct VerifyOptions {
  std::filesystem::path record;
  // --tracker: a ballot hash (base64url, from a receipt) to find.
  std::optional<std::string> tracker;
};

// Runs every check; returns the number of failed checks (0: the record
// verifies). Checks 1–3 (manifest, files, layout) stop the run when they
// fail: nothing after them could be trusted.
unsigned verify_record(const VerifyOptions& options, CheckReport& report);

}  // namespace evote::verify
