#include "results_json.hpp"

#include <set>
#include <stdexcept>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"

namespace evote::tally {

namespace {

using count::ContestResult;
using count::InvalidReason;
using count::RoundOutcome;
using count::TieBreak;
using protocol::Json;
using protocol::ObjectReader;

std::string_view tie_break_name(TieBreak t) {
  switch (t) {
    case TieBreak::none:
      return "none";
    case TieBreak::earlier_round:
      return "earlier-round";
    case TieBreak::choice_code:
      return "choice-code";
  }
  return "?";
}

Json choice_counts_json(const std::vector<count::ChoiceVotes>& choices) {
  Json out = Json::array();
  for (const count::ChoiceVotes& c : choices) out.push_back({{"code", c.code}, {"count", c.votes}});
  return out;
}

Json runoff_json(const count::Runoff& runoff) {
  Json rounds = Json::array();
  for (const count::RunoffRound& r : runoff.rounds) {
    Json round = {{"number", r.number},
                  {"counts", choice_counts_json(r.votes)},
                  {"exhausted", r.exhausted},
                  {"outcome", r.outcome == RoundOutcome::elected ? "elected" : "eliminated"},
                  {"choice", r.choice},
                  {"tie_break", tie_break_name(r.tie_break)}};
    if (r.tie_break == TieBreak::earlier_round) round["tie_break_round"] = r.tie_break_round;
    rounds.push_back(std::move(round));
  }
  Json out = {{"rounds", std::move(rounds)}};
  if (runoff.winner) out["winner"] = *runoff.winner;
  return out;
}

Json counts_json(const ContestResult& r) {
  Json reasons = Json::object();
  for (std::size_t k = 0; k < count::kInvalidReasonCount; ++k)
    reasons[std::string(count::invalid_reason_name(static_cast<InvalidReason>(k)))] =
        r.invalid_by_reason[k];
  Json out = {{"rows", r.rows},
              {"valid", r.valid},
              {"blank", r.blank},
              {"invalid", r.invalid},
              {"invalid_by_reason", std::move(reasons)},
              {"choices", choice_counts_json(r.choices)}};
  if (r.runoff) out["runoff"] = runoff_json(*r.runoff);
  return out;
}

// The codes a result of `district` ("" for the total) must list, in order.
std::vector<std::uint64_t> expected_codes(const protocol::ElectionConfig& config,
                                          const protocol::Contest& contest,
                                          const std::string& district) {
  std::vector<std::uint64_t> codes;
  if (district.empty()) {
    for (const protocol::Choice& c : contest.choices) codes.push_back(c.code);
  } else {
    for (const protocol::Choice* c : config.choices_for(contest, district))
      codes.push_back(c->code);
  }
  return codes;
}

void check_result_shape(const protocol::ElectionConfig& config, const protocol::Contest& contest,
                        const ContestResult& r, const std::string& district) {
  const std::string where = "results: contest " + contest.id + ", " +
                            (district.empty() ? std::string("total") : "district " + district);
  if (r.contest_id != contest.id || r.district != district)
    throw std::invalid_argument(where + ": holds the result of " + r.contest_id + "/" + r.district);
  const std::vector<std::uint64_t> codes = expected_codes(config, contest, district);
  bool same = codes.size() == r.choices.size();
  for (std::size_t i = 0; same && i < codes.size(); ++i) same = codes[i] == r.choices[i].code;
  if (!same) throw std::invalid_argument(where + ": not the config's choices");
  if (r.runoff.has_value() != (contest.type == protocol::ContestType::ranked))
    throw std::invalid_argument(where + ": a runoff exactly for a ranked contest");
}

// --- reading ---------------------------------------------------------------

std::vector<count::ChoiceVotes> read_choice_counts(const ObjectReader& parent,
                                                   std::string_view key) {
  const Json& items = parent.array(key);
  std::vector<count::ChoiceVotes> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ObjectReader c(items[i], parent.what(), protocol::element_path(parent.path_of(key), i));
    c.allow_only({"code", "count"});
    out.push_back({c.unsigned_integer("code"), c.unsigned_integer("count")});
  }
  return out;
}

TieBreak read_tie_break(const ObjectReader& r) {
  const std::string name = r.string("tie_break");
  for (TieBreak t : {TieBreak::none, TieBreak::earlier_round, TieBreak::choice_code})
    if (name == tie_break_name(t)) return t;
  r.fail("tie_break", "\"" + name + "\" is not none, earlier-round or choice-code");
}

count::Runoff read_runoff(const ObjectReader& r, const std::set<std::uint64_t>& codes) {
  r.allow_only({"rounds", "winner"});
  count::Runoff runoff;
  const Json& items = r.array("rounds");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ObjectReader round(items[i], r.what(), protocol::element_path(r.path_of("rounds"), i));
    round.allow_only(
        {"number", "counts", "exhausted", "outcome", "choice", "tie_break", "tie_break_round"});
    count::RunoffRound out;
    const std::uint64_t number = round.unsigned_integer("number");
    if (number != i + 1)
      round.fail("number", "is " + std::to_string(number) + ", expected " + std::to_string(i + 1));
    out.number = static_cast<std::uint32_t>(number);
    out.votes = read_choice_counts(round, "counts");
    for (const count::ChoiceVotes& v : out.votes)
      if (!codes.count(v.code)) round.fail("counts", std::to_string(v.code) + " is no choice code");
    out.exhausted = round.unsigned_integer("exhausted");
    const std::string outcome = round.string("outcome");
    if (outcome != "elected" && outcome != "eliminated")
      round.fail("outcome", "\"" + outcome + "\" is neither elected nor eliminated");
    out.outcome = outcome == "elected" ? RoundOutcome::elected : RoundOutcome::eliminated;
    out.choice = round.unsigned_integer("choice");
    if (!codes.count(out.choice))
      round.fail("choice", std::to_string(out.choice) + " is no choice code");
    out.tie_break = read_tie_break(round);
    if ((out.tie_break == TieBreak::earlier_round) != round.has("tie_break_round"))
      round.fail("tie_break_round", "present exactly when tie_break is earlier-round");
    if (round.has("tie_break_round")) {
      const std::uint64_t earlier = round.unsigned_integer("tie_break_round");
      if (earlier < 1 || earlier >= number)
        round.fail("tie_break_round", "is not an earlier round");
      out.tie_break_round = static_cast<std::uint32_t>(earlier);
    }
    runoff.rounds.push_back(std::move(out));
  }
  if (r.has("winner")) runoff.winner = r.unsigned_integer("winner");
  const bool elected = !runoff.rounds.empty() &&
                       runoff.rounds.back().outcome == RoundOutcome::elected &&
                       runoff.winner == runoff.rounds.back().choice;
  if (runoff.rounds.empty() ? runoff.winner.has_value() : !elected)
    r.fail("winner", "must be the choice elected in the last round (absent without rounds)");
  return runoff;
}

