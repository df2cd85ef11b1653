// Instant runoff (specs/formats-ballots.md §3.2) against hand-computed round
// tables: a majority in round 1, several rounds with exhausted ballots, ties
// broken by an earlier round (skipping an equal one) and by the code, all
// blank, and the total of two districts run again rather than summed (§3.3).
#include <boost/test/unit_test.hpp>

#include "count/count_election.hpp"
#include "evote/count/contest_count.hpp"

using namespace evote;
using namespace evote::count;
using evote::testing::count_config;
using evote::testing::expand_rows;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

ContestResult ranked(const std::string& district, const std::string& rows) {
  return count_district(count_config(), "ranking", district, expand_rows(rows, 3));
}

void check_rounds(const ContestResult& r, const std::vector<std::string>& expected) {
  BOOST_REQUIRE(r.runoff.has_value());
  BOOST_TEST(r.runoff->rounds.size() == expected.size());
  for (std::size_t i = 0; i < std::min(expected.size(), r.runoff->rounds.size()); ++i) {
    BOOST_TEST(r.runoff->rounds[i].number == i + 1);
    BOOST_TEST(round_text(r.runoff->rounds[i]) == expected[i]);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_majority_in_round_one_ends_the_count) {
  const ContestResult r = ranked("d1", "3 × 21 22 1, 1 × 22 1 1, 1 × 23 1 1");
  check_rounds(r, {"21=3 22=1 23=1 24=0 exhausted=0 elected 21"});
  BOOST_TEST(r.runoff->winner.value() == 21u);
  const RunoffRound& round = r.runoff->rounds[0];
  BOOST_TEST((round.outcome == RoundOutcome::elected && round.tie_break == TieBreak::none));
  // first preferences are the choices' counts
  BOOST_TEST(r.choices.size() == 4u);
  BOOST_TEST(r.choices[0].votes == 3u);
  BOOST_TEST(r.choices[3].votes == 0u);
}

BOOST_AUTO_TEST_CASE(exactly_half_is_no_majority) {
  // 2 of 4: no majority; 22 and 23 (1 each) and 24 (0): 24 goes first.
  const ContestResult r = ranked("d1", "2 × 21 1 1, 1 × 22 21 1, 1 × 23 1 1");
  check_rounds(r, {"21=2 22=1 23=1 24=0 exhausted=0 eliminated 24",
                   "21=2 22=1 23=1 exhausted=0 eliminated 23, tie broken by code",
                   "21=2 22=1 exhausted=1 elected 21"});
  BOOST_TEST(r.runoff->winner.value() == 21u);
}

BOOST_AUTO_TEST_CASE(several_rounds_with_exhausted_ballots_and_both_tie_rules) {
  // Round 1: 23 and 24 tie with 2 and no earlier round: the higher code 24
  // goes. Round 3: 21 and 23 tie with 4; they were equal in round 2 too, so
  // round 1 (21=4, 23=2) decides. Every 22 and 23 ballot is then exhausted.
  const ContestResult r =
      ranked("d1", "4 × 21 1 1, 3 × 22 24 1, 2 × 23 22 1, 2 × 24 23 22, 1 × 1 1 1");
  BOOST_TEST(r.valid == 11u);
  BOOST_TEST(r.blank == 1u);
  check_rounds(r, {"21=4 22=3 23=2 24=2 exhausted=0 eliminated 24, tie broken by code",
                   "21=4 22=3 23=4 exhausted=0 eliminated 22",
                   "21=4 23=4 exhausted=3 eliminated 23, tie broken by round 1",
                   "21=4 exhausted=7 elected 21"});
  const RunoffRound& third = r.runoff->rounds[2];
  BOOST_TEST((third.tie_break == TieBreak::earlier_round));
  BOOST_TEST(third.tie_break_round == 1u);
  BOOST_TEST(r.runoff->winner.value() == 21u);
}

BOOST_AUTO_TEST_CASE(a_three_way_tie_narrowed_by_two_earlier_rounds) {
  // Six choices 2..7 of one district. In round 3, 2, 3 and 4 tie with 5;
  // round 2 (5, 4, 4) keeps 3 and 4; round 1 (3 < 4) leaves 3. In round 4,
  // 2 and 4 tie again, equal in round 3, and round 2 (5 > 4) decides.
  protocol::ElectionConfig config = count_config();
  config.contests.push_back(
      testing::count_contest("six", protocol::ContestType::ranked, 6,
                             {{2, "d1"}, {3, "d1"}, {4, "d1"}, {5, "d1"}, {6, "d1"}, {7, "d1"}}));
  const ContestResult r = count_district(
      config, "six", "d1",
      expand_rows("5 × 2 1 1 1 1 1, 3 × 3 1 1 1 1 1, 4 × 4 1 1 1 1 1, 10 × 5 1 1 1 1 1, "
                  "1 × 6 3 1 1 1 1, 1 × 6 4 1 1 1 1, 1 × 7 3 1 1 1 1",
                  6));
  check_rounds(r, {"2=5 3=3 4=4 5=10 6=2 7=1 exhausted=0 eliminated 7",
                   "2=5 3=4 4=4 5=10 6=2 exhausted=0 eliminated 6",
                   "2=5 3=5 4=5 5=10 exhausted=0 eliminated 3, tie broken by round 1",
                   "2=5 4=5 5=10 exhausted=5 eliminated 4, tie broken by round 2",
                   "2=5 5=10 exhausted=10 elected 5"});
  BOOST_TEST(r.runoff->winner.value() == 5u);
}

BOOST_AUTO_TEST_CASE(all_blank_or_invalid_has_no_rounds_and_no_winner) {
  const ContestResult blank = ranked("d2", "5 × 1 1 1");
  BOOST_TEST(blank.blank == 5u);
  BOOST_TEST(blank.valid == 0u);
  BOOST_REQUIRE(blank.runoff.has_value());
  BOOST_TEST(blank.runoff->rounds.empty());
  BOOST_TEST(!blank.runoff->winner.has_value());
  BOOST_TEST(runoff_table(*blank.runoff).empty());
  const ContestResult invalid = ranked("d2", "1 × 1 31 1, 2 × 31 31 1, 1 × 21 1 1");
  BOOST_TEST(invalid.invalid == 4u);
  BOOST_TEST(invalid.runoff->rounds.empty());
  BOOST_TEST(!invalid.runoff->winner.has_value());
  const ContestResult none = count_district(count_config(), "ranking", "d2", {});
  BOOST_TEST(none.runoff->rounds.empty());
}

BOOST_AUTO_TEST_CASE(a_single_ballot_elects_its_first_choice) {
  const ContestResult r = ranked("d2", "1 × 33 32 31");
  check_rounds(r, {"31=0 32=0 33=1 exhausted=0 elected 33"});
}

BOOST_AUTO_TEST_CASE(the_total_runoff_is_run_on_all_rows_together) {
  const auto d1_rows = expand_rows("3 × 21 1 1, 2 × 22 1 1", 3);
  const auto d2_rows = expand_rows("4 × 31 1 1", 3);
  DistrictCounter d1(count_config(), "ranking", "d1"), d2(count_config(), "ranking", "d2");
  for (const auto& row : d1_rows) d1.add(row);
  for (const auto& row : d2_rows) d2.add(row);
  // Each district elects its leader in round 1.
  BOOST_TEST(d1.result().runoff->winner.value() == 21u);
  BOOST_TEST(d2.result().runoff->winner.value() == 31u);
  const DistrictCounter* both[] = {&d1, &d2};
  const ContestResult total = total_result(count_config(), "ranking", both);
  BOOST_TEST(total.valid == 9u);
  BOOST_TEST(total.choices.size() == 7u);  // 21 22 23 24 31 32 33
  // Over all 9 rows, 31 (4) has no majority; the zero-vote choices go one by
  // one, highest code first; then 22 (2); 21's rows are exhausted; 31 wins.
  check_rounds(total,
               {"21=3 22=2 23=0 24=0 31=4 32=0 33=0 exhausted=0 eliminated 33, tie broken by code",
                "21=3 22=2 23=0 24=0 31=4 32=0 exhausted=0 eliminated 32, tie broken by code",
                "21=3 22=2 23=0 24=0 31=4 exhausted=0 eliminated 24, tie broken by code",
                "21=3 22=2 23=0 31=4 exhausted=0 eliminated 23",
                "21=3 22=2 31=4 exhausted=0 eliminated 22", "21=3 31=4 exhausted=2 elected 31"});
  // sum_district_results leaves the runoff out: it cannot be summed.
  const std::vector<ContestResult> counted = {d1.counted(), d2.counted()};
  BOOST_TEST(!sum_district_results(count_config(), "ranking", counted).runoff.has_value());
  BOOST_TEST(!d1.counted().runoff.has_value());
}

BOOST_AUTO_TEST_CASE(choices_not_standing_are_skipped_and_bad_indices_refused) {
  const std::uint64_t codes[] = {21, 22, 23};
  RankedBallots pool;
  const std::uint32_t a[] = {2, 0};
  const std::uint32_t b[] = {1};
  pool.add(a);
  pool.add(a);
  pool.add(b);
  const RankedBallots* pools[] = {&pool};
  const std::uint32_t standing[] = {0, 1};  // 23 does not stand
  const Runoff r = run_instant_runoff(codes, standing, pools);
  BOOST_REQUIRE(r.rounds.size() == 1u);
  BOOST_TEST(round_text(r.rounds[0]) == "21=2 22=1 exhausted=0 elected 21");

  const std::uint32_t outside[] = {0, 3};
  BOOST_CHECK_EXCEPTION(run_instant_runoff(codes, outside, pools), std::invalid_argument,
                        has("candidate index 3 is not a choice"));
  RankedBallots bad;
  const std::uint32_t c[] = {0, 7};
  bad.add(c);
  const RankedBallots* bad_pools[] = {&bad};
  BOOST_CHECK_EXCEPTION(run_instant_runoff(codes, standing, bad_pools), std::invalid_argument,
                        has("a ballot ranks choice index 7, which is not a choice"));
}
