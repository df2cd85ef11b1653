// Accesses to stored ballots (schema 003_ballot_accesses.sql): vote
// verifications, limited in number and time and each recorded, and exports
// of the ballot box; and the voter's own record built from them
// (specs/collector-api.md §2.6, §2.8). Times are UTC seconds given by the
// caller. Each function uses the connection given (one thread at a time)
// and throws pg::Error for the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "storage/pg.hpp"

namespace evote::collector {

// A ballot as stored in the log: enough to re-create its receipt.
struct VerifiedBallot {
  std::uint64_t sequence = 0;
  crypto::Bytes vote_id;
  std::int64_t received = 0;    // the receipt's time
  crypto::Bytes signed_ballot;  // canonical signed-ballot bytes
  crypto::Bytes ballot_hash;
  crypto::Bytes log_head;  // after this entry
};

// One vote verification, in one transaction with the ballot's row locked
// (SELECT ... FOR UPDATE), so that concurrent requests, from any number of
// collector processes, are counted one after another: the ballot with this
// vote id is returned, and the access recorded at `now`, only if it exists,
// `now` is before its time + `minutes` * 60, and fewer than `count`
// verifications of it were recorded before. Otherwise nothing is recorded
// and nothing returned: the caller cannot tell unknown, expired and used-up
// ids apart. Every outcome runs the same two statements (the lock, then the
// count) before deciding, so that a refusal costs the same whichever its
// cause.
std::optional<VerifiedBallot> verify_ballot(pg::Connection& connection,
                                            const crypto::Bytes& vote_id, std::int64_t now,
                                            std::uint32_t count, std::uint32_t minutes);

// Records a completed export of the ballot box holding the ballots with
// sequence 1..last_sequence; returns its id (from 1, increasing). The admin
// API's export calls it once the export has been streamed out completely,
// so that every voter whose ballots it held sees the access in their
// record. `requested_by` names who asked ("organizer").
std::uint64_t record_export(pg::Connection& connection, std::int64_t time,
                            std::uint64_t last_sequence,
                            const std::string& requested_by = "organizer");

// What the collector holds about one voter's ballots and who accessed them.
struct VoterRecord {
  struct Ballot {
    std::uint64_t sequence = 0;
    crypto::Bytes vote_id;
    std::int64_t received = 0;
  };
  struct Verification {
    std::int64_t time = 0;
    std::uint64_t sequence = 0;  // of the ballot verified
    crypto::Bytes vote_id;
  };
  struct Export {
    std::uint64_t id = 0;
    std::int64_t time = 0;
    std::string requested_by;
    std::uint64_t last_sequence = 0;
    std::vector<std::uint64_t> sequences;  // this voter's ballots it held, ascending
  };
  std::vector<Ballot> ballots;              // ascending sequence
  std::vector<Verification> verifications;  // ascending time, then sequence
  std::vector<Export> exports;              // ascending id; only those that held one of the ballots
};

// The voter's ballots and the accesses to them, read in one snapshot
// (REPEATABLE READ, read only), so that every access refers to a listed
// ballot.
VoterRecord voter_record(pg::Connection& connection, const std::string& voter_id);

}  // namespace evote::collector