ContestResult read_result(const ObjectReader& r, const protocol::ElectionConfig& config,
                          const protocol::Contest& contest, const std::string& district) {
  const bool ranked = contest.type == protocol::ContestType::ranked;
  if (district.empty()) {
    r.allow_only({"rows", "valid", "blank", "invalid", "invalid_by_reason", "choices", "runoff"});
  } else {
    r.allow_only({"district", "rows", "valid", "blank", "invalid", "invalid_by_reason", "choices",
                  "runoff"});
  }
  ContestResult out;
  out.contest_id = contest.id;
  out.district = district;
  out.type = contest.type;
  out.rows = r.unsigned_integer("rows");
  out.valid = r.unsigned_integer("valid");
  out.blank = r.unsigned_integer("blank");
  out.invalid = r.unsigned_integer("invalid");
  const ObjectReader reasons = r.object("invalid_by_reason");
  std::uint64_t reasons_sum = 0;
  for (std::size_t k = 0; k < count::kInvalidReasonCount; ++k) {
    const std::string_view name = count::invalid_reason_name(static_cast<InvalidReason>(k));
    out.invalid_by_reason[k] = reasons.unsigned_integer(name);
    reasons_sum += out.invalid_by_reason[k];
  }
  reasons.allow_only({"unknown-code", "other-district", "repeated-code", "rank-after-blank"});
  if (out.valid + out.blank + out.invalid != out.rows)
    r.fail("rows", "is not valid + blank + invalid");
  if (reasons_sum != out.invalid) r.fail("invalid", "is not the sum of invalid_by_reason");
  out.choices = read_choice_counts(r, "choices");
  const std::vector<std::uint64_t> codes = expected_codes(config, contest, district);
  bool same = codes.size() == out.choices.size();
  for (std::size_t i = 0; same && i < codes.size(); ++i) same = codes[i] == out.choices[i].code;
  if (!same) r.fail("choices", "are not the config's choices of this contest here, in its order");
  if (r.has("runoff") != ranked) r.fail("runoff", "present exactly for a ranked contest");
  if (ranked) out.runoff = read_runoff(r.object("runoff"), {codes.begin(), codes.end()});
  return out;
}

