#include "evote/count/contest_count.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "contest_lookup.hpp"

namespace evote::count {

namespace {

std::vector<std::uint64_t> contest_codes(const protocol::Contest& contest) {
  std::vector<std::uint64_t> codes;
  for (const protocol::Choice& choice : contest.choices) codes.push_back(choice.code);
  return codes;
}

}  // namespace

DistrictCounter::DistrictCounter(const protocol::ElectionConfig& config,
                                 std::string_view contest_id, std::string_view district)
    : judge_(config, contest_id, district), votes_(judge_.contest().choices.size(), 0) {
  scratch_.reserve(judge_.contest().max_selections);
}

RowKind DistrictCounter::add(std::span<const std::uint64_t> row) {
  const RowClass verdict = judge_.judge_into(row, scratch_);
  switch (verdict.kind) {
    case RowKind::blank:
      ++blank_;
      break;
    case RowKind::invalid:
      ++invalid_[static_cast<std::size_t>(verdict.reason)];
      break;
    case RowKind::valid:
      ++valid_;
      if (judge_.contest().type == protocol::ContestType::ranked) {
        ++votes_[scratch_.front()];
        ballots_.add(scratch_);
      } else {
        for (const std::uint32_t c : scratch_) ++votes_[c];
      }
      break;
  }
  return verdict.kind;
}

ContestResult DistrictCounter::counted() const {
  const protocol::Contest& contest = judge_.contest();
  ContestResult r;
  r.contest_id = contest.id;
  r.district = judge_.district();
  r.type = contest.type;
  r.valid = valid_;
  r.blank = blank_;
  r.invalid_by_reason = invalid_;
  for (const std::uint64_t n : invalid_) r.invalid += n;
  r.rows = r.valid + r.blank + r.invalid;
  for (const std::uint32_t c : judge_.district_choices())
    r.choices.push_back({contest.choices[c].code, votes_[c]});
  return r;
}

ContestResult DistrictCounter::result() const {
  ContestResult r = counted();
  if (r.type == protocol::ContestType::ranked) {
    const std::vector<std::uint64_t> codes = contest_codes(judge_.contest());
    const RankedBallots* pools[] = {&ballots_};
    r.runoff = run_instant_runoff(codes, judge_.district_choices(), pools);
  }
  return r;
}

ContestResult count_district(const protocol::ElectionConfig& config, std::string_view contest_id,
                             std::string_view district,
                             std::span<const std::vector<std::uint64_t>> rows) {
  DistrictCounter counter(config, contest_id, district);
  for (const std::vector<std::uint64_t>& row : rows) counter.add(row);
  return counter.result();
}

ContestResult sum_district_results(const protocol::ElectionConfig& config,
                                   std::string_view contest_id,
                                   std::span<const ContestResult> districts) {
  const protocol::Contest& contest = detail::contest_of(config, contest_id);
  ContestResult total;
  total.contest_id = contest.id;
  total.type = contest.type;
  std::set<std::string> seen;
  std::map<std::uint64_t, std::uint64_t> votes;
  for (const ContestResult& d : districts) {
    if (d.contest_id != contest.id)
      throw std::invalid_argument("a result of contest \"" + d.contest_id +
                                  "\" in the total of \"" + contest.id + "\"");
    if (d.district.empty())
      throw std::invalid_argument("a total (district \"\") in a sum of district results of \"" +
                                  contest.id + "\"");
    if (!seen.insert(d.district).second)
      throw std::invalid_argument("district \"" + d.district + "\" twice in the total of \"" +
                                  contest.id + "\"");
    total.rows += d.rows;
    total.valid += d.valid;
    total.blank += d.blank;
    total.invalid += d.invalid;
    for (std::size_t k = 0; k < kInvalidReasonCount; ++k)
      total.invalid_by_reason[k] += d.invalid_by_reason[k];
    for (const ChoiceVotes& c : d.choices) votes[c.code] += c.votes;
  }
  for (const protocol::Choice& choice : contest.choices)
    if (seen.count(choice.district)) total.choices.push_back({choice.code, votes[choice.code]});
  return total;
}

ContestResult total_result(const protocol::ElectionConfig& config, std::string_view contest_id,
                           std::span<const DistrictCounter* const> districts) {
  std::vector<ContestResult> counted;
  std::vector<const RankedBallots*> pools;
  std::set<std::string> standing_districts;
  for (const DistrictCounter* d : districts) {
    counted.push_back(d->counted());
    pools.push_back(&d->ranked_ballots());
    standing_districts.insert(d->judge().district());
  }
  ContestResult total = sum_district_results(config, contest_id, counted);
  const protocol::Contest& contest = detail::contest_of(config, contest_id);
  if (contest.type == protocol::ContestType::ranked) {
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t i = 0; i < contest.choices.size(); ++i)
      if (standing_districts.count(contest.choices[i].district)) candidates.push_back(i);
    total.runoff = run_instant_runoff(contest_codes(contest), candidates, pools);
  }
  return total;
}

}  // namespace evote::count
