// The ballot log in PostgreSQL: accepted ballots appended with sequence
// numbers and the log chain of specs/formats-ballots.md §6.1, computed
// inside the transaction that holds the log_state row lock, so that any
// number of collector processes on one database make one gapless chain.
// Nothing is acknowledged before COMMIT has returned (synchronous_commit is
// set on for the connection).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "storage/pg.hpp"

namespace evote::collector {

struct NewBallot {
  crypto::Bytes vote_id;        // 16 random bytes (unique)
  std::int64_t time = 0;        // UTC seconds, when accepted
  std::string voter_id;         // the authenticated voter
  crypto::Bytes signed_ballot;  // canonical signed-ballot bytes (checked before)
  crypto::Bytes ocsp_response;  // DER, the signing certificate's status (may be empty in tests of
                                // the log alone)
};

struct LoggedEntry {
  std::uint64_t sequence = 0;
  crypto::Bytes ballot_hash;
  crypto::Bytes log_head;  // after this entry
};

struct LogHead {
  std::uint64_t sequence = 0;  // 0 for an empty log
  crypto::Bytes head;          // head_sequence
};

// Prepares the connection for the log (synchronous_commit on).
void prepare_log_connection(pg::Connection& connection);

// Appends the ballots, in order, in one transaction (one durable commit for
// the batch). A ballot whose vote_id is already in the log (a retry after a
// lost connection whose commit did go through) is not appended again: its
// existing entry is returned. Throws pg::Error.
std::vector<LoggedEntry> append_ballots(pg::Connection& connection,
                                        const std::vector<NewBallot>& ballots);

LogHead current_log_head(pg::Connection& connection);

// Every entry in sequence order, fetched in chunks (a cursor), with its OCSP
// response: what the export writes.
struct StoredBallot {
  protocol::BallotBoxEntry entry;
  crypto::Bytes ballot_hash;
  crypto::Bytes log_head;
  crypto::Bytes ocsp_response;
};
void for_each_ballot(pg::Connection& connection,
                     const std::function<void(const StoredBallot&)>& visit);

}  // namespace evote::collector
