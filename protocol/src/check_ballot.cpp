// check_ballot: the collector's and the tally's rules for one ballot.
#include <set>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/protocol/ballot.hpp"

namespace evote::protocol {

namespace {

using crypto::Verdict;

Verdict refuse(const std::string& problem) { return Verdict::fail("ballot: " + problem); }

std::string contest_path(std::size_t i) { return "contests[" + std::to_string(i) + "]"; }

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// No unknown, foreign, repeated or missing contest; then the config's order.
Verdict check_contest_set(const ElectionConfig& config, const Ballot& ballot,
                          std::string_view district) {
  const std::vector<const Contest*> expected = contests_for_district(config, district);
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < ballot.contests.size(); ++i) {
    const std::string& id = ballot.contests[i].contest_id;
    const std::string path = contest_path(i) + ".contest_id: contest " + in_quotes(id);
    const Contest* contest = config.find_contest(id);
    if (!contest) return refuse(path + " is not in this election");
    if (config.choices_for(*contest, district).empty()) {
      return refuse(path + " is not on the ballot of district " + in_quotes(district));
    }
    if (!seen.insert(id).second) return refuse(path + " appears twice");
  }
  for (const Contest* contest : expected) {
    if (!seen.contains(contest->id)) {
      return refuse("contests: contest " + in_quotes(contest->id) + " of district " +
                    in_quotes(district) + " is missing");
    }
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (ballot.contests[i].contest_id != expected[i]->id) {
      return refuse(contest_path(i) + ".contest_id: not in the config's order (expected contest " +
                    in_quotes(expected[i]->id) + ")");
    }
  }
  return Verdict::pass();
}

Verdict check_widths(const ElectionConfig& config, const Ballot& ballot) {
  for (std::size_t i = 0; i < ballot.contests.size(); ++i) {
    const BallotContest& row = ballot.contests[i];
    const Contest& contest = *config.find_contest(row.contest_id);
    if (row.ciphertexts.size() != contest.max_selections) {
      return refuse(contest_path(i) + ".ciphertexts: " + std::to_string(row.ciphertexts.size()) +
                    " ciphertexts, contest " + in_quotes(contest.id) + " takes exactly " +
                    std::to_string(contest.max_selections));
    }
    if (row.proofs.size() != row.ciphertexts.size()) {
      return refuse(contest_path(i) + ".proofs: " + std::to_string(row.proofs.size()) +
                    " proofs for " + std::to_string(row.ciphertexts.size()) + " ciphertexts");
    }
  }
  return Verdict::pass();
}

// Decodes (membership checked) and verifies slot j of contest i.
Verdict check_slot(const crypto::Group& group, const crypto::Element& key,
                   const crypto::BallotContext& context, const BallotContest& row, std::size_t i) {
  const std::size_t j = context.position;
  const std::string slot = "[" + std::to_string(j) + "]";
  crypto::Ciphertext c{group.identity(), group.identity()};
  try {
    c = crypto::decode_ciphertext(group, row.ciphertexts[j]);
  } catch (const crypto::DecodeError& e) {
    return refuse(contest_path(i) + ".ciphertexts" + slot + ": " + e.what());
  }
  try {
    const crypto::BallotProof proof = crypto::decode_ballot_proof(group, row.proofs[j]);
    const Verdict v = crypto::verify_ballot(key, c, proof, context);
    if (!v) return refuse(contest_path(i) + ".proofs" + slot + ": " + v.reason);
  } catch (const crypto::DecodeError& e) {
    return refuse(contest_path(i) + ".proofs" + slot + ": " + e.what());
  }
  return Verdict::pass();
}

Verdict check_proofs(const ElectionConfig& config, const Ballot& ballot,
                     std::string_view voter_id) {
  if (!config.election_public_key) return refuse("the election config has no election public key");
  const crypto::Group& group = crypto::group_by_name(config.group);
  const crypto::Element key = group.decode(*config.election_public_key);
  for (std::size_t i = 0; i < ballot.contests.size(); ++i) {
    const BallotContest& row = ballot.contests[i];
    for (std::uint32_t j = 0; j < row.ciphertexts.size(); ++j) {
      const crypto::BallotContext context{config.election_id, row.contest_id, std::string(voter_id),
                                          j};
      Verdict v = check_slot(group, key, context, row, i);
      if (!v) return v;
    }
  }
  return Verdict::pass();
}

}  // namespace

Verdict check_ballot(const ElectionConfig& config, const Ballot& ballot, std::string_view voter_id,
                     std::string_view district) {
  if (ballot.election_id != config.election_id) {
    return refuse("election_id: " + in_quotes(ballot.election_id) + ", expected " +
                  in_quotes(config.election_id));
  }
  // Personal codes stay out of the reason: it may end up in a log.
  if (ballot.voter_id != voter_id) return refuse("voter_id: not the voter who cast the ballot");
  if (!config.find_district(district)) return refuse("unknown district " + in_quotes(district));
  Verdict v = check_contest_set(config, ballot, district);
  if (v) v = check_widths(config, ballot);
  if (v) v = check_proofs(config, ballot, voter_id);
  return v;
}

}  // namespace evote::protocol
