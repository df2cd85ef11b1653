// Randomized counts against a reference written straight from the rules of
// specs/formats-ballots.md §3.1–§3.3 (rows judged one rule at a time, every
// round recounted from scratch), and the invariants every count keeps:
// rows = valid + blank + invalid, each round's votes + exhausted = valid,
// one choice eliminated per round, the winner holds more than half of the
// rows not exhausted, the total's runoff equal to one over all rows.
// The generator is seeded (not libsodium: nothing here is secret, and a
// failure must be reproducible); the seed is printed, EVOTE_TEST_SEED sets it.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "count/count_election.hpp"
#include "evote/count/contest_count.hpp"

using namespace evote;
using namespace evote::count;
using evote::testing::count_config;
using Row = std::vector<std::uint64_t>;

namespace {

// §3.1 read literally: each rule over the whole row, in order.
RowVerdict reference_judge(const protocol::Contest& contest, const std::string& district,
                           const Row& row) {
  std::map<std::uint64_t, std::string> district_of;
  for (const auto& c : contest.choices) district_of[c.code] = c.district;
  const auto invalid = [](InvalidReason why) { return RowVerdict{RowKind::invalid, why, {}}; };
  for (const std::uint64_t v : row)
    if (v != 1 && !district_of.count(v)) return invalid(InvalidReason::unknown_code);
  for (const std::uint64_t v : row)
    if (v != 1 && district_of[v] != district) return invalid(InvalidReason::other_district);
  for (std::size_t i = 0; i < row.size(); ++i)
    for (std::size_t j = i + 1; j < row.size(); ++j)
      if (row[i] != 1 && row[i] == row[j]) return invalid(InvalidReason::repeated_code);
  if (contest.type == protocol::ContestType::ranked)
    for (std::size_t i = 1; i < row.size(); ++i)
      if (row[i] != 1 && std::find(row.begin(), row.begin() + i, 1) != row.begin() + i)
        return invalid(InvalidReason::rank_after_blank);
  RowVerdict v{RowKind::valid, std::nullopt, {}};
  for (const std::uint64_t c : row)
    if (c != 1) v.choices.push_back(c);
  if (v.choices.empty()) v.kind = RowKind::blank;
  return v;
}

// §3.2 read literally: every round recounted from the ballots.
std::vector<std::string> reference_runoff(const std::vector<std::uint64_t>& standing,
                                          const std::vector<Row>& ballots) {
  std::vector<std::string> lines;
  if (ballots.empty()) return lines;
  std::vector<std::uint64_t> continuing = standing;
  std::vector<std::map<std::uint64_t, std::uint64_t>> history;
  while (true) {
    std::map<std::uint64_t, std::uint64_t> votes;
    std::uint64_t exhausted = 0;
    for (const Row& b : ballots) {
      const auto top = std::find_if(b.begin(), b.end(), [&](std::uint64_t c) {
        return std::find(continuing.begin(), continuing.end(), c) != continuing.end();
      });
      if (top == b.end())
        ++exhausted;
      else
        ++votes[*top];
    }
    history.push_back(votes);
    std::string line;
    for (const std::uint64_t c : continuing)
      line += std::to_string(c) + "=" + std::to_string(votes[c]) + " ";
    line += "exhausted=" + std::to_string(exhausted) + " ";
    const std::uint64_t active = ballots.size() - exhausted;
    for (const std::uint64_t c : continuing)
      if (2 * votes[c] > active) {
        lines.push_back(line + "elected " + std::to_string(c));
        return lines;
      }
    std::uint64_t fewest = votes[continuing.front()];
    for (const std::uint64_t c : continuing) fewest = std::min(fewest, votes[c]);
    std::vector<std::uint64_t> tied;
    for (const std::uint64_t c : continuing)
      if (votes[c] == fewest) tied.push_back(c);
    std::string how;
    for (std::size_t r = history.size() - 1; r-- > 0 && tied.size() > 1;) {
      std::uint64_t least = history[r][tied.front()];
      for (const std::uint64_t c : tied) least = std::min(least, history[r][c]);
      std::vector<std::uint64_t> kept;
      for (const std::uint64_t c : tied)
        if (history[r][c] == least) kept.push_back(c);
      tied = kept;
      if (tied.size() == 1) how = ", tie broken by round " + std::to_string(r + 1);
    }
    if (tied.size() > 1) how = ", tie broken by code";
    const std::uint64_t loser = *std::max_element(tied.begin(), tied.end());
    lines.push_back(line + "eliminated " + std::to_string(loser) + how);
    continuing.erase(std::find(continuing.begin(), continuing.end(), loser));
  }
}

// A row mostly like the app's, sometimes any mix of blanks, foreign and unknown codes.
Row random_row(std::mt19937_64& random, const protocol::Contest& contest,
               const std::string& district) {
  std::vector<std::uint64_t> own, all = {1, 1, 0, 7, 999999};
  for (const auto& c : contest.choices) {
    all.push_back(c.code);
    if (c.district == district) own.push_back(c.code);
  }
  Row row;
  if (random() % 4 != 0) {  // as the app makes it
    std::shuffle(own.begin(), own.end(), random);
    const std::size_t n =
        random() % (std::min<std::size_t>(own.size(), contest.max_selections) + 1);
    row.assign(own.begin(), own.begin() + static_cast<long>(n));
    row.resize(contest.max_selections, 1);
  } else {
    for (std::uint32_t k = 0; k < contest.max_selections; ++k)
      row.push_back(random() % 2 ? own[random() % own.size()] : all[random() % all.size()]);
  }
  return row;
}

// EVOTE_TEST_SEED=<n> repeats a run.
std::uint64_t seed() {
  static const std::uint64_t s = [] {
    const char* given = std::getenv("EVOTE_TEST_SEED");
    return given ? std::stoull(given) : std::uint64_t{std::random_device{}()};
  }();
  return s;
}

void check_invariants(const ContestResult& r) {
  BOOST_TEST(r.rows == r.valid + r.blank + r.invalid);
  std::uint64_t reasons = 0;
  for (const std::uint64_t n : r.invalid_by_reason) reasons += n;
  BOOST_TEST(r.invalid == reasons);
  std::uint64_t counted = 0;
  for (const ChoiceVotes& c : r.choices) counted += c.votes;
  if (r.type != protocol::ContestType::approval) BOOST_TEST(counted == r.valid);
  if (r.type != protocol::ContestType::ranked) return;
  BOOST_REQUIRE(r.runoff.has_value());
  const auto& rounds = r.runoff->rounds;
  BOOST_TEST(r.runoff->winner.has_value() == (r.valid > 0));
  BOOST_TEST(rounds.size() <= r.choices.size());
  std::uint64_t last_exhausted = 0;
  for (std::size_t i = 0; i < rounds.size(); ++i) {
    std::uint64_t votes = 0, best = 0;
    for (const ChoiceVotes& c : rounds[i].votes) votes += c.votes, best = std::max(best, c.votes);
    BOOST_TEST(votes + rounds[i].exhausted == r.valid);
    BOOST_TEST(rounds[i].exhausted >= last_exhausted);
    last_exhausted = rounds[i].exhausted;
    BOOST_TEST(rounds[i].votes.size() == r.choices.size() - i);
    const bool last = i + 1 == rounds.size();
    BOOST_TEST((rounds[i].outcome == RoundOutcome::elected) == last);
    BOOST_TEST((2 * best > votes) == last);
    if (last) {
      BOOST_TEST(rounds[i].choice == *r.runoff->winner);
      for (const ChoiceVotes& c : rounds[i].votes)
        if (c.code == rounds[i].choice) BOOST_TEST(2 * c.votes > r.valid - rounds[i].exhausted);
    } else {
      for (const ChoiceVotes& c : rounds[i + 1].votes) BOOST_TEST(c.code != rounds[i].choice);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(small_random_counts_equal_the_reference) {
  BOOST_TEST_MESSAGE("seed " << seed());
  std::mt19937_64 random(seed());
  const protocol::ElectionConfig& config = count_config();
  for (int election = 0; election < 400; ++election) {
    for (const protocol::Contest& contest : config.contests) {
      std::vector<const DistrictCounter*> counters;
      std::vector<std::unique_ptr<DistrictCounter>> owned;
      std::vector<Row> all_ballots;
      std::vector<std::uint64_t> all_standing;
      for (const std::string district : {"d1", "d2"}) {
        if (config.choices_for(contest, district).empty()) continue;
        owned.push_back(std::make_unique<DistrictCounter>(config, contest.id, district));
        counters.push_back(owned.back().get());
        std::vector<Row> ballots;
        const std::size_t rows = random() % 12;  // small: ties are frequent
        for (std::size_t i = 0; i < rows; ++i) {
          const Row row = random_row(random, contest, district);
          const RowVerdict expected = reference_judge(contest, district, row);
          const RowVerdict got = owned.back()->judge().judge(row);
          BOOST_TEST((got.kind == expected.kind));
          BOOST_TEST((got.reason == expected.reason));
          BOOST_TEST(got.choices == expected.choices, boost::test_tools::per_element());
          BOOST_TEST((owned.back()->add(row) == expected.kind));
          if (expected.kind == RowKind::valid) ballots.push_back(expected.choices);
        }
        const ContestResult r = owned.back()->result();
        check_invariants(r);
        if (contest.type == protocol::ContestType::ranked) {
          std::vector<std::uint64_t> standing;
          for (const auto* c : config.choices_for(contest, district)) standing.push_back(c->code);
          const std::vector<std::string> expected = reference_runoff(standing, ballots);
          BOOST_REQUIRE(r.runoff->rounds.size() == expected.size());
          for (std::size_t i = 0; i < expected.size(); ++i)
            BOOST_TEST(round_text(r.runoff->rounds[i]) == expected[i]);
          all_ballots.insert(all_ballots.end(), ballots.begin(), ballots.end());
          all_standing.insert(all_standing.end(), standing.begin(), standing.end());
        }
      }
      const ContestResult total = total_result(config, contest.id, counters);
      check_invariants(total);
      if (contest.type == protocol::ContestType::ranked) {
        // the config lists d1's choices before d2's, as all_standing does
        const std::vector<std::string> expected = reference_runoff(all_standing, all_ballots);
        BOOST_REQUIRE(total.runoff->rounds.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
          BOOST_TEST(round_text(total.runoff->rounds[i]) == expected[i]);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_large_random_count_keeps_every_invariant) {
  BOOST_TEST_MESSAGE("seed " << seed());
  std::mt19937_64 random(seed() + 1);
  protocol::ElectionConfig config = count_config();
  std::vector<std::pair<std::uint64_t, std::string>> codes;
  for (std::uint64_t c = 2; c < 14; ++c) codes.push_back({c, c < 10 ? "d1" : "d2"});
  config.contests.push_back(testing::count_contest("big", protocol::ContestType::ranked, 6, codes));
  const protocol::Contest& big = *config.find_contest("big");
  DistrictCounter d1(config, "big", "d1"), d2(config, "big", "d2");
  std::uint64_t rows = 0;
  for (int i = 0; i < 200000; ++i, ++rows) d1.add(random_row(random, big, "d1"));
  for (int i = 0; i < 50000; ++i, ++rows) d2.add(random_row(random, big, "d2"));
  const ContestResult r1 = d1.result(), r2 = d2.result();
  check_invariants(r1);
  check_invariants(r2);
  BOOST_TEST(r1.rows + r2.rows == rows);
  const DistrictCounter* both[] = {&d1, &d2};
  const ContestResult total = total_result(config, "big", both);
  check_invariants(total);
  BOOST_TEST(total.rows == rows);
  BOOST_TEST(total.valid == r1.valid + r2.valid);
  BOOST_TEST(total.choices.size() == 12u);
  BOOST_TEST(total.runoff->rounds.size() >= 2u);
}
