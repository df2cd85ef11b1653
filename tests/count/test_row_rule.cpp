// Judging one decrypted row (specs/formats-ballots.md §3.1): every rule, the
// order in which they are applied, the blank row, the classes of each
// contest type; reading combine's plaintext lines; and each bad input named.
#include <boost/test/unit_test.hpp>

#include "count/count_election.hpp"
#include "evote/count/plaintext_row.hpp"
#include "evote/count/row_rule.hpp"
#include "evote/protocol/error.hpp"

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

void check_invalid(const RowJudge& judge, const Row& row, InvalidReason reason) {
  const RowVerdict v = judge.judge(row);
  BOOST_TEST((v.kind == RowKind::invalid));
  BOOST_REQUIRE(v.reason.has_value());
  BOOST_TEST(invalid_reason_name(*v.reason) == invalid_reason_name(reason));
  BOOST_TEST(v.choices.empty());
}

void check_valid(const RowJudge& judge, const Row& row, const Row& choices) {
  const RowVerdict v = judge.judge(row);
  BOOST_TEST((v.kind == RowKind::valid));
  BOOST_TEST(!v.reason.has_value());
  BOOST_TEST(v.choices == choices, boost::test_tools::per_element());
}

void check_blank(const RowJudge& judge, const Row& row) {
  const RowVerdict v = judge.judge(row);
  BOOST_TEST((v.kind == RowKind::blank));
  BOOST_TEST(!v.reason.has_value());
  BOOST_TEST(v.choices.empty());
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_choice_rows) {
  const RowJudge mayor(count_config(), "mayor", "d2");
  check_valid(mayor, {201}, {201});
  check_valid(mayor, {202}, {202});
  check_blank(mayor, {1});
  check_invalid(mayor, {101}, InvalidReason::other_district);
  check_invalid(mayor, {kNotACode}, InvalidReason::unknown_code);
  check_invalid(mayor, {999999}, InvalidReason::unknown_code);
  check_invalid(mayor, {21}, InvalidReason::unknown_code);  // a code of another contest
}

BOOST_AUTO_TEST_CASE(approval_rows_are_sets_of_codes) {
  const RowJudge council(count_config(), "council", "d1");
  check_valid(council, {14, 11}, {14, 11});
  check_valid(council, {12, 1}, {12});
  check_valid(council, {1, 12}, {12});  // a blank before a code is no doubt in approval
  check_blank(council, {1, 1});
  check_invalid(council, {13, 13}, InvalidReason::repeated_code);
  check_invalid(council, {13, 5}, InvalidReason::unknown_code);
}

BOOST_AUTO_TEST_CASE(ranked_rows) {
  const RowJudge ranking(count_config(), "ranking", "d1");
  check_valid(ranking, {24, 23, 22}, {24, 23, 22});
  check_valid(ranking, {22, 1, 1}, {22});
  check_valid(ranking, {22, 21, 1}, {22, 21});
  check_blank(ranking, {1, 1, 1});
  check_invalid(ranking, {1, 22, 1}, InvalidReason::rank_after_blank);
  check_invalid(ranking, {22, 1, 21}, InvalidReason::rank_after_blank);
  check_invalid(ranking, {1, 1, 21}, InvalidReason::rank_after_blank);
  check_invalid(ranking, {22, 22, 1}, InvalidReason::repeated_code);
  check_invalid(ranking, {22, 31, 1}, InvalidReason::other_district);
  check_invalid(ranking, {22, 0, 1}, InvalidReason::unknown_code);
}

BOOST_AUTO_TEST_CASE(the_first_rule_broken_is_the_reason) {
  const RowJudge ranking(count_config(), "ranking", "d1");
  // unknown beats other district, wherever each stands in the row
  check_invalid(ranking, {31, 1, 7}, InvalidReason::unknown_code);
  check_invalid(ranking, {7, 31, 31}, InvalidReason::unknown_code);
  // other district beats repeated and rank after blank
  check_invalid(ranking, {21, 21, 32}, InvalidReason::other_district);
  check_invalid(ranking, {1, 21, 32}, InvalidReason::other_district);
  // repeated beats rank after blank
  check_invalid(ranking, {21, 1, 21}, InvalidReason::repeated_code);
  // a repeated code of another district: other district (rule 2 first)
  check_invalid(ranking, {31, 31, 1}, InvalidReason::other_district);
}

