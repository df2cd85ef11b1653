// The signed ballot: the exact canonical ballot bytes, the voter's ID-card
// signature over them, and the signer's certificate chain
// (specs/formats.md, "Signed ballot"; signatures: specs/crypto.md §9).
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::protocol {

inline constexpr std::string_view kSignedBallotType = "signed-ballot";
inline constexpr std::uint64_t kSignedBallotVersion = 1;
// ballot_hash = xof(kBallotHashTag, signed-ballot canonical bytes, 32).
inline constexpr std::string_view kBallotHashTag = "evote/ballot-hash/v1";
// The subject serialNumber of a voter's certificate is this prefix + voter id.
inline constexpr std::string_view kVoterSerialPrefix = "PNOEE-";
inline constexpr std::size_t kMaxIntermediates = 8;

struct SignedBallot {
  crypto::Bytes ballot_bytes;                // the canonical ballot bytes, exactly as signed
  Ballot ballot;                             // decode_ballot(ballot_bytes)
  crypto::Bytes signature;                   // raw card signature over ballot_bytes
  crypto::Bytes certificate;                 // signer certificate, DER
  std::vector<crypto::Bytes> intermediates;  // DER, at most kMaxIntermediates
};

// Decodes ballot_bytes (FormatError if they are not a canonical ballot).
SignedBallot make_signed_ballot(crypto::Bytes ballot_bytes, crypto::Bytes signature,
                                crypto::Bytes certificate,
                                std::vector<crypto::Bytes> intermediates);

Json to_json(const SignedBallot& signed_ballot);
SignedBallot signed_ballot_from_json(const Json& document,
                                     const std::string& what = "signed ballot");
crypto::Bytes encode_signed_ballot(const SignedBallot& signed_ballot);
// Strict: canonical bytes, and the inner ballot canonical too.
SignedBallot decode_signed_ballot(crypto::BytesView bytes,
                                  const std::string& what = "signed ballot");

// xof("evote/ballot-hash/v1", signed_ballot_bytes, 32): names a ballot in
// receipts and in the ballot box log.
crypto::Bytes ballot_hash(crypto::BytesView signed_ballot_bytes);

// The ballot is for this election, the signature verifies at `at_time`
// (chain to `cas`, nonRepudiation key usage), and the certificate's
// serialNumber is "PNOEE-" + the ballot's voter_id. The content rules are
// check_ballot's.
crypto::Verdict check_signed_ballot(const ElectionConfig& config, const SignedBallot& signed_ballot,
                                    std::time_t at_time, const crypto::TrustedCas& cas);

}  // namespace evote::protocol
