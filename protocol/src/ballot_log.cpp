// The ballot box log chain (ballot_box.hpp).
#include <stdexcept>

#include "evote/crypto/hash.hpp"
#include "evote/protocol/ballot_box.hpp"

namespace evote::protocol {

crypto::Bytes initial_log_head() { return crypto::Bytes(32, 0); }

crypto::Bytes next_log_head(crypto::BytesView previous, std::uint64_t sequence,
                            crypto::BytesView vote_id, std::int64_t time, std::string_view voter_id,
                            crypto::BytesView ballot_hash) {
  if (previous.size() != 32 || ballot_hash.size() != 32 || time < 0) {
    throw std::invalid_argument("ballot log: head and ballot hash are 32 bytes, time >= 0");
  }
  crypto::Bytes msg(previous.begin(), previous.end());
  crypto::append_be64(msg, sequence);
  crypto::append(msg, vote_id);
  crypto::append_be64(msg, static_cast<std::uint64_t>(time));
  // Length-prefixed: the voter id is the only variable-length field.
  crypto::append_be64(msg, voter_id.size());
  crypto::append(msg, crypto::as_bytes(voter_id));
  crypto::append(msg, ballot_hash);
  return crypto::xof(kBallotLogTag, msg, 32);
}

crypto::Bytes next_log_head(crypto::BytesView previous, const BallotBoxEntry& entry) {
  return next_log_head(previous, entry.sequence, entry.vote_id, entry.time, entry.voter_id,
                       ballot_hash(entry.signed_ballot));
}

}  // namespace evote::protocol
