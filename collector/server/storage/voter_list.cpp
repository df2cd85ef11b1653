#include "storage/voter_list.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_registry.hpp"

namespace evote::collector {

namespace {

protocol::ChangeSetHash to_hash(const crypto::Bytes& bytes) {
  protocol::ChangeSetHash h{};
  if (bytes.size() != h.size())
    throw std::runtime_error("database: a voter list hash is not 32 bytes");
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

VoterListState read_state(pg::Connection& connection, bool lock) {
  const pg::Result r =
      lock ? connection.exec_prepared(
                 "voters_lock",
                 "SELECT version, head FROM voter_list_state WHERE id = 1 FOR UPDATE", {})
           : connection.exec_prepared(
                 "voters_state", "SELECT version, head FROM voter_list_state WHERE id = 1", {});
  if (r.rows() != 1)
    throw pg::Error("database: voter_list_state has no row (schema not migrated?)", "");
  return {static_cast<std::uint64_t>(r.integer(0, 0)), to_hash(r.bytes(0, 1))};
}

// The registry of the stored version, rebuilt from the stored change sets
// (one at a time, in sequence order) and checked against the stored state.
protocol::VoterRegistry rebuild(pg::Connection& connection, const protocol::ElectionConfig& config,
                                const VoterListState& state) {
  protocol::VoterRegistry registry(config);
  for (std::uint64_t sequence = 1; sequence <= state.version; ++sequence) {
    const pg::Result r = connection.exec_prepared(
        "voters_stored", "SELECT change_set FROM voter_list_changes WHERE sequence = $1",
        {pg::Param(static_cast<std::int64_t>(sequence))});
    const std::string what = "database: stored voter list change set " + std::to_string(sequence);
    if (r.rows() != 1) throw std::runtime_error(what + ": missing");
    try {
      registry.apply(protocol::parse_voter_list_changes(r.bytes(0, 0), what));
    } catch (const protocol::FormatError& e) {
      throw std::runtime_error(std::string("the stored voter list no longer checks: ") + e.what());
    }
  }
  if (registry.version() != state.version || registry.head() != state.head)
    throw std::runtime_error("database: voter_list_state does not match the stored change sets");
  return registry;
}

// Rows go to the database in batches (arrays unnested by the server), not a
// statement per voter: a first change set holds every voter of the country.
constexpr std::size_t kBatch = 5000;

// A PostgreSQL array literal of texts: {"a","b\"c"} for a and b"c.
std::string text_array(const std::vector<std::string_view>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (const char ch : items[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

// The changes, all removes and then all adds: within a change set a code is
// removed at most once and added at most once, a remove before its add
// (protocol::find_change_order_violation), so this gives the same list as
// applying them one by one.
void write_changes(pg::Connection& connection, const protocol::VoterChangeList& list,
                   std::int64_t sequence) {
  std::vector<std::string> codes;
  std::vector<std::string_view> code_views, districts, names;
  const auto flush_removes = [&] {
    if (codes.empty()) return;
    code_views.assign(codes.begin(), codes.end());
    connection.exec_prepared("voters_remove",
                             "DELETE FROM voters WHERE personal_code = ANY($1::text[])",
                             {pg::Param(text_array(code_views))});
    codes.clear();
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    const protocol::VoterChange c = list[i];
    if (c.action != protocol::VoterAction::remove) continue;
    codes.push_back(c.code.str());
    if (codes.size() == kBatch) flush_removes();
  }
  flush_removes();
  const auto flush_adds = [&] {
    if (codes.empty()) return;
    code_views.assign(codes.begin(), codes.end());
    connection.exec_prepared(
        "voters_add",
        "INSERT INTO voters (personal_code, district, name, added_by) SELECT c, d, n, $4 "
        "FROM unnest($1::text[], $2::text[], $3::text[]) AS t (c, d, n)",
        {pg::Param(text_array(code_views)), pg::Param(text_array(districts)),
         pg::Param(text_array(names)), pg::Param(sequence)});
    codes.clear();
    districts.clear();
    names.clear();
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    const protocol::VoterChange c = list[i];
    if (c.action != protocol::VoterAction::add) continue;
    codes.push_back(c.code.str());
    districts.push_back(c.district);
    names.push_back(c.name);
    if (codes.size() == kBatch) flush_adds();
  }
  flush_adds();
}

// When the version being applied comes into force (voter_list.hpp): taken
// with log_state locked, which the caller keeps until it commits.
std::int64_t in_force_from(pg::Connection& connection, const VoterListState& before,
                           std::int64_t now) {
  const pg::Result log = connection.exec_prepared(
      "voters_lock_log", "SELECT latest_time FROM log_state WHERE id = 1 FOR UPDATE", {});
  if (log.rows() != 1) throw pg::Error("database: log_state has no row (schema not migrated?)", "");
  std::int64_t applied = std::max(now, log.integer(0, 0) + 1);
  if (before.version > 0) {
    const pg::Result previous = connection.exec_prepared(
        "voters_previous_applied", "SELECT applied FROM voter_list_changes WHERE sequence = $1",
        {pg::Param(static_cast<std::int64_t>(before.version))});
    if (previous.rows() == 1) applied = std::max(applied, previous.integer(0, 0));
  }
  return applied;
}

}  // namespace

VoterListState voter_list_state(pg::Connection& connection) {
  return read_state(connection, false);
}

VoterListState apply_voter_list(pg::Connection& connection, const protocol::ElectionConfig& config,
                                const protocol::VoterListChanges& changes, std::int64_t now) {
  pg::Transaction transaction(connection);
  const VoterListState before = read_state(connection, true);
  protocol::VoterRegistry registry = rebuild(connection, config, before);
  registry.apply(changes);  // every check; protocol::FormatError leaves the database unchanged
  const VoterListState after{registry.version(), registry.head()};
  const std::string bytes = protocol::canonical_string(changes);
  // `applied` is `now` until it is fixed below (the voters rows refer to this row).
  connection.exec_prepared(
      "voters_store_changes",
      "INSERT INTO voter_list_changes (sequence, change_set, change_set_hash, applied) "
      "VALUES ($1, $2, $3, $4)",
      {pg::Param(static_cast<std::int64_t>(after.version)),
       pg::Param::bytes(crypto::as_bytes(bytes)), pg::Param::bytes(after.head), pg::Param(now)});
  const auto sequence = static_cast<std::int64_t>(after.version);
  write_changes(connection, changes.changes, sequence);
  // Last, so that ballots are held back only for the end of the transaction.
  connection.exec_prepared(
      "voters_set_applied", "UPDATE voter_list_changes SET applied = $2 WHERE sequence = $1",
      {pg::Param(sequence), pg::Param(in_force_from(connection, before, now))});
  connection.exec_prepared("voters_update_state",
                           "UPDATE voter_list_state SET version = $1, head = $2 WHERE id = 1",
                           {pg::Param(sequence), pg::Param::bytes(after.head)});
  transaction.commit();
  return after;
}

std::optional<ListedVoter> find_voter(pg::Connection& connection, std::string_view personal_code) {
  const pg::Result r = connection.exec_prepared(
      "voters_find",
      "SELECT personal_code, name, district, added_by FROM voters WHERE personal_code = $1",
      {pg::Param(std::string(personal_code))});
  if (r.rows() != 1) return std::nullopt;
  return ListedVoter{r.text(0, 0), r.text(0, 1), r.text(0, 2),
                     static_cast<std::uint64_t>(r.integer(0, 3))};
}

VoterInForce find_voter_in_force(pg::Connection& connection, std::string_view personal_code) {
  const pg::Result r = connection.exec_prepared(
      "voters_find_in_force",
      "SELECT s.version, v.personal_code, v.name, v.district, v.added_by FROM voter_list_state s "
      "LEFT JOIN voters v ON v.personal_code = $1 WHERE s.id = 1",
      {pg::Param(std::string(personal_code))});
  if (r.rows() != 1)
    throw pg::Error("database: voter_list_state has no row (schema not migrated?)", "");
  VoterInForce out;
  out.version = static_cast<std::uint64_t>(r.integer(0, 0));
  if (!r.is_null(0, 1))
    out.voter = ListedVoter{r.text(0, 1), r.text(0, 2), r.text(0, 3),
                            static_cast<std::uint64_t>(r.integer(0, 4))};
  return out;
}

std::vector<protocol::VoterListVersion> voter_list_history(pg::Connection& connection) {
  const pg::Result r = connection.exec_prepared(
      "voters_history",
      "SELECT sequence, change_set_hash, applied FROM voter_list_changes ORDER BY sequence", {});
  std::vector<protocol::VoterListVersion> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({static_cast<std::uint64_t>(r.integer(i, 0)), r.bytes(i, 1), r.integer(i, 2)});
  return out;
}

}  // namespace evote::collector
