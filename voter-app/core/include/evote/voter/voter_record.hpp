// The voter's own record, GET /v1/me/record (specs/collector-api.md §2.8):
// their entry on the voter list, every ballot they cast (which one counts
// now) and every access to those ballots.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::voter {

struct RecordEligibility {
  bool eligible = false;
  std::uint64_t voter_list_version = 0;
  // Set only when eligible:
  std::optional<std::string> name;
  std::optional<std::string> district;
  std::optional<std::uint64_t> added_by;
};

struct RecordBallot {
  std::uint64_t sequence = 0;
  crypto::Bytes vote_id;  // 16 bytes
  std::int64_t time = 0;  // UTC seconds, as in the receipt
  bool counts_now = false;
};

enum class AccessKind { verification, export_ };

struct RecordAccess {
  std::int64_t time = 0;
  AccessKind kind = AccessKind::verification;
  // verification: the ballot verified
  std::uint64_t sequence = 0;
  crypto::Bytes vote_id;
  // export: the export, who asked, and which of the voter's ballots it held
  std::uint64_t export_id = 0;
  std::string requested_by;
  std::vector<std::uint64_t> sequences;
};

struct VoterRecord {
  RecordEligibility eligibility;
  std::vector<RecordBallot> ballots;   // ascending sequence
  std::vector<RecordAccess> accesses;  // ascending time
};

// Parses the body of GET /v1/me/record. Throws VoterError(bad_answer)
// naming the field ("GET /v1/me/record: ballots[1].vote_id: ...").
VoterRecord parse_voter_record(crypto::BytesView body);

}  // namespace evote::voter
