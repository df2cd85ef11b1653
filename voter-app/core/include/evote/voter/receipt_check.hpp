// What the app checks about the collector's answer to a ballot: the
// receipt (signed by the config's collector key, for this ballot) and its
// place in the log against the collector's signed log head
// (specs/collector-api.md §2.5, §2.7; specs/voter-app.md, "Receipt checks").
// The checks return a verdict naming the failed check; they never throw for
// a bad receipt or head (a bad answer is an expected outcome).
#pragma once

#include <cstdint>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/receipt.hpp"

namespace evote::voter {

// GET /v1/log/head: {"type":"log-head","version":1,"election_id",
// "sequence","head","time","signature"}.
struct LogHead {
  std::string election_id;
  std::uint64_t sequence = 0;  // 0: empty log
  crypto::Bytes head;          // 32 bytes
  std::int64_t time = 0;
};

// Parses the body and checks it is a log head of the config's election
// signed by the config's collector key. Throws VoterError(bad_answer) for a
// body that is not a log head, VoterError(receipt_invalid) for a signature
// or election that does not check.
LogHead parse_log_head(const protocol::ElectionConfig& config, crypto::BytesView body);

// The receipt of `signed_ballot_bytes`, in this order:
//  1. verify_receipt: this election, signed by the config's collector key;
//  2. its ballot_hash is protocol::ballot_hash(signed_ballot_bytes);
//  3. its vote id is 16 bytes and its log head 32 bytes;
//  4. its sequence is after `sequence_before` (the log head read before
//     sending: the ballot was appended after it);
//  5. `head_after` (read after the receipt) has sequence >= the receipt's,
//     and when equal the same head bytes as the receipt.
crypto::Verdict check_receipt(const protocol::ElectionConfig& config,
                              const protocol::Receipt& receipt,
                              crypto::BytesView signed_ballot_bytes, std::uint64_t sequence_before,
                              const LogHead& head_after);

}  // namespace evote::voter
