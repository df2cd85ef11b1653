// The election the collector serves, in PostgreSQL (table election_state):
// the organizer's signed config, shared by every collector process on the
// database, and whether voting is open; the organizer's admin requests
// (audit trail and replay memory) and paper-vote lists
// (specs/collector-api.md §3, specs/collector-admin.md).
// Each function uses the connection given (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "storage/pg.hpp"

namespace evote::collector {

enum class VotingState { loaded, open, closed };
std::string_view to_string(VotingState state);  // "loaded", "open", "closed"

struct StoredElection {
  std::string election_id;
  crypto::Bytes signed_config;  // canonical signed bytes
  crypto::Bytes config_hash;    // protocol::config_hash of them
  VotingState state = VotingState::loaded;
  std::int64_t loaded = 0;  // UTC seconds
  std::optional<std::int64_t> opened, closed;
};

// An organizer's command that the state does not allow, or a document that
// breaks a rule: the message says which (409 refused on the admin API).
class Refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What is stored, if a config was ever loaded.
std::optional<StoredElection> stored_election(pg::Connection& connection);

// At start: the database's election if it has one (a collector started with
// another election's config is refused: Refused "the database holds
// election X"), else `signed_config` is stored as loaded.
StoredElection adopt_election(pg::Connection& connection, const std::string& election_id,
                              crypto::BytesView signed_config, crypto::BytesView config_hash,
                              std::int64_t now);

// load-config: replaces the stored config of the same election while voting
// has not opened (Refused otherwise). The caller has checked the document.
StoredElection replace_config(pg::Connection& connection, const std::string& election_id,
                              crypto::BytesView signed_config, crypto::BytesView config_hash,
                              std::int64_t now);

// open (loaded -> open) and close (open -> closed; closed is final). close
// waits for appends in flight (they hold the row FOR SHARE) and no append
// commits after it. Refused for any other transition.
StoredElection open_voting(pg::Connection& connection, std::int64_t now);
StoredElection close_voting(pg::Connection& connection, std::int64_t now);

// Records an accepted admin request; false when its nonce was seen before
// (a replay: nothing is recorded).
bool record_admin_request(pg::Connection& connection, crypto::BytesView nonce,
                          std::string_view command, crypto::BytesView request, std::int64_t now);

// Stores a paper-vote list (the caller has checked it); the last is in force.
void store_paper_votes(pg::Connection& connection, crypto::BytesView signed_list,
                       std::uint64_t voters, std::int64_t now);
// The number of voters on the list in force; nullopt when none was loaded.
std::optional<std::uint64_t> paper_voters(pg::Connection& connection);

}  // namespace evote::collector
