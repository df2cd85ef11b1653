// evote-tally count (specs/results.md §1–§2) on a tally folder of real
// files: every number of results.json against counts worked out by hand
// from the rows of specs/formats-ballots.md §3.1–§3.3 (single choice,
// approval, and ranked with IRV ties broken by an earlier round and by
// code), a district that cast no ballot counted as zero rows, and the
// signed count statement.
#include <boost/test/unit_test.hpp>

#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/file_hash.hpp"
#include "results_json.hpp"
#include "tally_folder.hpp"

using namespace evote::tally_test;
using evote::protocol::Json;

namespace {

// The contest `id` of results.json.
const Json& contest(const Json& results, const std::string& id) {
  for (const Json& c : results.at("contests"))
    if (c.at("id") == id) return c;
  BOOST_FAIL("no contest " + id);
  throw;
}

const Json& district(const Json& contest, const std::string& id) {
  for (const Json& d : contest.at("districts"))
    if (d.at("district") == id) return d;
  BOOST_FAIL("no district " + id);
  throw;
}

std::string canonical(const Json& j) { return evote::protocol::canonical_string(j); }

// "code=count ..." of a choices or counts array.
std::string counts(const Json& items) {
  std::string out;
  for (const Json& c : items)
    out += (out.empty() ? "" : " ") + std::to_string(c.at("code").get<std::uint64_t>()) + "=" +
           std::to_string(c.at("count").get<std::uint64_t>());
  return out;
}

// The round table as specs/formats-ballots.md §3.2 writes it.
std::string round_table(const Json& runoff) {
  std::string out;
  for (const Json& r : runoff.at("rounds")) {
    out += "round " + std::to_string(r.at("number").get<int>()) + ": " + counts(r.at("counts")) +
           " exhausted=" + std::to_string(r.at("exhausted").get<int>()) + " " +
           r.at("outcome").get<std::string>() + " " + std::to_string(r.at("choice").get<int>());
    if (r.at("tie_break") == "earlier-round")
      out += ", tie broken by round " + std::to_string(r.at("tie_break_round").get<int>());
    if (r.at("tie_break") == "choice-code") out += ", tie broken by code";
    out += "\n";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(counts_every_contest_per_district_and_in_total) {
  TallyFolder t;
  add_all_batches(t);
  const Run r = ok(t.count());
  BOOST_TEST(r.has("contest mayor (Linnapea): 11 rows, 7 valid, 2 blank, 2 invalid"));
  BOOST_TEST(
      r.has("contest ranking (Pingerida): 22 rows, 20 valid, 1 blank, 1 invalid; runoff of "
            "6 rounds, elected 23"));
  const Json results = t.results();
  BOOST_TEST(results.at("type") == "election-results");
  BOOST_TEST(results.at("election_id") == t.config().election_id);
  BOOST_TEST(results.at("contests").size() == 3u);
  BOOST_TEST(results.at("contests")[0].at("id") == "mayor");
  BOOST_TEST(results.at("contests")[1].at("id") == "council");
  BOOST_TEST(results.at("contests")[2].at("id") == "ranking");

  // Single choice. d1: 101 101 102 1 201 invalid 103; d2: 201 202 202 1.
  const Json& mayor = contest(results, "mayor");
  BOOST_TEST(mayor.at("type") == "single");
  BOOST_TEST(canonical(mayor.at("names")) == R"({"et":"Linnapea"})");
  BOOST_TEST(canonical(district(mayor, "d1")) ==
             R"({"blank":1,"choices":[{"code":101,"count":2},{"code":102,"count":1},)"
             R"({"code":103,"count":1}],"district":"d1","invalid":2,"invalid_by_reason":)"
             R"({"other-district":1,"rank-after-blank":0,"repeated-code":0,"unknown-code":1},)"
             R"("rows":7,"valid":4})");
  BOOST_TEST(canonical(district(mayor, "d2")) ==
             R"({"blank":1,"choices":[{"code":201,"count":1},{"code":202,"count":2}],)"
             R"("district":"d2","invalid":0,"invalid_by_reason":{"other-district":0,)"
             R"("rank-after-blank":0,"repeated-code":0,"unknown-code":0},"rows":4,"valid":3})");
  BOOST_TEST(canonical(mayor.at("total")) ==
             R"({"blank":2,"choices":[{"code":101,"count":2},{"code":102,"count":1},)"
             R"({"code":103,"count":1},{"code":201,"count":1},{"code":202,"count":2}],)"
             R"("invalid":2,"invalid_by_reason":{"other-district":1,"rank-after-blank":0,)"
             R"("repeated-code":0,"unknown-code":1},"rows":11,"valid":7})");

  // Approval, on d1's ballot only: 11 13 | 13 1 | 1 13 | 1 1 | 12 12 | 12 101.
  const Json& council = contest(results, "council");
  BOOST_TEST(council.at("type") == "approval");
  BOOST_TEST(council.at("max_selections") == 2);
  BOOST_TEST(council.at("districts").size() == 1u);
  const std::string council_counts =
      R"("blank":1,"choices":[{"code":11,"count":1},{"code":12,"count":0},)"
      R"({"code":13,"count":3},{"code":14,"count":0}],)";
  const std::string council_rest =
      R"("invalid":2,"invalid_by_reason":{"other-district":0,"rank-after-blank":0,)"
      R"("repeated-code":1,"unknown-code":1},"rows":6,"valid":3})";
  BOOST_TEST(canonical(district(council, "d1")) ==
             "{" + council_counts + R"("district":"d1",)" + council_rest);
  BOOST_TEST(canonical(council.at("total")) == "{" + council_counts + council_rest);

  // Ranked: the vectors count/runoff/tie-by-earlier-round, tie-by-code and total.
  const Json& ranking = contest(results, "ranking");
  const Json& d1 = district(ranking, "d1");
  BOOST_TEST(d1.at("rows") == 19);
  BOOST_TEST(d1.at("valid") == 17);
  BOOST_TEST(d1.at("blank") == 1);
  BOOST_TEST(d1.at("invalid_by_reason").at("rank-after-blank") == 1);
  BOOST_TEST(counts(d1.at("choices")) == "21=6 22=4 23=5 24=2");
  BOOST_TEST(round_table(d1.at("runoff")) ==
             "round 1: 21=6 22=4 23=5 24=2 exhausted=0 eliminated 24\n"
             "round 2: 21=6 22=5 23=5 exhausted=1 eliminated 22, tie broken by round 1\n"
             "round 3: 21=6 23=8 exhausted=3 elected 23\n");
  BOOST_TEST(d1.at("runoff").at("winner") == 23);
  BOOST_TEST(canonical(district(ranking, "d2").at("runoff")) ==
             R"({"rounds":[{"choice":33,"counts":[{"code":31,"count":1},{"code":32,"count":1},)"
             R"({"code":33,"count":1}],"exhausted":0,"number":1,"outcome":"eliminated",)"
             R"("tie_break":"choice-code"},{"choice":32,"counts":[{"code":31,"count":1},)"
             R"({"code":32,"count":1}],"exhausted":1,"number":2,"outcome":"eliminated",)"
             R"("tie_break":"choice-code"},{"choice":31,"counts":[{"code":31,"count":1}],)"
             R"("exhausted":2,"number":3,"outcome":"elected","tie_break":"none"}],"winner":31})");
  const Json& total = ranking.at("total");
  BOOST_TEST(total.at("rows") == 22);
  BOOST_TEST(total.at("valid") == 20);
  BOOST_TEST(total.at("blank") == 1);
  BOOST_TEST(total.at("invalid") == 1);
  BOOST_TEST(counts(total.at("choices")) == "21=6 22=4 23=5 24=2 31=1 32=1 33=1");
  BOOST_TEST(
      round_table(total.at("runoff")) ==
      "round 1: 21=6 22=4 23=5 24=2 31=1 32=1 33=1 exhausted=0 eliminated 33, tie broken "
      "by code\n"
      "round 2: 21=6 22=4 23=5 24=2 31=1 32=1 exhausted=1 eliminated 32, tie broken by code\n"
      "round 3: 21=6 22=4 23=5 24=2 31=1 exhausted=2 eliminated 31\n"
      "round 4: 21=6 22=4 23=5 24=2 exhausted=3 eliminated 24\n"
      "round 5: 21=6 22=5 23=5 exhausted=4 eliminated 22, tie broken by round 4\n"
      "round 6: 21=6 23=8 exhausted=6 elected 23\n");
  BOOST_TEST(total.at("runoff").at("winner") == 23);

  // The reader accepts what count wrote, and gets the same numbers back.
  const evote::tally::ElectionResults read =
      evote::tally::read_results(t.dir() / "results.json", t.config(), t.config_hash());
  BOOST_TEST(read.contests[2].total.runoff->rounds.size() == 6u);
  BOOST_TEST(canonical(evote::tally::results_to_json(t.config(), read)) == canonical(results));
}

BOOST_AUTO_TEST_CASE(signs_a_count_statement_after_anonymize) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  const evote::tally::StepStatement s = evote::tally::read_statement(
      t.dir() / "count.statement.json", "count", t.config(), t.config_hash());
  BOOST_TEST((s.previous == evote::protocol::hash_file(t.dir() / "anonymize.statement.json").hash));
  // rows 11 + 6 + 22, valid 7 + 3 + 20, blank 2 + 1 + 1, invalid 2 + 2 + 1.
  BOOST_TEST(s.counts.at("rows") == 39u);
  BOOST_TEST(s.counts.at("valid") == 30u);
  BOOST_TEST(s.counts.at("blank") == 4u);
  BOOST_TEST(s.counts.at("invalid") == 5u);
  BOOST_TEST(s.counts.size() == 4u);
  BOOST_REQUIRE(s.outputs.size() == 1u);
  BOOST_TEST(s.outputs[0].name == "results.json");
  BOOST_TEST((s.outputs[0].hash == evote::protocol::hash_file(t.dir() / "results.json").hash));
  std::vector<std::string> names;
  for (const auto& f : s.inputs) {
    names.push_back(f.name);
    BOOST_TEST((f.hash == evote::protocol::hash_file(t.dir() / f.name).hash), f.name);
  }
  const std::vector<std::string> expected = {
      "batches/council/d1/plaintexts.txt", "batches/council/d1/stage-2.ctxt",
      "batches/mayor/d1/plaintexts.txt",   "batches/mayor/d1/stage-2.ctxt",
      "batches/mayor/d2/plaintexts.txt",   "batches/mayor/d2/stage-2.ctxt",
      "batches/ranking/d1/plaintexts.txt", "batches/ranking/d1/stage-2.ctxt",
      "batches/ranking/d2/plaintexts.txt", "batches/ranking/d2/stage-2.ctxt"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_the_highest_stage_of_a_longer_cascade) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 2, "101\n1\n", 3);
  t.write_anonymize_statement();
  ok(t.count());
  const evote::tally::StepStatement s = evote::tally::read_statement(
      t.dir() / "count.statement.json", "count", t.config(), t.config_hash());
  BOOST_REQUIRE(s.inputs.size() == 2u);
  BOOST_TEST(s.inputs[1].name == "batches/mayor/d1/stage-3.ctxt");
}

// A district whose voters cast no ballot has no batch: its contests count
// zero rows, and a ranked total still lets its choices stand in round 1.
BOOST_AUTO_TEST_CASE(a_district_without_ballots_counts_zero_rows) {
  TallyFolder t;
  t.add_batch("mayor", "d1", kMayorD1);
  t.add_batch("council", "d1", kCouncilD1);
  t.add_batch("ranking", "d1", kRankingD1);
  t.write_anonymize_statement();
  ok(t.count());
  const Json results = t.results();
  const Json& mayor_d2 = district(contest(results, "mayor"), "d2");
  BOOST_TEST(mayor_d2.at("rows") == 0);
  BOOST_TEST(counts(mayor_d2.at("choices")) == "201=0 202=0");
  BOOST_TEST(contest(results, "mayor").at("total").at("rows") == 7);
  BOOST_TEST(counts(contest(results, "mayor").at("total").at("choices")) ==
             "101=2 102=1 103=1 201=0 202=0");
  const Json& ranking = contest(results, "ranking");
  BOOST_TEST(canonical(district(ranking, "d2").at("runoff")) == R"({"rounds":[]})");
  BOOST_TEST(
      round_table(ranking.at("total").at("runoff")) ==
      "round 1: 21=6 22=4 23=5 24=2 31=0 32=0 33=0 exhausted=0 eliminated 33, tie broken "
      "by code\n"
      "round 2: 21=6 22=4 23=5 24=2 31=0 32=0 exhausted=0 eliminated 32, tie broken by code\n"
      "round 3: 21=6 22=4 23=5 24=2 31=0 exhausted=0 eliminated 31\n"
      "round 4: 21=6 22=4 23=5 24=2 exhausted=0 eliminated 24\n"
      "round 5: 21=6 22=5 23=5 exhausted=1 eliminated 22, tie broken by round 4\n"
      "round 6: 21=6 23=8 exhausted=3 elected 23\n");
  const evote::tally::StepStatement s = evote::tally::read_statement(
      t.dir() / "count.statement.json", "count", t.config(), t.config_hash());
  BOOST_TEST(s.inputs.size() == 6u);
  BOOST_TEST(s.counts.at("rows") == 7u + 6u + 19u);
}
