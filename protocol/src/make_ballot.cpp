// Making a ballot in the voter app: rows of codes, encrypted and proved.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/protocol/ballot.hpp"
#include "names_json.hpp"

namespace evote::protocol {

namespace {

[[noreturn]] void refuse(const std::string& problem) {
  throw std::invalid_argument("make ballot: " + problem);
}

void check_selection(const Contest& contest, const std::vector<const Choice*>& choices,
                     const std::vector<std::uint64_t>& selected) {
  const std::string where = "contest \"" + contest.id + "\": ";
  if (selected.size() > contest.max_selections) {
    refuse(where + std::to_string(selected.size()) + " selections, at most " +
           std::to_string(contest.max_selections));
  }
  std::set<std::uint64_t> seen;
  for (std::uint64_t code : selected) {
    const bool offered = std::any_of(choices.begin(), choices.end(),
                                     [&](const Choice* c) { return c->code == code; });
    if (!offered)
      refuse(where + "code " + std::to_string(code) + " is not a choice of the district");
    if (!seen.insert(code).second)
      refuse(where + "code " + std::to_string(code) + " selected twice");
  }
}

}  // namespace

std::vector<std::uint64_t> ballot_row_codes(const ElectionConfig& config, const Contest& contest,
                                            std::string_view district,
                                            const std::vector<std::uint64_t>& selected) {
  const std::vector<const Choice*> choices = config.choices_for(contest, district);
  if (choices.empty()) {
    refuse("contest \"" + contest.id + "\" is not on the ballot of district \"" +
           std::string(district) + "\"");
  }
  for (const Choice& c : contest.choices) {
    if (c.code == kBlankCode) {
      refuse("contest \"" + contest.id + "\" uses code 1, which is reserved for blank");
    }
  }
  check_selection(contest, choices, selected);
  std::vector<std::uint64_t> row = selected;
  row.resize(contest.max_selections, kBlankCode);
  return row;
}

MadeBallot make_ballot(const ElectionConfig& config, const std::string& voter_id,
                       std::string_view district, const Selections& selections) {
  if (!is_identifier(voter_id)) refuse("voter id is not an identifier");
  if (!config.find_district(district)) refuse("unknown district \"" + std::string(district) + "\"");
  if (!config.election_public_key) refuse("the election config has no election public key");
  for (const auto& [id, codes] : selections) {
    const Contest* contest = config.find_contest(id);
    if (!contest || config.choices_for(*contest, district).empty()) {
      refuse("contest \"" + id + "\" is not on the ballot of district \"" + std::string(district) +
             "\"");
    }
  }
  const crypto::Group& group = crypto::group_by_name(config.group);
  const crypto::Element key = group.decode(*config.election_public_key);
  MadeBallot out{{config.election_id, voter_id, {}}, {}};
  static const std::vector<std::uint64_t> none;
  for (const Contest* contest : contests_for_district(config, district)) {
    const auto found = selections.find(contest->id);
    const auto row = ballot_row_codes(config, *contest, district,
                                      found == selections.end() ? none : found->second);
    BallotContest encrypted{contest->id, {}, {}};
    std::vector<crypto::Scalar> randomness;
    for (std::uint32_t j = 0; j < row.size(); ++j) {
      crypto::Encryption e = crypto::encrypt(key, row[j]);
      const crypto::BallotContext context{config.election_id, contest->id, voter_id, j};
      encrypted.ciphertexts.push_back(crypto::encode(e.ciphertext));
      encrypted.proofs.push_back(
          crypto::encode(crypto::prove_ballot(key, e.ciphertext, e.randomness, context)));
      randomness.push_back(std::move(e.randomness));
    }
    out.ballot.contests.push_back(std::move(encrypted));
    out.randomness.push_back(std::move(randomness));
  }
  return out;
}

}  // namespace evote::protocol