ContestResults read_contest(const ObjectReader& r, const protocol::ElectionConfig& config,
                            const protocol::Contest& contest) {
  r.allow_only({"id", "type", "max_selections", "names", "districts", "total"});
  if (r.string("id") != contest.id)
    r.fail("id", "\"" + r.string("id") + "\" is not the config's contest " + contest.id);
  if (r.string("type") != protocol::contest_type_name(contest.type))
    r.fail("type", "is not the config's type of " + contest.id);
  if (r.unsigned_integer("max_selections") != contest.max_selections)
    r.fail("max_selections", "is not the config's max_selections of " + contest.id);
  if (r.raw("names") != Json(contest.names)) r.fail("names", "are not the config's names");
  ContestResults out;
  out.contest_id = contest.id;
  const std::vector<std::string> districts = contest_districts(config, contest);
  const Json& items = r.array("districts");
  if (items.size() != districts.size())
    r.fail("districts", std::to_string(items.size()) + " districts, the config has " +
                            std::to_string(districts.size()) + " with this contest");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ObjectReader d(items[i], r.what(), protocol::element_path(r.path_of("districts"), i));
    if (d.string("district") != districts[i])
      d.fail("district", "\"" + d.string("district") + "\", expected " + districts[i] +
                             " (the config's order)");
    out.districts.push_back(read_result(d, config, contest, districts[i]));
  }
  out.total = read_result(r.object("total"), config, contest, "");
  return out;
}

}  // namespace

std::vector<std::string> contest_districts(const protocol::ElectionConfig& config,
                                           const protocol::Contest& contest) {
  std::vector<std::string> out;
  for (const protocol::District& d : config.districts)
    if (!config.choices_for(contest, d.id).empty()) out.push_back(d.id);
  return out;
}

const std::string& estonian_name(const protocol::Names& names) {
  static const std::string none;
  const auto it = names.find("et");
  return it == names.end() ? none : it->second;
}

Json results_to_json(const protocol::ElectionConfig& config, const ElectionResults& results) {
  if (results.contests.size() != config.contests.size())
    throw std::invalid_argument("results: " + std::to_string(results.contests.size()) +
                                " contests, the config has " +
                                std::to_string(config.contests.size()));
  Json contests = Json::array();
  for (std::size_t i = 0; i < results.contests.size(); ++i) {
    const protocol::Contest& contest = config.contests[i];
    const ContestResults& c = results.contests[i];
    if (c.contest_id != contest.id)
      throw std::invalid_argument("results: contest " + c.contest_id + " where the config has " +
                                  contest.id);
    const std::vector<std::string> districts = contest_districts(config, contest);
    if (c.districts.size() != districts.size())
      throw std::invalid_argument("results: contest " + contest.id +
                                  ": not one result per district");
    Json district_results = Json::array();
    for (std::size_t k = 0; k < districts.size(); ++k) {
      check_result_shape(config, contest, c.districts[k], districts[k]);
      Json d = counts_json(c.districts[k]);
      d["district"] = districts[k];
      district_results.push_back(std::move(d));
    }
    check_result_shape(config, contest, c.total, "");
    contests.push_back({{"id", contest.id},
                        {"type", std::string(protocol::contest_type_name(contest.type))},
                        {"max_selections", contest.max_selections},
                        {"names", Json(contest.names)},
                        {"districts", std::move(district_results)},
                        {"total", counts_json(c.total)}});
  }
  return {{"type", kResultsType},
          {"version", kResultsVersion},
          {"election_id", results.election_id},
          {"config_hash", protocol::base64url_encode(results.config_hash)},
          {"contests", std::move(contests)}};
}

ElectionResults results_from_json(const Json& document, const protocol::ElectionConfig& config,
                                  const crypto::Bytes& config_hash, const std::string& what) {
  const ObjectReader top(document, what);
  top.expect_type_and_version(kResultsType, kResultsVersion);
  top.allow_only({"type", "version", "election_id", "config_hash", "contests"});
  ElectionResults out;
  out.election_id = top.string("election_id");
  if (out.election_id != config.election_id)
    top.fail("election_id",
             "\"" + out.election_id + "\" is not this election (" + config.election_id + ")");
  out.config_hash = top.binary("config_hash");
  if (out.config_hash != config_hash)
    top.fail("config_hash", "is not the hash of this election's config");
  const Json& items = top.array("contests");
  if (items.size() != config.contests.size())
    top.fail("contests", std::to_string(items.size()) + " contests, the config has " +
                             std::to_string(config.contests.size()));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ObjectReader c(items[i], what, protocol::element_path("contests", i));
    out.contests.push_back(read_contest(c, config, config.contests[i]));
  }
  return out;
}

void write_results(const std::filesystem::path& path, const protocol::ElectionConfig& config,
                   const ElectionResults& results) {
  protocol::save_canonical(path, results_to_json(config, results),
                           protocol::WriteMode::new_public());
}

ElectionResults read_results(const std::filesystem::path& path,
                             const protocol::ElectionConfig& config,
                             const crypto::Bytes& config_hash) {
  const std::string what = "results " + path.string();
  return results_from_json(protocol::parse_canonical(protocol::read_file(path), what), config,
                           config_hash, what);
}

}  // namespace evote::tally
