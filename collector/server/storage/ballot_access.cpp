#include "storage/ballot_access.hpp"

namespace evote::collector {

namespace {

std::uint64_t as_sequence(std::int64_t value) { return static_cast<std::uint64_t>(value); }

}  // namespace

std::optional<VerifiedBallot> verify_ballot(pg::Connection& connection,
                                            const crypto::Bytes& vote_id, std::int64_t now,
                                            std::uint32_t count, std::uint32_t minutes) {
  pg::Transaction transaction(connection);
  const pg::Result ballot = connection.exec_prepared(
      "verify_lock", "SELECT sequence, received FROM ballots WHERE vote_id = $1 FOR UPDATE",
      {pg::Param::bytes(vote_id)});
  const bool found = ballot.rows() == 1;
  const std::int64_t sequence = found ? ballot.integer(0, 0) : 0;  // 0: no ballot has it
  // A statement of its own, not a subquery of the lock: under READ COMMITTED
  // it reads a snapshot taken after the lock was granted, so it sees the
  // verification committed by the request that held the lock before.
  const pg::Result used = connection.exec_prepared(
      "verify_count", "SELECT count(*) FROM ballot_verifications WHERE sequence = $1",
      {pg::Param(sequence)});
  if (!found) return std::nullopt;  // rolled back
  const std::int64_t received = ballot.integer(0, 1);
  if (now >= received + static_cast<std::int64_t>(minutes) * 60) return std::nullopt;
  if (used.integer(0, 0) >= static_cast<std::int64_t>(count)) return std::nullopt;

  connection.exec_prepared("verify_record",
                           "INSERT INTO ballot_verifications (sequence, time) VALUES ($1, $2)",
                           {pg::Param(sequence), pg::Param(now)});
  const pg::Result stored = connection.exec_prepared(
      "verify_read", "SELECT signed_ballot, ballot_hash, log_head FROM ballots WHERE sequence = $1",
      {pg::Param(sequence)});
  transaction.commit();
  VerifiedBallot verified;
  verified.sequence = as_sequence(sequence);
  verified.vote_id = vote_id;
  verified.received = received;
  verified.signed_ballot = stored.bytes(0, 0);
  verified.ballot_hash = stored.bytes(0, 1);
  verified.log_head = stored.bytes(0, 2);
  return verified;
}

std::uint64_t record_export(pg::Connection& connection, std::int64_t time,
                            std::uint64_t last_sequence, const std::string& requested_by) {
  const pg::Result r = connection.exec_prepared(
      "export_record",
      "INSERT INTO ballot_exports (time, last_sequence, requested_by) VALUES ($1, $2, $3) "
      "RETURNING id",
      {pg::Param(time), pg::Param(last_sequence), pg::Param(requested_by)});
  return as_sequence(r.integer(0, 0));
}

VoterRecord voter_record(pg::Connection& connection, const std::string& voter_id) {
  VoterRecord record;
  pg::Transaction transaction(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const pg::Result ballots = connection.exec_prepared(
      "record_ballots",
      "SELECT sequence, vote_id, received FROM ballots WHERE voter_id = $1 ORDER BY sequence",
      {pg::Param(voter_id)});
  for (int i = 0; i < ballots.rows(); ++i)
    record.ballots.push_back(
        {as_sequence(ballots.integer(i, 0)), ballots.bytes(i, 1), ballots.integer(i, 2)});
  if (record.ballots.empty()) {
    transaction.commit();
    return record;  // nothing to access
  }

  const pg::Result verifications = connection.exec_prepared(
      "record_verifications",
      "SELECT v.time, v.sequence, b.vote_id FROM ballot_verifications v JOIN ballots b ON "
      "b.sequence = v.sequence WHERE b.voter_id = $1 ORDER BY v.time, v.sequence, v.id",
      {pg::Param(voter_id)});
  for (int i = 0; i < verifications.rows(); ++i)
    record.verifications.push_back({verifications.integer(i, 0),
                                    as_sequence(verifications.integer(i, 1)),
                                    verifications.bytes(i, 2)});

  // An export held this voter's ballots up to its last_sequence: those from
  // their first ballot on are listed.
  const pg::Result exports = connection.exec_prepared(
      "record_exports",
      "SELECT id, time, requested_by, last_sequence FROM ballot_exports WHERE last_sequence >= $1 "
      "ORDER BY id",
      {pg::Param(record.ballots.front().sequence)});
  for (int i = 0; i < exports.rows(); ++i) {
    VoterRecord::Export e{as_sequence(exports.integer(i, 0)),
                          exports.integer(i, 1),
                          exports.text(i, 2),
                          as_sequence(exports.integer(i, 3)),
                          {}};
    for (const VoterRecord::Ballot& b : record.ballots)
      if (b.sequence <= e.last_sequence) e.sequences.push_back(b.sequence);
    record.exports.push_back(std::move(e));
  }
  transaction.commit();
  return record;
}

}  // namespace evote::collector
