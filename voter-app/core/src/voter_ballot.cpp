#include "evote/voter/voter_ballot.hpp"

#include <algorithm>
#include <set>

#include "answer_json.hpp"
#include "evote/voter/voter_error.hpp"

namespace evote::voter {
namespace {

const std::string kWhat = "GET /v1/me";

protocol::ContestType contest_type(const std::string& name, const std::string& path) {
  if (name == "single") return protocol::ContestType::single_choice;
  if (name == "approval") return protocol::ContestType::approval;
  if (name == "ranked") return protocol::ContestType::ranked;
  protocol::fail_at(kWhat, path, "unknown contest type \"" + name + "\"");
}

BallotContestInfo read_contest(const protocol::Json& json, const std::string& path) {
  const protocol::ObjectReader reader(json, kWhat, path);
  BallotContestInfo contest;
  contest.id = reader.string("id");
  contest.type = contest_type(reader.string("type"), reader.path_of("type"));
  const std::uint64_t width = reader.unsigned_integer("max_selections");
  if (width < 1 || width > protocol::kMaxSelections)
    reader.fail("max_selections", "must be 1.." + std::to_string(protocol::kMaxSelections));
  contest.max_selections = static_cast<std::uint32_t>(width);
  contest.names = read_names(reader.raw("names"), kWhat, reader.path_of("names"));
  const protocol::Json& choices = reader.array("choices");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const protocol::ObjectReader choice(choices[i], kWhat,
                                        protocol::element_path(reader.path_of("choices"), i));
    BallotChoice parsed;
    parsed.code = choice.unsigned_integer("code");
    if (parsed.code <= protocol::kBlankCode || parsed.code > protocol::kMaxChoiceCode)
      choice.fail("code", "must be 2.." + std::to_string(protocol::kMaxChoiceCode));
    parsed.names = read_names(choice.raw("names"), kWhat, choice.path_of("names"));
    if (choice.has("party"))
      parsed.party = read_names(choice.raw("party"), kWhat, choice.path_of("party"));
    contest.choices.push_back(std::move(parsed));
  }
  return contest;
}

}  // namespace

const BallotContestInfo* VoterBallot::find_contest(std::string_view id) const {
  for (const BallotContestInfo& contest : contests)
    if (contest.id == id) return &contest;
  return nullptr;
}

VoterBallot parse_voter_ballot(crypto::BytesView body) {
  const protocol::Json document = parse_answer(body, kWhat);
  VoterBallot ballot;
  read_answer([&] {
    const protocol::ObjectReader reader(document, kWhat);
    const protocol::ObjectReader voter = reader.object("voter");
    ballot.voter_name = voter.string("name");
    const protocol::ObjectReader district = reader.object("district");
    ballot.district_id = district.string("id");
    ballot.district_names = read_names(district.raw("names"), kWhat, district.path_of("names"));
    const protocol::ObjectReader eligibility = reader.object("eligibility");
    ballot.added_by = eligibility.unsigned_integer("added_by");
    ballot.voter_list_version = eligibility.unsigned_integer("voter_list_version");
    const protocol::Json& contests = reader.array("contests");
    for (std::size_t i = 0; i < contests.size(); ++i)
      ballot.contests.push_back(
          read_contest(contests[i], protocol::element_path(reader.path_of("contests"), i)));
  });
  return ballot;
}

std::uint64_t choice_code_by_name(const VoterBallot& ballot, std::string_view contest_id,
                                  std::string_view name) {
  const BallotContestInfo* contest = ballot.find_contest(contest_id);
  if (contest == nullptr)
    throw VoterError(ErrorKind::invalid_choice,
                     "contest \"" + std::string(contest_id) + "\" is not on your ballot");
  std::set<std::uint64_t> codes;
  for (const BallotChoice& choice : contest->choices)
    for (const auto& [language, text] : choice.names)
      if (text == name) codes.insert(choice.code);
  if (codes.empty())
    throw VoterError(ErrorKind::invalid_choice, "contest \"" + std::string(contest_id) +
                                                    "\": no choice is named \"" +
                                                    std::string(name) + "\"");
  if (codes.size() > 1)
    throw VoterError(ErrorKind::invalid_choice, "contest \"" + std::string(contest_id) +
                                                    "\": several choices are named \"" +
                                                    std::string(name) + "\"; use the code");
  return *codes.begin();
}

void check_selections(const VoterBallot& ballot, const protocol::Selections& selections) {
  for (const auto& [contest_id, codes] : selections) {
    const BallotContestInfo* contest = ballot.find_contest(contest_id);
    const std::string named = "contest \"" + contest_id + "\"";
    if (contest == nullptr)
      throw VoterError(ErrorKind::invalid_choice, named + " is not on your ballot");
    const std::size_t limit =
        contest->type == protocol::ContestType::single_choice ? 1 : contest->max_selections;
    if (codes.size() > limit)
      throw VoterError(ErrorKind::invalid_choice, named + ": " + std::to_string(codes.size()) +
                                                      " choices, at most " + std::to_string(limit) +
                                                      " allowed");
    std::set<std::uint64_t> seen;
    for (std::uint64_t code : codes) {
      const bool listed = std::any_of(contest->choices.begin(), contest->choices.end(),
                                      [&](const BallotChoice& c) { return c.code == code; });
      if (!listed)
        throw VoterError(ErrorKind::invalid_choice,
                         named + ": code " + std::to_string(code) + " is not one of its choices");
      if (!seen.insert(code).second)
        throw VoterError(ErrorKind::invalid_choice,
                         named + ": code " + std::to_string(code) + " chosen twice");
    }
  }
}

}  // namespace evote::voter
