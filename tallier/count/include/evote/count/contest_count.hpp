// Counting one contest (specs/formats-ballots.md §3.1–§3.3): the decrypted
// rows of a district judged and counted, per district and in total.
//
//   DistrictCounter d1(config, "mayor", "d1");
//   for (const auto& row : rows) d1.add(row);
//   ContestResult r = d1.result();
//
// A total adds the districts' counts; the instant runoff of a ranked
// contest's total is run again over all districts' ballots together (a
// runoff is not a sum of runoffs). Counters are not thread-safe; use one per
// thread. A counter keeps a pointer into the config: the config must outlive
// it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/count/instant_runoff.hpp"
#include "evote/count/row_rule.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::count {

struct ContestResult {
  std::string contest_id;
  std::string district;  // "" for the total of several districts
  protocol::ContestType type = protocol::ContestType::single_choice;
  std::uint64_t rows = 0;  // = valid + blank + invalid
  std::uint64_t valid = 0;
  std::uint64_t blank = 0;
  std::uint64_t invalid = 0;          // = the sum of invalid_by_reason
  InvalidCounts invalid_by_reason{};  // indexed by InvalidReason
  // Every choice of the district (the total: of the counted districts), in
  // the config's order, zeros included. Single choice: votes; approval:
  // approvals (a row approving 2 adds 1 to each); ranked: first preferences.
  std::vector<ChoiceVotes> choices;
  std::optional<Runoff> runoff;  // ranked contests only
};

class DistrictCounter {
 public:
  // Throws std::invalid_argument as RowJudge does.
  DistrictCounter(const protocol::ElectionConfig& config, std::string_view contest_id,
                  std::string_view district);

  // Judges and counts one row; throws std::invalid_argument for a row of the
  // wrong width (nothing is counted then).
  RowKind add(std::span<const std::uint64_t> row);

  // The counts without the runoff (runoff empty).
  ContestResult counted() const;
  // The counts and, for a ranked contest, the district's runoff.
  ContestResult result() const;

  const RowJudge& judge() const { return judge_; }
  const RankedBallots& ranked_ballots() const { return ballots_; }

 private:
  RowJudge judge_;
  std::uint64_t valid_ = 0, blank_ = 0;
  InvalidCounts invalid_{};
  std::vector<std::uint64_t> votes_;  // by contest choice index
  RankedBallots ballots_;             // ranked contests only
  std::vector<std::uint32_t> scratch_;
};

// All rows of one district at once.
ContestResult count_district(const protocol::ElectionConfig& config, std::string_view contest_id,
                             std::string_view district,
                             std::span<const std::vector<std::uint64_t>> rows);

// The sum of district results of one contest: rows, valid, blank, invalid
// (each reason) and every choice's count added; `choices` lists the
// choices of the given districts in the config's order. `runoff` is left
// empty, also for a ranked contest: use total_result. Throws
// std::invalid_argument for a result of another contest, a total (district
// ""), or a district given twice.
ContestResult sum_district_results(const protocol::ElectionConfig& config,
                                   std::string_view contest_id,
                                   std::span<const ContestResult> districts);

// The total of several districts' counters of one contest: the sum above
// and, for a ranked contest, the runoff of all their ballots together,
// every choice of those districts standing. Throws as sum_district_results.
ContestResult total_result(const protocol::ElectionConfig& config, std::string_view contest_id,
                           std::span<const DistrictCounter* const> districts);

}  // namespace evote::count