BOOST_AUTO_TEST_CASE(judge_into_gives_choice_indices_without_allocating_a_verdict) {
  const RowJudge ranking(count_config(), "ranking", "d2");
  std::vector<std::uint32_t> indices = {99};
  const RowClass c = ranking.judge_into(Row{33, 31, 1}, indices);
  BOOST_TEST((c.kind == RowKind::valid));
  BOOST_TEST(indices == std::vector<std::uint32_t>({6, 4}), boost::test_tools::per_element());
  const RowClass bad = ranking.judge_into(Row{33, 33, 1}, indices);
  BOOST_TEST((bad.kind == RowKind::invalid));
  BOOST_TEST(indices.empty());
  BOOST_TEST(ranking.district_choices() == std::vector<std::uint32_t>({4, 5, 6}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(long_rows_find_repeats_too) {
  protocol::ElectionConfig config = count_config();
  std::vector<std::pair<std::uint64_t, std::string>> codes;
  for (std::uint64_t c = 2; c < 102; ++c) codes.push_back({c, "d1"});
  config.contests.push_back(
      testing::count_contest("long", protocol::ContestType::approval, 40, codes));
  const RowJudge judge(config, "long", "d1");
  Row row;
  for (std::uint64_t c = 2; c < 42; ++c) row.push_back(c);
  BOOST_TEST((judge.judge(row).kind == RowKind::valid));
  row[39] = 2;
  check_invalid(judge, row, InvalidReason::repeated_code);
}

BOOST_AUTO_TEST_CASE(names_of_classes_and_reasons) {
  BOOST_TEST(invalid_reason_name(InvalidReason::unknown_code) == "unknown-code");
  BOOST_TEST(invalid_reason_name(InvalidReason::other_district) == "other-district");
  BOOST_TEST(invalid_reason_name(InvalidReason::repeated_code) == "repeated-code");
  BOOST_TEST(invalid_reason_name(InvalidReason::rank_after_blank) == "rank-after-blank");
  BOOST_TEST(row_kind_name(RowKind::valid) == "valid");
  BOOST_TEST(row_kind_name(RowKind::blank) == "blank");
  BOOST_TEST(row_kind_name(RowKind::invalid) == "invalid");
}

BOOST_AUTO_TEST_CASE(bad_contest_district_or_width_is_named) {
  BOOST_CHECK_EXCEPTION(RowJudge(count_config(), "senate", "d1"), std::invalid_argument,
                        has("contest \"senate\" is not in the election config"));
  BOOST_CHECK_EXCEPTION(RowJudge(count_config(), "mayor", "d9"), std::invalid_argument,
                        has("district \"d9\" is not in the election config"));
  BOOST_CHECK_EXCEPTION(RowJudge(count_config(), "council", "d2"), std::invalid_argument,
                        has("contest \"council\" is not on the ballot of district \"d2\""));
  const RowJudge council(count_config(), "council", "d1");
  BOOST_CHECK_EXCEPTION(council.judge(Row{11}), std::invalid_argument,
                        has("a row of 1 values; contest \"council\" has max_selections 2"));
  BOOST_CHECK_EXCEPTION(council.judge(Row{11, 12, 13}), std::invalid_argument,
                        has("a row of 3 values; contest \"council\" has max_selections 2"));
}

BOOST_AUTO_TEST_CASE(plaintext_lines_as_combine_writes_them) {
  BOOST_TEST(parse_plaintext_row("101", 1) == Row({101}), boost::test_tools::per_element());
  BOOST_TEST(parse_plaintext_row("invalid 2 1", 3) == Row({kNotACode, 2, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(parse_plaintext_row("999999 1", 2) == Row({999999, 1}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_plaintext_lines_are_named) {
  using protocol::FormatError;
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("101 102", 1), FormatError,
                        has("2 values, expected 1"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("101", 2), FormatError, has("1 values, expected 2"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("101  1", 3), FormatError,
                        has("value 2: \"\" is empty (values are separated by one space)"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("", 1), FormatError, has("value 1: \"\" is empty"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("1 x", 2), FormatError,
                        has("value 2: \"x\" is neither a code nor \"invalid\""));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("-5", 1), FormatError,
                        has("value 1: \"-5\" is neither a code nor \"invalid\""));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("Invalid", 1), FormatError,
                        has("value 1: \"Invalid\" is neither a code nor \"invalid\""));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("1 012", 2), FormatError,
                        has("value 2: \"012\" has a leading zero"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("0", 1), FormatError,
                        has("value 1: \"0\" is no code (codes start at 1, the blank code)"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("1000000", 1), FormatError,
                        has("value 1: \"1000000\" is above the largest choice code 999999"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("99999999999999999999999", 1), FormatError,
                        has("is above the largest choice code 999999"));
  BOOST_CHECK_EXCEPTION(parse_plaintext_row("1 ", 1), FormatError, has("value 2: \"\" is empty"));
}
