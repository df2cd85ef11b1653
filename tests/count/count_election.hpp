// The config of the counting examples in specs/formats-ballots.md §3.1:
// districts d1 and d2;
//   "mayor"    single choice, d1: 101 102 103, d2: 201 202;
//   "council"  approval, 2 of d1: 11 12 13 14 (not on d2's ballot);
//   "ranking"  ranked, up to 3, d1: 21 22 23 24, d2: 31 32 33.
// (The contests of tests/support/test_election.hpp, without keys: counting
// needs none.) Also a parser for the examples' row notation.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "evote/count/plaintext_row.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::testing {

inline protocol::Contest count_contest(std::string id, protocol::ContestType type,
                                       std::uint32_t max_selections,
                                       std::vector<std::pair<std::uint64_t, std::string>> codes) {
  protocol::Contest contest;
  contest.id = std::move(id);
  contest.type = type;
  contest.max_selections = max_selections;
  contest.names = {{"et", contest.id}};
  for (const auto& [code, district] : codes)
    contest.choices.push_back({code, district, {{"et", "c" + std::to_string(code)}}, {}});
  return contest;
}

inline const protocol::ElectionConfig& count_config() {
  static const protocol::ElectionConfig config = [] {
    protocol::ElectionConfig c;
    c.election_id = "RK_2027";
    c.districts = {{"d1", {{"et", "d1"}}}, {"d2", {{"et", "d2"}}}};
    using T = protocol::ContestType;
    c.contests.push_back(
        count_contest("mayor", T::single_choice, 1,
                      {{101, "d1"}, {102, "d1"}, {103, "d1"}, {201, "d2"}, {202, "d2"}}));
    c.contests.push_back(
        count_contest("council", T::approval, 2, {{11, "d1"}, {12, "d1"}, {13, "d1"}, {14, "d1"}}));
    c.contests.push_back(count_contest(
        "ranking", T::ranked, 3,
        {{21, "d1"}, {22, "d1"}, {23, "d1"}, {24, "d1"}, {31, "d2"}, {32, "d2"}, {33, "d2"}}));
    return c;
  }();
  return config;
}

// "6 × 21 1 1, 1 × 1 1 1" -> six rows {21, 1, 1} and one {1, 1, 1}.
inline std::vector<std::vector<std::uint64_t>> expand_rows(const std::string& text,
                                                           std::uint32_t width) {
  std::vector<std::vector<std::uint64_t>> rows;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(", ", start);
    if (end == std::string::npos) end = text.size();
    const std::string group = text.substr(start, end - start);
    const std::size_t times = group.find(" × ");
    const unsigned long n = std::stoul(group.substr(0, times));
    const auto row =
        count::parse_plaintext_row(group.substr(times + std::string(" × ").size()), width);
    for (unsigned long k = 0; k < n; ++k) rows.push_back(row);
    start = end + 2;
  }
  return rows;
}

}  // namespace evote::testing
