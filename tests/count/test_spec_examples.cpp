// Every counting example of specs/formats-ballots.md §3.1–§3.3 (the vectors
// named count/...), rebuilt from the spec's text: each row's class, choices
// or reason, each runoff's counts, round lines and winner, and the total of
// two districts. Fails if the spec has a count vector or a field no check
// reads, so every example printed there is checked.
#include <boost/test/unit_test.hpp>
#include <set>

#include "count/count_election.hpp"
#include "evote/count/contest_count.hpp"
#include "support/spec_vectors.hpp"

using namespace evote;
using namespace evote::count;
using evote::testing::count_config;
using evote::testing::expand_rows;
using evote::testing::SpecVector;

namespace {

const std::vector<SpecVector>& vectors() {
  static const std::vector<SpecVector> v = testing::load_spec_vectors("specs/formats-ballots.md");
  return v;
}

std::string contest_of(const std::string& name) {
  // count/rows/<contest>; the runoff examples are of "ranking".
  const std::string prefix = "count/rows/";
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : "ranking";
}

// "valid 23 21", "blank", "invalid repeated-code": the class and what follows.
std::string verdict_text(const RowVerdict& v) {
  std::string text(row_kind_name(v.kind));
  if (v.reason) text += " " + std::string(invalid_reason_name(*v.reason));
  for (const std::uint64_t c : v.choices) text += " " + std::to_string(c);
  return text;
}

std::string counts_text(const ContestResult& r) {
  return "valid " + std::to_string(r.valid) + ", blank " + std::to_string(r.blank) + ", invalid " +
         std::to_string(r.invalid);
}

void check_rounds(const SpecVector& v, const ContestResult& r) {
  BOOST_REQUIRE(r.runoff.has_value());
  std::size_t printed = 0;
  while (v.has("round " + std::to_string(printed + 1))) ++printed;
  BOOST_TEST(r.runoff->rounds.size() == printed);
  std::string table;
  for (std::size_t i = 0; i < printed; ++i) {
    const std::string key = "round " + std::to_string(i + 1);
    table += key + ": " + v.at(key) + "\n";
  }
  // The table as the spec prints it, line by line.
  BOOST_TEST(runoff_table(*r.runoff) == table, v.name);
  BOOST_TEST(std::to_string(r.runoff->winner.value_or(0)) == v.at("winner"));
}

void check_row_examples(const SpecVector& v) {
  const std::string contest = contest_of(v.name);
  const protocol::Contest* c = count_config().find_contest(contest);
  BOOST_REQUIRE(c != nullptr);
  const RowJudge judge(count_config(), contest, v.at("district"));
  std::size_t rows = 0;
  for (const auto& [key, value] : v.fields) {
    if (key.rfind("row ", 0) != 0) continue;
    ++rows;
    const std::size_t arrow = value.find(" => ");
    BOOST_REQUIRE(arrow != std::string::npos);
    const auto row = parse_plaintext_row(value.substr(0, arrow), c->max_selections);
    BOOST_TEST(verdict_text(judge.judge(row)) == v.at(key).substr(arrow + 4), v.name << " " << key);
  }
  BOOST_TEST(rows >= 6u, v.name);
}

}  // namespace

BOOST_AUTO_TEST_CASE(row_examples) {
  for (const std::string name : {"count/rows/mayor", "count/rows/council", "count/rows/ranking"}) {
    const SpecVector& v = testing::find_vector(vectors(), name);
    check_row_examples(v);
    BOOST_TEST(v.unread().empty(), name << " has unchecked fields");
  }
}

BOOST_AUTO_TEST_CASE(runoff_examples_of_one_district) {
  for (const std::string name : {"count/runoff/tie-by-earlier-round", "count/runoff/tie-by-code"}) {
    const SpecVector& v = testing::find_vector(vectors(), name);
    const ContestResult r =
        count_district(count_config(), "ranking", v.at("district"), expand_rows(v.at("rows"), 3));
    BOOST_TEST(counts_text(r) == v.at("counts"), name);
    check_rounds(v, r);
    BOOST_TEST(v.unread().empty(), name << " has unchecked fields");
  }
}

BOOST_AUTO_TEST_CASE(total_example_runs_the_runoff_again) {
  const SpecVector& v = testing::find_vector(vectors(), "count/runoff/total");
  DistrictCounter d1(count_config(), "ranking", "d1"), d2(count_config(), "ranking", "d2");
  for (const auto& row : expand_rows(v.at("rows d1"), 3)) d1.add(row);
  for (const auto& row : expand_rows(v.at("rows d2"), 3)) d2.add(row);
  const DistrictCounter* both[] = {&d1, &d2};
  const ContestResult total = total_result(count_config(), "ranking", both);
  BOOST_TEST(counts_text(total) == v.at("counts"));
  std::string first;
  for (const ChoiceVotes& c : total.choices)
    first += (first.empty() ? "" : " ") + std::to_string(c.code) + "=" + std::to_string(c.votes);
  BOOST_TEST(first == v.at("first preferences"));
  check_rounds(v, total);
  BOOST_TEST(v.unread().empty(), "count/runoff/total has unchecked fields");
}

BOOST_AUTO_TEST_CASE(no_count_example_goes_unchecked) {
  const std::set<std::string> checked = {
      "count/rows/mayor",         "count/rows/council",
      "count/rows/ranking",       "count/runoff/tie-by-earlier-round",
      "count/runoff/tie-by-code", "count/runoff/total"};
  std::size_t found = 0;
  for (const SpecVector& v : vectors()) {
    if (v.name.rfind("count/", 0) != 0) continue;
    ++found;
    BOOST_TEST(checked.count(v.name) == 1u, "vector " << v.name << " is not checked by a test");
  }
  BOOST_TEST(found == checked.size());
}
