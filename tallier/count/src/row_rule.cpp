#include "evote/count/row_rule.hpp"

#include <algorithm>
#include <stdexcept>

#include "contest_lookup.hpp"

namespace evote::count {

std::string_view invalid_reason_name(InvalidReason reason) {
  switch (reason) {
    case InvalidReason::unknown_code:
      return "unknown-code";
    case InvalidReason::other_district:
      return "other-district";
    case InvalidReason::repeated_code:
      return "repeated-code";
    case InvalidReason::rank_after_blank:
      return "rank-after-blank";
  }
  return "?";
}

std::string_view row_kind_name(RowKind kind) {
  switch (kind) {
    case RowKind::valid:
      return "valid";
    case RowKind::blank:
      return "blank";
    case RowKind::invalid:
      return "invalid";
  }
  return "?";
}

namespace {

// Whether `indices` holds one index twice (rows are short: pairwise below 32).
bool has_repeat(std::span<const std::uint32_t> indices) {
  if (indices.size() < 32) {
    for (std::size_t i = 0; i < indices.size(); ++i)
      for (std::size_t j = i + 1; j < indices.size(); ++j)
        if (indices[i] == indices[j]) return true;
    return false;
  }
  std::vector<std::uint32_t> sorted(indices.begin(), indices.end());
  std::sort(sorted.begin(), sorted.end());
  return std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
}

}  // namespace

RowJudge::RowJudge(const protocol::ElectionConfig& config, std::string_view contest_id,
                   std::string_view district)
    : contest_(&detail::contest_of(config, contest_id)), district_(district) {
  if (!config.find_district(district))
    throw std::invalid_argument("district \"" + district_ + "\" is not in the election config");
  in_district_.assign(contest_->choices.size(), false);
  for (std::uint32_t i = 0; i < contest_->choices.size(); ++i) {
    index_.emplace(contest_->choices[i].code, i);
    if (contest_->choices[i].district == district_) {
      in_district_[i] = true;
      district_choices_.push_back(i);
    }
  }
  if (district_choices_.empty())
    throw std::invalid_argument("contest \"" + contest_->id +
                                "\" is not on the ballot of district \"" + district_ +
                                "\" (no choice of the district)");
}

RowClass RowJudge::judge_into(std::span<const std::uint64_t> row,
                              std::vector<std::uint32_t>& choices) const {
  choices.clear();
  if (row.size() != contest_->max_selections)
    throw std::invalid_argument("a row of " + std::to_string(row.size()) + " values; contest \"" +
                                contest_->id + "\" has max_selections " +
                                std::to_string(contest_->max_selections));
  // Rule 1 and 2 need every value looked up; a valid row's indices are kept.
  bool other_district = false;
  bool blank_seen = false;
  bool rank_after_blank = false;
  for (const std::uint64_t value : row) {
    if (value == protocol::kBlankCode) {
      blank_seen = true;
      continue;
    }
    const auto it = index_.find(value);
    if (it == index_.end()) {
      choices.clear();
      return {RowKind::invalid, InvalidReason::unknown_code};
    }
    if (!in_district_[it->second]) other_district = true;
    if (blank_seen) rank_after_blank = true;
    choices.push_back(it->second);
  }
  RowClass verdict{RowKind::valid, InvalidReason::unknown_code};
  if (other_district) {
    verdict = {RowKind::invalid, InvalidReason::other_district};
  } else if (has_repeat(choices)) {
    verdict = {RowKind::invalid, InvalidReason::repeated_code};
  } else if (rank_after_blank && contest_->type == protocol::ContestType::ranked) {
    verdict = {RowKind::invalid, InvalidReason::rank_after_blank};
  } else if (choices.empty()) {
    verdict = {RowKind::blank, InvalidReason::unknown_code};
  }
  if (verdict.kind != RowKind::valid) choices.clear();
  return verdict;
}

RowVerdict RowJudge::judge(std::span<const std::uint64_t> row) const {
  std::vector<std::uint32_t> indices;
  const RowClass c = judge_into(row, indices);
  RowVerdict out;
  out.kind = c.kind;
  if (c.kind == RowKind::invalid) out.reason = c.reason;
  for (const std::uint32_t i : indices) out.choices.push_back(contest_->choices[i].code);
  return out;
}

}  // namespace evote::count
