// The tally's check of one ballot box entry (specs/tally.md §3, checks 3–7):
// voting period, eligibility in the voter list version in force at the
// entry's time, ballot content and proofs, the voter's signature and
// certificate chain, and the stored OCSP response. Pure and thread-safe:
// entries are checked in parallel; the checks across entries (vote ids and
// ballots unique) are cmd_check's.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "auth/ocsp.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/election_config.hpp"
#include "voter_list_history.hpp"

namespace evote::tally {

struct EntryCheckContext {
  const protocol::ElectionConfig& config;
  const crypto::TrustedCas& cas;
  const collector::auth::OcspTrust& ocsp_trust;
  const VoterListHistory& history;
  // From the authenticated trailer: when each voter list version came into force.
  const std::vector<protocol::VoterListVersion>& voter_lists;
  // Check certificate chains at this time instead of each entry's (test ID
  // cards whose certificates have expired since); never the OCSP response.
  std::optional<std::time_t> certificate_time;
};

struct EntryVerdict {
  std::string reason;    // "" when accepted; else a reason code of specs/tally.md §3
  std::string detail;    // what is wrong, for the report
  std::string district;  // the voter's district when eligible
  explicit operator bool() const { return reason.empty(); }
};

EntryVerdict check_entry(const EntryCheckContext& context, const protocol::LoggedBallot& entry);

}  // namespace evote::tally
