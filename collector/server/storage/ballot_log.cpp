#include "storage/ballot_log.hpp"

#include <algorithm>
#include <limits>

#include "evote/protocol/signed_ballot.hpp"

namespace evote::collector {

namespace {

std::int64_t as_int(std::uint64_t value) { return static_cast<std::int64_t>(value); }

// The entries of these vote ids already in the log (a retried batch).
std::vector<std::optional<LoggedEntry>> existing_entries(pg::Connection& connection,
                                                         const std::vector<NewBallot>& ballots) {
  std::vector<std::optional<LoggedEntry>> out(ballots.size());
  for (std::size_t k = 0; k < ballots.size(); ++k) {
    const pg::Result r = connection.exec_prepared(
        "log_find_vote",
        "SELECT sequence, ballot_hash, log_head, received FROM ballots WHERE vote_id = $1",
        {pg::Param::bytes(ballots[k].vote_id)});
    if (r.rows() == 1)
      out[k] = LoggedEntry{static_cast<std::uint64_t>(r.integer(0, 0)), r.bytes(0, 1),
                           r.bytes(0, 2), r.integer(0, 3), std::nullopt};
  }
  return out;
}

// The voter list in force while log_state is locked: no change set can
// commit before this transaction ends (apply_voter_list locks log_state).
struct ListInForce {
  std::uint64_t version = 0;
  std::int64_t applied = std::numeric_limits<std::int64_t>::min();  // none before version 1
};

ListInForce list_in_force(pg::Connection& connection) {
  const pg::Result r = connection.exec_prepared(
      "log_list_in_force",
      "SELECT s.version, c.applied FROM voter_list_state s "
      "LEFT JOIN voter_list_changes c ON c.sequence = s.version WHERE s.id = 1",
      {});
  if (r.rows() != 1)
    throw pg::Error("database: voter_list_state has no row (schema not migrated?)", "");
  ListInForce out;
  out.version = static_cast<std::uint64_t>(r.integer(0, 0));
  if (!r.is_null(0, 1)) out.applied = r.integer(0, 1);
  return out;
}

// Why a ballot checked against an older version may not be logged under
// `list`: the voter is not on it, or in another district; nullopt if the
// check still holds (it depends only on eligibility and district).
std::optional<std::string> recheck_voter(pg::Connection& connection, const NewBallot& ballot,
                                         const ListInForce& list) {
  const pg::Result r = connection.exec_prepared(
      "log_recheck_voter", "SELECT district FROM voters WHERE personal_code = $1",
      {pg::Param(ballot.voter_id)});
  const std::string changed = "voter list version " + std::to_string(list.version) +
                              " came into force while the ballot was being checked";
  if (r.rows() != 1) return "not on the voter list (" + changed + ")";
  if (r.text(0, 0) != ballot.district)
    return "moved to district " + r.text(0, 0) + " (" + changed +
           "); a ballot of that district's contests is needed";
  return std::nullopt;
}

}  // namespace

void prepare_log_connection(pg::Connection& connection) {
  connection.exec("SET synchronous_commit = on");
}

std::vector<LoggedEntry> append_ballots(pg::Connection& connection,
                                        const std::vector<NewBallot>& ballots, bool require_open) {
  std::vector<LoggedEntry> out;
  if (ballots.empty()) return out;
  pg::Transaction transaction(connection);
  if (require_open) {
    const pg::Result voting = connection.exec_prepared(
        "log_voting", "SELECT state FROM election_state WHERE id = 1 FOR SHARE", {});
    const std::string state = voting.rows() == 1 ? voting.text(0, 0) : "";
    if (state != "open")
      throw VotingNotOpen(state == "closed" ? "voting has closed" : "voting has not opened",
                          state == "closed");
  }
  const pg::Result state = connection.exec_prepared(
      "log_lock", "SELECT sequence, head, latest_time FROM log_state WHERE id = 1 FOR UPDATE", {});
  if (state.rows() != 1)
    throw pg::Error("database: log_state has no row (schema not migrated?)", "");
  std::uint64_t sequence = static_cast<std::uint64_t>(state.integer(0, 0));
  crypto::Bytes head = state.bytes(0, 1);
  std::int64_t latest_time = state.integer(0, 2);
  const ListInForce list = list_in_force(connection);
  const std::vector<std::optional<LoggedEntry>> existing = existing_entries(connection, ballots);
  for (std::size_t k = 0; k < ballots.size(); ++k) {
    if (existing[k]) {
      out.push_back(*existing[k]);
      continue;
    }
    const NewBallot& b = ballots[k];
    if (b.voter_list_version != list.version) {
      std::optional<std::string> refused = recheck_voter(connection, b, list);
      if (refused) {
        out.push_back({0, {}, {}, 0, std::move(refused)});
        continue;
      }
    }
    const std::int64_t time = std::max(b.time, list.applied);
    latest_time = std::max(latest_time, time);
    ++sequence;
    const crypto::Bytes ballot_hash = protocol::ballot_hash(b.signed_ballot);
    head = protocol::next_log_head(head, sequence, b.vote_id, time, b.voter_id, ballot_hash);
    connection.exec_prepared(
        "log_insert",
        "INSERT INTO ballots (sequence, vote_id, received, voter_id, signed_ballot, ballot_hash, "
        "log_head, "
        "ocsp_response) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {pg::Param(as_int(sequence)), pg::Param::bytes(b.vote_id), pg::Param(time),
         pg::Param(b.voter_id), pg::Param::bytes(b.signed_ballot), pg::Param::bytes(ballot_hash),
         pg::Param::bytes(head),
         b.ocsp_response.empty() ? pg::Param(std::nullopt) : pg::Param::bytes(b.ocsp_response)});
    out.push_back({sequence, ballot_hash, head, time, std::nullopt});
  }
  connection.exec_prepared(
      "log_update", "UPDATE log_state SET sequence = $1, head = $2, latest_time = $3 WHERE id = 1",
      {pg::Param(as_int(sequence)), pg::Param::bytes(head), pg::Param(latest_time)});
  transaction.commit();
  return out;
}

