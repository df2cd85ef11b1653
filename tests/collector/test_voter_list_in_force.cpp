// The voter list version in force at each ballot's time, in a real
// PostgreSQL (specs/formats-ballots.md §6.2): a change set comes into force
// after every ballot already logged; a ballot checked against an older
// version is re-checked when it is logged, refused if its voter left the
// list or moved, and logged no earlier than the version it is logged under;
// an apply waits for an append in flight. In every case the version in force
// at a logged ballot's time (protocol::voter_list_version_at over the
// history the export carries) is one in which the ballot's voter is listed
// in the district the ballot was checked for.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <sstream>

#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/ballot_log.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"
#include "support/postgres_cluster.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::collector;
using namespace evote::testing;

namespace {

PostgresCluster& cluster() {
  static PostgresCluster server;
  return server;
}

// Each test its own database, migrated.
std::string fresh_database() {
  static int counter = 0;
  const std::string name = "in_force_" + std::to_string(++counter);
  pg::Connection admin(cluster().connection_string());
  admin.exec("CREATE DATABASE " + name);
  const std::string conninfo =
      "host=127.0.0.1 port=" + std::to_string(cluster().port()) + " user=postgres dbname=" + name;
  pg::Connection c(conninfo);
  migrate(c);
  return conninfo;
}

// Change set `sequence` of these TSV lines, chained to the list in force.
protocol::VoterListChanges change_set(pg::Connection& c, const std::string& tsv) {
  const VoterListState state = voter_list_state(c);
  protocol::VoterListChanges doc;
  doc.election_id = test_election().config.election_id;
  doc.sequence = state.version + 1;
  doc.previous = state.head;
  std::istringstream in(tsv);
  doc.changes = protocol::import_voter_tsv(in, "voters.tsv", test_election().config);
  protocol::sign(doc, test_election().organizer_key);
  return doc;
}

void apply_list(pg::Connection& c, const std::string& tsv, std::int64_t now) {
  apply_voter_list(c, test_election().config, change_set(c, tsv), now);
}

// A ballot of `voter` checked at `time` against the version in force now.
NewBallot checked_ballot(pg::Connection& c, const std::string& voter, std::int64_t time) {
  const VoterInForce in_force = find_voter_in_force(c, voter);
  BOOST_REQUIRE_MESSAGE(in_force.voter.has_value(), voter << " is not on the list");
  NewBallot b;
  b.vote_id = crypto::random_bytes(16);
  b.time = time;
  b.voter_id = voter;
  b.signed_ballot = crypto::random_bytes(200);
  b.voter_list_version = in_force.version;
  b.district = in_force.voter->district;
  return b;
}

LoggedEntry append_one(pg::Connection& c, const NewBallot& b) {
  const std::vector<LoggedEntry> out = append_ballots(c, {b});
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  return out[0];
}

const std::string kMari = "38001085718";
const std::string kJuri = "49002124277";
const std::string kOleg = "50001010006";
const std::string kFirstList =
    "add\t38001085718\tMari-Liis Männik\td1\nadd\t49002124277\tJüri Tamm\td2\n"
    "add\t50001010006\tOleg Ivanov\td1\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(voter_list_in_force)

BOOST_AUTO_TEST_CASE(a_change_set_comes_into_force_after_every_ballot_logged) {
  pg::Connection c(fresh_database());
  apply_list(c, kFirstList, 1000);
  BOOST_TEST(voter_list_history(c).at(0).applied == 1000);

  // A ballot logged at 2000 (say its collector's clock runs ahead), then a
  // change set applied by a collector whose clock says 1500: it comes into
  // force after the ballot, not before it.
  const LoggedEntry first = append_one(c, checked_ballot(c, kMari, 2000));
  BOOST_TEST(first.time == 2000);
  apply_list(c, "add\t60001019906\tAnna Kask\td2\n", 1500);
  // And never before the version it follows, whatever the clock says.
  apply_list(c, "add\t39912310174\tPeeter Mets\td1\n", 1200);

  const std::vector<protocol::VoterListVersion> history = voter_list_history(c);
  BOOST_REQUIRE_EQUAL(history.size(), 3u);
  BOOST_TEST(history[0].sequence == 1u);
  BOOST_TEST(history[1].sequence == 2u);
  BOOST_TEST(history[1].applied == 2001);
  BOOST_TEST(history[2].applied == 2001);
  BOOST_TEST(protocol::voter_list_version_at(history, first.time) == 1u);
  const VoterListState state = voter_list_state(c);
  BOOST_TEST((crypto::Bytes(state.head.begin(), state.head.end()) == history[2].change_set_hash));
}

BOOST_AUTO_TEST_CASE(a_ballot_checked_against_an_older_version_is_rechecked_when_logged) {
  pg::Connection c(fresh_database());
  apply_list(c, kFirstList, 1000);
  // Checked against version 1 at 1990; version 2 (Mari moves to d2, Jüri is
  // removed, Oleg stays) comes into force at 2000 before they are logged.
  const NewBallot mari = checked_ballot(c, kMari, 1990);
  const NewBallot juri = checked_ballot(c, kJuri, 1990);
  const NewBallot oleg = checked_ballot(c, kOleg, 1990);
  const NewBallot oleg_at_2005 = checked_ballot(c, kOleg, 2005);
  apply_list(c,
             "remove\t38001085718\nadd\t38001085718\tMari-Liis Männik\td2\nremove\t49002124277\n",
             2000);

  const std::vector<LoggedEntry> out = append_ballots(c, {mari, juri, oleg, oleg_at_2005});
  BOOST_REQUIRE_EQUAL(out.size(), 4u);
  BOOST_REQUIRE(out[0].not_eligible.has_value());
  BOOST_TEST(*out[0].not_eligible ==
             "moved to district d2 (voter list version 2 came into force while the ballot was "
             "being checked); a ballot of that district's contests is needed");
  BOOST_REQUIRE(out[1].not_eligible.has_value());
  BOOST_TEST(*out[1].not_eligible ==
             "not on the voter list (voter list version 2 came into force while the ballot was "
             "being checked)");
  BOOST_TEST(out[0].sequence == 0u);
  // Oleg's check still holds under version 2: logged, at its applied time.
  BOOST_REQUIRE(!out[2].not_eligible.has_value());
  BOOST_TEST(out[2].sequence == 1u);
  BOOST_TEST(out[2].time == 2000);
  BOOST_TEST(out[3].sequence == 2u);
  BOOST_TEST(out[3].time == 2005);
  BOOST_TEST(current_log_head(c).sequence == 2u);

  // A ballot checked against version 2 whose time was taken before version
  // 2's commit is logged no earlier than version 2 came into force.
  const LoggedEntry moved = append_one(c, checked_ballot(c, kMari, 1999));
  BOOST_TEST(!moved.not_eligible.has_value());
  BOOST_TEST(moved.time == 2000);

  // What the export carries: every logged ballot's time is in a version
  // that lists its voter in the district it was checked for.
  const std::vector<protocol::VoterListVersion> history = voter_list_history(c);
  std::vector<std::int64_t> times;
  for_each_ballot(c, [&](const StoredBallot& s) { times.push_back(s.entry.time); });
  BOOST_TEST((times == std::vector<std::int64_t>{2000, 2005, 2000}));
  for (const std::int64_t t : times) BOOST_TEST(protocol::voter_list_version_at(history, t) == 2u);
}

// An append in flight holds log_state; an apply meanwhile does not commit
// until it has, and comes into force after that append's ballots.
BOOST_AUTO_TEST_CASE(an_apply_waits_for_an_append_in_flight) {
  const std::string db = fresh_database();
  pg::Connection c(db);
  apply_list(c, kFirstList, 1000);
  const NewBallot late = checked_ballot(c, kJuri, 3000);

  pg::Connection in_flight(db);
  pg::Transaction append(in_flight);
  in_flight.exec("SELECT sequence FROM log_state WHERE id = 1 FOR UPDATE");

  auto applying = std::async(std::launch::async, [&db] {
    pg::Connection other(db);
    apply_list(other, "remove\t49002124277\n", 2500);
  });
  BOOST_TEST((applying.wait_for(std::chrono::milliseconds(500)) == std::future_status::timeout));
  BOOST_TEST(voter_list_state(c).version == 1u);  // not committed while the append runs
  // The append logs Jüri's ballot (checked against version 1) at 3000.
  in_flight.exec("UPDATE log_state SET latest_time = 3000 WHERE id = 1");
  append.commit();
  applying.get();
  const std::vector<protocol::VoterListVersion> history = voter_list_history(c);
  BOOST_REQUIRE_EQUAL(history.size(), 2u);
  BOOST_TEST(history[1].applied == 3001);

  // After the apply, a ballot checked against version 1 for Jüri is refused.
  BOOST_TEST(append_one(c, late).not_eligible.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
