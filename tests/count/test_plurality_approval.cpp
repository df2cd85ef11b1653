// Plurality (single choice) and approval counts against hand-computed
// expectations: blanks, every kind of invalid row, approvals up to
// max_selections, district results and their total (specs/formats-ballots.md
// §3.1, §3.3), and the bad inputs of the sum.
#include <boost/test/unit_test.hpp>

#include "count/count_election.hpp"
#include "evote/count/contest_count.hpp"

using namespace evote;
using namespace evote::count;
using evote::testing::count_config;
using Row = std::vector<std::uint64_t>;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

std::uint64_t reason(const ContestResult& r, InvalidReason why) {
  return r.invalid_by_reason[static_cast<std::size_t>(why)];
}

void check_choices(const ContestResult& r, const std::vector<ChoiceVotes>& expected) {
  BOOST_TEST(r.choices.size() == expected.size());
  for (std::size_t i = 0; i < std::min(r.choices.size(), expected.size()); ++i) {
    BOOST_TEST(r.choices[i].code == expected[i].code);
    BOOST_TEST(r.choices[i].votes == expected[i].votes);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(plurality_with_blanks_and_each_kind_of_invalid_row) {
  const std::vector<Row> rows = {{102}, {101},       {102}, {1},   {102}, {103}, {1},
                                 {201}, {kNotACode}, {7},   {202}, {101}, {102}};
  const ContestResult r = count_district(count_config(), "mayor", "d1", rows);
  BOOST_TEST(r.contest_id == "mayor");
  BOOST_TEST(r.district == "d1");
  BOOST_TEST(r.rows == 13u);
  BOOST_TEST(r.valid == 7u);
  BOOST_TEST(r.blank == 2u);
  BOOST_TEST(r.invalid == 4u);
  BOOST_TEST(reason(r, InvalidReason::unknown_code) == 2u);    // 0 and 7
  BOOST_TEST(reason(r, InvalidReason::other_district) == 2u);  // 201 and 202
  BOOST_TEST(reason(r, InvalidReason::repeated_code) == 0u);
  BOOST_TEST(reason(r, InvalidReason::rank_after_blank) == 0u);
  check_choices(r, {{101, 2}, {102, 4}, {103, 1}});
  BOOST_TEST(!r.runoff.has_value());
}

BOOST_AUTO_TEST_CASE(a_district_without_rows_counts_every_choice_as_zero) {
  const ContestResult r = count_district(count_config(), "mayor", "d2", {});
  BOOST_TEST(r.rows == 0u);
  BOOST_TEST(r.valid + r.blank + r.invalid == 0u);
  check_choices(r, {{201, 0}, {202, 0}});
}

BOOST_AUTO_TEST_CASE(approval_counts_each_approved_code_up_to_max_selections) {
  const std::vector<Row> rows = {
      {11, 12},   // two approvals
      {12, 11},   // the same set in another order
      {13, 1},    // one approval
      {1, 13},    // a blank first: still one approval of 13
      {1, 1},     // blank
      {14, 14},   // repeated-code
      {14, 101},  // unknown-code (a mayor code)
      {14, 0},    // unknown-code (combine's invalid)
      {12, 14},
  };
  DistrictCounter counter(count_config(), "council", "d1");
  std::vector<RowKind> kinds;
  for (const Row& row : rows) kinds.push_back(counter.add(row));
  BOOST_TEST(
      (kinds[0] == RowKind::valid && kinds[4] == RowKind::blank && kinds[5] == RowKind::invalid));
  const ContestResult r = counter.result();
  BOOST_TEST(r.rows == 9u);
  BOOST_TEST(r.valid == 5u);
  BOOST_TEST(r.blank == 1u);
  BOOST_TEST(r.invalid == 3u);
  BOOST_TEST(reason(r, InvalidReason::repeated_code) == 1u);
  BOOST_TEST(reason(r, InvalidReason::unknown_code) == 2u);
  check_choices(r, {{11, 2}, {12, 3}, {13, 2}, {14, 1}});
  std::uint64_t approvals = 0;
  for (const ChoiceVotes& c : r.choices) approvals += c.votes;
  BOOST_TEST(approvals == 8u);  // more than the 5 valid rows: approvals are not votes
  BOOST_TEST(!r.runoff.has_value());
}

BOOST_AUTO_TEST_CASE(a_row_of_the_wrong_width_is_refused_and_not_counted) {
  DistrictCounter counter(count_config(), "council", "d1");
  counter.add(Row{11, 1});
  BOOST_CHECK_EXCEPTION(counter.add(Row{11}), std::invalid_argument,
                        has("a row of 1 values; contest \"council\" has max_selections 2"));
  const ContestResult r = counter.result();
  BOOST_TEST(r.rows == 1u);
  check_choices(r, {{11, 1}, {12, 0}, {13, 0}, {14, 0}});
}

BOOST_AUTO_TEST_CASE(the_total_adds_up_the_districts) {
  const ContestResult d1 = count_district(count_config(), "mayor", "d1",
                                          std::vector<Row>{{101}, {102}, {102}, {1}, {7}});
  const ContestResult d2 =
      count_district(count_config(), "mayor", "d2", std::vector<Row>{{201}, {202}, {202}, {101}});
  const std::vector<ContestResult> both = {d1, d2};
  const ContestResult total = sum_district_results(count_config(), "mayor", both);
  BOOST_TEST(total.district == "");
  BOOST_TEST(total.rows == 9u);
  BOOST_TEST(total.valid == 6u);
  BOOST_TEST(total.blank == 1u);
  BOOST_TEST(total.invalid == 2u);
  BOOST_TEST(reason(total, InvalidReason::unknown_code) == 1u);
  BOOST_TEST(reason(total, InvalidReason::other_district) == 1u);
  check_choices(total, {{101, 1}, {102, 2}, {103, 0}, {201, 1}, {202, 2}});

  // The same from the counters.
  DistrictCounter c1(count_config(), "mayor", "d1"), c2(count_config(), "mayor", "d2");
  for (const Row& row : std::vector<Row>{{101}, {102}, {102}, {1}, {7}}) c1.add(row);
  for (const Row& row : std::vector<Row>{{201}, {202}, {202}, {101}}) c2.add(row);
  const DistrictCounter* counters[] = {&c1, &c2};
  const ContestResult again = total_result(count_config(), "mayor", counters);
  BOOST_TEST(again.rows == total.rows);
  BOOST_TEST(again.valid == total.valid);
  BOOST_TEST((again.invalid_by_reason == total.invalid_by_reason));
  check_choices(again, total.choices);

  // One district alone: only its choices are listed.
  const ContestResult only_d2 = sum_district_results(count_config(), "mayor", {&d2, 1});
  check_choices(only_d2, {{201, 1}, {202, 2}});
}

BOOST_AUTO_TEST_CASE(a_bad_sum_is_named) {
  const ContestResult d1 = count_district(count_config(), "mayor", "d1", {});
  const ContestResult council = count_district(count_config(), "council", "d1", {});
  const std::vector<ContestResult> twice = {d1, d1};
  BOOST_CHECK_EXCEPTION(sum_district_results(count_config(), "mayor", twice), std::invalid_argument,
                        has("district \"d1\" twice in the total of \"mayor\""));
  BOOST_CHECK_EXCEPTION(sum_district_results(count_config(), "mayor", {&council, 1}),
                        std::invalid_argument,
                        has("a result of contest \"council\" in the total of \"mayor\""));
  ContestResult total = d1;
  total.district = "";
  BOOST_CHECK_EXCEPTION(sum_district_results(count_config(), "mayor", {&total, 1}),
                        std::invalid_argument,
                        has("a total (district \"\") in a sum of district results of \"mayor\""));
  BOOST_CHECK_EXCEPTION(sum_district_results(count_config(), "senate", {&d1, 1}),
                        std::invalid_argument,
                        has("contest \"senate\" is not in the election config"));
  DistrictCounter c1(count_config(), "mayor", "d1");
  const DistrictCounter* same[] = {&c1, &c1};
  BOOST_CHECK_EXCEPTION(total_result(count_config(), "mayor", same), std::invalid_argument,
                        has("district \"d1\" twice"));
}