LogHead current_log_head(pg::Connection& connection) {
  const pg::Result r =
      connection.exec_prepared("log_head", "SELECT sequence, head FROM log_state WHERE id = 1", {});
  if (r.rows() != 1) throw pg::Error("database: log_state has no row (schema not migrated?)", "");
  return {static_cast<std::uint64_t>(r.integer(0, 0)), r.bytes(0, 1)};
}

void for_each_ballot(pg::Connection& connection,
                     const std::function<void(const StoredBallot&)>& visit) {
  BallotCursor cursor(connection);
  for (std::vector<StoredBallot> batch = cursor.next(); !batch.empty(); batch = cursor.next())
    for (const StoredBallot& s : batch) visit(s);
  cursor.finish();
}

BallotCursor::BallotCursor(pg::Connection& connection, int batch)
    : connection_(connection), batch_(batch) {
  transaction_ = std::make_unique<pg::Transaction>(
      connection_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  connection_.exec(
      "DECLARE export_cursor NO SCROLL CURSOR FOR SELECT sequence, vote_id, received, voter_id, "
      "signed_ballot, ballot_hash, log_head, ocsp_response FROM ballots ORDER BY sequence");
}

BallotCursor::~BallotCursor() = default;

std::vector<StoredBallot> BallotCursor::next() {
  std::vector<StoredBallot> out;
  const pg::Result r = connection_.exec("FETCH " + std::to_string(batch_) + " FROM export_cursor");
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    StoredBallot s;
    s.entry.sequence = static_cast<std::uint64_t>(r.integer(i, 0));
    s.entry.vote_id = r.bytes(i, 1);
    s.entry.time = r.integer(i, 2);
    s.entry.voter_id = r.text(i, 3);
    s.entry.signed_ballot = r.bytes(i, 4);
    s.ballot_hash = r.bytes(i, 5);
    s.log_head = r.bytes(i, 6);
    if (!r.is_null(i, 7)) s.ocsp_response = s.entry.ocsp_response = r.bytes(i, 7);
    out.push_back(std::move(s));
  }
  return out;
}

void BallotCursor::finish() {
  transaction_->commit();
  transaction_.reset();
}

}  // namespace evote::collector
