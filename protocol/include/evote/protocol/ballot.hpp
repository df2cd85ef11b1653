// The ballot: one voter's encrypted choices for every contest of the
// voter's district, each ciphertext with a proof bound to the election, the
// contest, the voter and its position (specs/formats.md, "Ballot").
//
// A contest with max_selections k is a row of exactly k ciphertexts:
//   single choice: 1 ciphertext, the chosen code (or blank);
//   approval:      k ciphertexts, the approved codes, then blanks;
//   ranked:        k ciphertexts in rank order, unused ranks blank.
// The blank code kBlankCode (1, election_config.hpp) fills unused slots;
// choice codes start at 2.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/scalar.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::protocol {

inline constexpr std::string_view kBallotType = "ballot";
inline constexpr std::uint64_t kBallotVersion = 1;

struct BallotContest {
  std::string contest_id;
  std::vector<crypto::Bytes> ciphertexts;  // crypto::encode(Ciphertext), one per slot
  std::vector<crypto::Bytes> proofs;       // crypto::encode(BallotProof), same order
};

struct Ballot {
  std::string election_id;
  std::string voter_id;                 // personal code, e.g. "38001085718"
  std::vector<BallotContest> contests;  // the district's contests, in config order
};

// The contests on the ballot of `district`: those with at least one choice
// for it, in the config's order.
std::vector<const Contest*> contests_for_district(const ElectionConfig& config,
                                                  std::string_view district);

// Contest id -> chosen codes (ranked: in rank order). Single choice: at most
// one code; approval and ranked: at most max_selections distinct codes. A
// contest of the district that is absent is left blank.
using Selections = std::map<std::string, std::vector<std::uint64_t>, std::less<>>;

struct MadeBallot {
  Ballot ballot;
  // randomness[i][j] made ballot.contests[i].ciphertexts[j]. Secret: it only
  // goes to the voter's second device (the verification QR code).
  std::vector<std::vector<crypto::Scalar>> randomness;
};

// Encrypts and proves every slot. Throws std::invalid_argument for a
// selection the config does not allow (named), and when the config has no
// election public key.
MadeBallot make_ballot(const ElectionConfig& config, const std::string& voter_id,
                       std::string_view district, const Selections& selections);

// The plaintext codes of the row make_ballot encrypts for `contest`.
std::vector<std::uint64_t> ballot_row_codes(const ElectionConfig& config, const Contest& contest,
                                            std::string_view district,
                                            const std::vector<std::uint64_t>& selected);

Json to_json(const Ballot& ballot);
// Structure only (group elements are checked by check_ballot). FormatError
// names the field: "ballot: contests[1].proofs: 2 proofs for 3 ciphertexts".
Ballot ballot_from_json(const Json& document, const std::string& what = "ballot");
crypto::Bytes encode_ballot(const Ballot& ballot);
// Strict: the bytes must be the canonical encoding.
Ballot decode_ballot(crypto::BytesView bytes, const std::string& what = "ballot");

// Every rule a collector and the tally apply to a ballot, in order; the
// reason names the failed one: election id, voter id, district known,
// contests exactly those of the district (none unknown, foreign, repeated or
// missing; config order), row widths, every element and proof decodes in the
// config's group (membership checked), every proof verifies.
crypto::Verdict check_ballot(const ElectionConfig& config, const Ballot& ballot,
                             std::string_view voter_id, std::string_view district);

}  // namespace evote::protocol
