// The voter list in force, in PostgreSQL: the organizer's change sets applied
// by the chaining rules of specs/formats-voters.md, exactly as
// protocol::VoterRegistry applies them (it does the checking: same rules,
// same messages), and the voters looked up at login.
// Each function uses the connection given (one thread at a time).
//
// Each version comes into force when applied, and a ballot accepted at time
// t is checked against the version in force at t (formats-ballots.md §6.2):
// an apply commits only while it holds the log_state row lock that every
// append holds, and ballot_log.hpp's append re-checks a ballot checked
// against an older version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/pg.hpp"

namespace evote::collector {

struct VoterListState {
  std::uint64_t version = 0;                                      // 0: no list yet
  protocol::ChangeSetHash head = protocol::kNoPreviousChangeSet;  // change_set_hash of that version
};

VoterListState voter_list_state(pg::Connection& connection);

// Checks and applies the next change set in one transaction. The current
// list is rebuilt in a protocol::VoterRegistry from the change sets stored
// before (under the voter_list_state row lock), the new one is applied to it
// (another election, sequence other than version + 1, previous other than
// head, missing or bad organizer signature, unknown district, add of a
// voter on the list, remove of one who is not: protocol::FormatError with
// the registry's message, nothing changed), then the voters table, the
// stored change sets and the state are updated and committed.
// The version comes into force (`applied`) at `now`, but never before the
// version it follows nor at or before the time of a ballot already in the
// log: at max(now, previous applied, latest ballot time + 1), fixed at the
// end with the log_state row locked, so that no ballot is appended between
// that moment and the commit.
// pg::Error for the database; std::runtime_error if the stored change sets
// no longer rebuild the stored state (a tampered database).
VoterListState apply_voter_list(pg::Connection& connection, const protocol::ElectionConfig& config,
                                const protocol::VoterListChanges& changes, std::int64_t now);

struct ListedVoter {
  std::string personal_code;
  std::string name;
  std::string district;
  std::uint64_t added_by = 0;  // sequence of the change set that added them
};

// The voter with this personal code in the version in force, if any.
std::optional<ListedVoter> find_voter(pg::Connection& connection, std::string_view personal_code);

// The version in force and the voter in it, read in one statement (one
// snapshot): what a ballot is checked against (collector-api.md §2.5 step 5).
struct VoterInForce {
  std::uint64_t version = 0;  // 0: no list yet
  std::optional<ListedVoter> voter;
};
VoterInForce find_voter_in_force(pg::Connection& connection, std::string_view personal_code);

// Every version applied, in sequence order, with its change set hash and
// when it came into force: the export trailer's voter list history.
std::vector<protocol::VoterListVersion> voter_list_history(pg::Connection& connection);

}  // namespace evote::collector
