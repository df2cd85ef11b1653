// The ballot log in PostgreSQL: accepted ballots appended with sequence
// numbers and the log chain of specs/formats-ballots.md §6.1, computed
// inside the transaction that holds the log_state row lock, so that any
// number of collector processes on one database make one gapless chain.
// Nothing is acknowledged before COMMIT has returned (synchronous_commit is
// set on for the connection).
//
// The same lock orders ballots and voter list changes (voter_list.hpp): no
// change set comes into force while an append runs, so a ballot is logged
// with a time at which the version it was checked against is in force
// (formats-ballots.md §6.2).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
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
  // The voter list version the voter's eligibility and district were
  // checked against, and that district (0 and "" while no list is loaded).
  std::uint64_t voter_list_version = 0;
  std::string district;
};

struct LoggedEntry {
  std::uint64_t sequence = 0;
  crypto::Bytes ballot_hash;
  crypto::Bytes log_head;  // after this entry
  std::int64_t time = 0;   // as logged: the ballot's time, or later (append_ballots)
  // Set when the ballot was not appended (the other fields are then empty):
  // why the voter is not eligible in the version in force.
  std::optional<std::string> not_eligible;
};

struct LogHead {
  std::uint64_t sequence = 0;  // 0 for an empty log
  crypto::Bytes head;          // head_sequence
};

// Prepares the connection for the log (synchronous_commit on).
void prepare_log_connection(pg::Connection& connection);

// Voting is not open (append_ballots with require_open): nothing appended.
class VotingNotOpen : public std::runtime_error {
 public:
  VotingNotOpen(const std::string& message, bool closed)
      : std::runtime_error(message), closed_(closed) {}
  bool closed() const { return closed_; }  // closed, or not yet opened

 private:
  bool closed_;
};

// The voter of a ballot is not eligible in the voter list version in force
// when it was to be logged (a change set came into force after the check).
class NotEligible : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Appends the ballots, in order, in one transaction (one durable commit for
// the batch). A ballot whose vote_id is already in the log (a retry after a
// lost connection whose commit did go through) is not appended again: its
// existing entry is returned.
// The voter list version in force is read with log_state locked. A ballot
// checked against another version is re-checked against it: a voter no
// longer on the list, or in another district, is not appended (its entry
// says why in `not_eligible`). Each ballot is logged at its time, or at the
// version's `applied` time if that is later (the check raced with the
// change set's commit). With `require_open` the transaction first
// takes the election_state row FOR SHARE and throws VotingNotOpen unless
// voting is open, so no ballot commits after the organizer's close has
// committed (close takes the row FOR UPDATE). Throws pg::Error.
std::vector<LoggedEntry> append_ballots(pg::Connection& connection,
                                        const std::vector<NewBallot>& ballots,
                                        bool require_open = false);

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

// The same, pulled a batch at a time (the streamed export): a REPEATABLE
// READ, READ ONLY transaction with a cursor, so the entries are one
// consistent snapshot of the log however long the reading takes. The
// connection is used only by this cursor until finish() or destruction.
class BallotCursor {
 public:
  explicit BallotCursor(pg::Connection& connection, int batch = 1000);
  ~BallotCursor();  // rolls back if unfinished
  BallotCursor(const BallotCursor&) = delete;
  BallotCursor& operator=(const BallotCursor&) = delete;
  // The next entries in sequence order; empty at the end.
  std::vector<StoredBallot> next();
  void finish();  // ends the transaction

 private:
  pg::Connection& connection_;
  int batch_;
  std::unique_ptr<pg::Transaction> transaction_;
};

}  // namespace evote::collector
