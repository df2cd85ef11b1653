#include "storage/election_state.hpp"

namespace evote::collector {

namespace {

VotingState parse_state(const std::string& text) {
  if (text == "open") return VotingState::open;
  if (text == "closed") return VotingState::closed;
  return VotingState::loaded;
}

constexpr const char* kSelect =
    "SELECT election_id, signed_config, config_hash, state, loaded, opened, closed "
    "FROM election_state WHERE id = 1";

std::optional<StoredElection> read_row(const pg::Result& r) {
  if (r.rows() == 0) return std::nullopt;
  StoredElection e;
  e.election_id = r.text(0, 0);
  e.signed_config = r.bytes(0, 1);
  e.config_hash = r.bytes(0, 2);
  e.state = parse_state(r.text(0, 3));
  e.loaded = r.integer(0, 4);
  if (!r.is_null(0, 5)) e.opened = r.integer(0, 5);
  if (!r.is_null(0, 6)) e.closed = r.integer(0, 6);
  return e;
}

StoredElection locked(pg::Connection& connection) {
  const std::optional<StoredElection> e =
      read_row(connection.exec(std::string(kSelect) + " FOR UPDATE"));
  if (!e) throw Refused("no election config is loaded");
  return *e;
}

}  // namespace

std::string_view to_string(VotingState state) {
  switch (state) {
    case VotingState::open:
      return "open";
    case VotingState::closed:
      return "closed";
    case VotingState::loaded:
      break;
  }
  return "loaded";
}

std::optional<StoredElection> stored_election(pg::Connection& connection) {
  return read_row(connection.exec_prepared("election_read", kSelect, {}));
}

StoredElection adopt_election(pg::Connection& connection, const std::string& election_id,
                              crypto::BytesView signed_config, crypto::BytesView config_hash,
                              std::int64_t now) {
  pg::Transaction transaction(connection);
  connection.exec(
      "INSERT INTO election_state (id, election_id, signed_config, config_hash, state, loaded) "
      "VALUES (1, $1, $2, $3, 'loaded', $4) ON CONFLICT (id) DO NOTHING",
      {pg::Param(election_id), pg::Param::bytes(signed_config), pg::Param::bytes(config_hash),
       pg::Param(now)});
  const StoredElection e = *read_row(connection.exec(kSelect));
  transaction.commit();
  if (e.election_id != election_id)
    throw Refused("the database holds election " + e.election_id + ", not " + election_id);
  return e;
}

StoredElection replace_config(pg::Connection& connection, const std::string& election_id,
                              crypto::BytesView signed_config, crypto::BytesView config_hash,
                              std::int64_t now) {
  pg::Transaction transaction(connection);
  const StoredElection before = locked(connection);
  if (before.election_id != election_id)
    throw Refused("the collector serves election " + before.election_id + ", not " + election_id);
  if (before.state != VotingState::loaded)
    throw Refused("voting has " +
                  std::string(before.state == VotingState::open ? "opened" : "closed") +
                  ": the config can no longer be changed");
  connection.exec(
      "UPDATE election_state SET signed_config = $1, config_hash = $2, loaded = $3 WHERE id = 1",
      {pg::Param::bytes(signed_config), pg::Param::bytes(config_hash), pg::Param(now)});
  const StoredElection after = *read_row(connection.exec(kSelect));
  transaction.commit();
  return after;
}

StoredElection open_voting(pg::Connection& connection, std::int64_t now) {
  pg::Transaction transaction(connection);
  const StoredElection before = locked(connection);
  if (before.state == VotingState::open) throw Refused("voting is already open");
  if (before.state == VotingState::closed) throw Refused("voting has closed; it cannot reopen");
  connection.exec("UPDATE election_state SET state = 'open', opened = $1 WHERE id = 1",
                  {pg::Param(now)});
  const StoredElection after = *read_row(connection.exec(kSelect));
  transaction.commit();
  return after;
}

StoredElection close_voting(pg::Connection& connection, std::int64_t now) {
  pg::Transaction transaction(connection);
  const StoredElection before = locked(connection);
  if (before.state == VotingState::loaded) throw Refused("voting has not opened");
  if (before.state == VotingState::closed) throw Refused("voting is already closed");
  connection.exec("UPDATE election_state SET state = 'closed', closed = $1 WHERE id = 1",
                  {pg::Param(now)});
  const StoredElection after = *read_row(connection.exec(kSelect));
  transaction.commit();
  return after;
}

bool record_admin_request(pg::Connection& connection, crypto::BytesView nonce,
                          std::string_view command, crypto::BytesView request, std::int64_t now) {
  const pg::Result r = connection.exec(
      "INSERT INTO admin_requests (nonce, received, command, request) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (nonce) DO NOTHING",
      {pg::Param::bytes(nonce), pg::Param(now), pg::Param(std::string(command)),
       pg::Param::bytes(request)});
  return r.affected() == 1;
}

void store_paper_votes(pg::Connection& connection, crypto::BytesView signed_list,
                       std::uint64_t voters, std::int64_t now) {
  connection.exec("INSERT INTO paper_vote_lists (loaded, voters, list) VALUES ($1, $2, $3)",
                  {pg::Param(now), pg::Param(voters), pg::Param::bytes(signed_list)});
}

std::optional<std::uint64_t> paper_voters(pg::Connection& connection) {
  const pg::Result r =
      connection.exec("SELECT voters FROM paper_vote_lists ORDER BY id DESC LIMIT 1");
  if (r.rows() == 0) return std::nullopt;
  return static_cast<std::uint64_t>(r.integer(0, 0));
}

}  // namespace evote::collector
