// The receipt the collector returns for an accepted ballot, signed with the
// collector's Ed25519 key (signed_document.hpp; specs/formats.md, "Receipt").
// It names the ballot by its hash and the log head after appending it, so a
// voter holding it can show that a dropped or altered ballot was accepted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::protocol {

inline constexpr std::string_view kReceiptType = "receipt";
inline constexpr std::uint64_t kReceiptVersion = 1;
inline constexpr std::size_t kVoteIdBytes = 16;

struct Receipt {
  std::string election_id;
  crypto::Bytes vote_id;       // 16 random bytes
  std::int64_t time = 0;       // UTC seconds when the collector accepted the ballot
  std::uint64_t sequence = 0;  // position in the ballot box log, from 1
  crypto::Bytes ballot_hash;   // 32 bytes, signed_ballot.hpp ballot_hash()
  crypto::Bytes log_head;      // 32 bytes, ballot_box.hpp, after this entry
  // Filled by sign_receipt or decode_receipt.
  crypto::Ed25519PublicKey signer;
  crypto::Bytes signature;  // 64 bytes; empty while unsigned
};

// Checks the field sizes (std::invalid_argument) and signs.
void sign_receipt(Receipt& receipt, const crypto::Ed25519SigningKey& collector_key);

// With the "signature" member when signed.
Json to_json(const Receipt& receipt);
Receipt receipt_from_json(const Json& document, const std::string& what = "receipt");
crypto::Bytes encode_receipt(const Receipt& receipt);  // must be signed
Receipt decode_receipt(crypto::BytesView bytes, const std::string& what = "receipt");

// For this election and signed by the config's collector key.
crypto::Verdict verify_receipt(const ElectionConfig& config, const Receipt& receipt);

}  // namespace evote::protocol
