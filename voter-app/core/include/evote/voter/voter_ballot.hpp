// What GET /v1/me answers (specs/collector-api.md §2.4): the voter, their
// district and the contests of their ballot with that district's choices,
// and how the app turns a voter's picks into protocol::Selections.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::voter {

struct BallotChoice {
  std::uint64_t code = 0;  // >= 2
  protocol::Names names;   // "et" always, "en"/"ru" when the config has them
  protocol::Names party;   // the candidate's party or list; empty: none given
};

struct BallotContestInfo {
  std::string id;
  protocol::ContestType type = protocol::ContestType::single_choice;
  std::uint32_t max_selections = 1;
  protocol::Names names;
  std::vector<BallotChoice> choices;  // this district's, in config order
};

struct VoterBallot {
  std::string voter_name;
  std::string district_id;
  protocol::Names district_names;
  std::uint64_t added_by = 0;               // sequence of the change set that added the voter
  std::uint64_t voter_list_version = 0;     // the list in force
  std::vector<BallotContestInfo> contests;  // config order

  const BallotContestInfo* find_contest(std::string_view id) const;
};

// Parses the body of GET /v1/me. Throws VoterError(bad_answer) naming the
// field ("GET /v1/me: contests[0].choices[2].code: ...").
VoterBallot parse_voter_ballot(crypto::BytesView body);

// The code of the choice of `contest` whose name in any language equals
// `name` exactly. Throws VoterError(invalid_choice) for an unknown contest,
// no such name, or a name that two choices share.
std::uint64_t choice_code_by_name(const VoterBallot& ballot, std::string_view contest,
                                  std::string_view name);

// Checks the selections against the voter's ballot before anything is
// encrypted: every contest is on it, every code is one of its choices, no
// code twice, at most max_selections (single choice: 1). Throws
// VoterError(invalid_choice) naming the contest and code. A contest of the
// ballot that is absent from `selections` is voted blank.
void check_selections(const VoterBallot& ballot, const protocol::Selections& selections);

}  // namespace evote::voter
