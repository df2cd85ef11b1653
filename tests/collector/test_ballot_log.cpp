// The collector's ballot log on a real PostgreSQL (started by the test):
// schema migrations, a gapless chain from several connections at once,
// idempotent retries, group commit, and a server restart under load that
// loses no acknowledged ballot.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <thread>

#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "storage/ballot_committer.hpp"
#include "storage/ballot_log.hpp"
#include "storage/migrations.hpp"
#include "support/postgres_cluster.hpp"

using namespace evote;
using namespace evote::collector;
using evote::testing::PostgresCluster;

namespace {

// One server for the whole file; each test gets its own database.
PostgresCluster& cluster() {
  static PostgresCluster server;
  return server;
}

std::string fresh_database() {
  static int counter = 0;
  const std::string name = "log_test_" + std::to_string(++counter);
  pg::Connection admin(cluster().connection_string());
  admin.exec("CREATE DATABASE " + name);
  return "host=127.0.0.1 port=" + std::to_string(cluster().port()) +
         " user=postgres dbname=" + name;
}

NewBallot some_ballot(const std::string& voter) {
  NewBallot b;
  b.vote_id = crypto::random_bytes(16);
  b.time = 1803460000;
  b.voter_id = voter;
  b.signed_ballot = crypto::random_bytes(200);
  return b;
}

// Recomputes the chain over the stored rows: gapless from 1, each head the
// hash of the one before, log_state at the last.
std::uint64_t check_chain(pg::Connection& c) {
  std::uint64_t expected = 0;
  crypto::Bytes head = protocol::initial_log_head();
  for_each_ballot(c, [&](const StoredBallot& s) {
    BOOST_REQUIRE_EQUAL(s.entry.sequence, expected + 1);
    expected = s.entry.sequence;
    BOOST_REQUIRE(s.ballot_hash == protocol::ballot_hash(s.entry.signed_ballot));
    head = protocol::next_log_head(head, s.entry);
    BOOST_REQUIRE(s.log_head == head);
  });
  const LogHead state = current_log_head(c);
  BOOST_TEST(state.sequence == expected);
  BOOST_TEST(state.head == head);
  return expected;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ballot_log)

BOOST_AUTO_TEST_CASE(migrations_apply_once_and_a_newer_schema_is_refused) {
  pg::Connection c(fresh_database());
  BOOST_TEST(schema_version(c) == 0u);
  BOOST_TEST(migrate(c) == 0u);
  const std::uint32_t newest = built_in_migrations().back().version;
  BOOST_TEST(schema_version(c) == newest);
  BOOST_TEST(migrate(c) == newest);  // nothing to do the second time
  c.exec("UPDATE evote_schema SET version = 99");
  BOOST_CHECK_EXCEPTION(migrate(c), std::runtime_error, [](const std::runtime_error& e) {
    return std::string(e.what()).find(
               "database schema version 99 is newer than this collector knows") !=
           std::string::npos;
  });
  BOOST_TEST(schema_version(c) == 99u);
}

BOOST_AUTO_TEST_CASE(two_connections_appending_at_once_make_one_gapless_chain) {
  const std::string db = fresh_database();
  {
    pg::Connection c(db);
    migrate(c);
  }
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&db, w] {
      pg::Connection c(db);
      prepare_log_connection(c);
      for (int k = 0; k < 40; ++k) {
        std::vector<NewBallot> batch;
        for (int j = 0; j < 1 + k % 3; ++j)
          batch.push_back(some_ballot("3800108571" + std::to_string(w)));
        append_ballots(c, batch);
      }
    });
  }
  for (auto& t : writers) t.join();
  pg::Connection c(db);
  BOOST_TEST(check_chain(c) == 2u * (40 + 40 / 3 * 3));
}

BOOST_AUTO_TEST_CASE(a_retried_batch_is_not_appended_twice) {
  pg::Connection c(fresh_database());
  migrate(c);
  const std::vector<NewBallot> batch = {some_ballot("38001085718"), some_ballot("49002010976")};
  const std::vector<LoggedEntry> first = append_ballots(c, batch);
  const std::vector<LoggedEntry> again = append_ballots(c, batch);
  BOOST_REQUIRE_EQUAL(again.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    BOOST_TEST(again[k].sequence == first[k].sequence);
    BOOST_TEST(again[k].log_head == first[k].log_head);
  }
  BOOST_TEST(check_chain(c) == 2u);
}

BOOST_AUTO_TEST_CASE(concurrent_submissions_share_commits) {
  const std::string db = fresh_database();
  {
    pg::Connection c(db);
    migrate(c);
  }
  BallotCommitter committer(db);
  std::vector<std::thread> voters;
  std::atomic<int> acknowledged{0};
  for (int v = 0; v < 8; ++v) {
    voters.emplace_back([&] {
      for (int k = 0; k < 50; ++k) {
        if (committer.submit(some_ballot("38001085718")).get().sequence > 0) ++acknowledged;
      }
    });
  }
  for (auto& t : voters) t.join();
  BOOST_TEST(acknowledged.load() == 400);
  const CommitterStats stats = committer.stats();
  BOOST_TEST(stats.ballots == 400u);
  BOOST_TEST(stats.commits < 400u, "commits " << stats.commits << " for 400 ballots: no grouping");
  pg::Connection c(db);
  BOOST_TEST(check_chain(c) == 400u);
}

// Voters keep submitting while PostgreSQL restarts: every ballot that was
// acknowledged is in the log afterwards, and the chain is intact.
BOOST_AUTO_TEST_CASE(a_database_restart_under_load_loses_no_acknowledged_ballot) {
  const std::string db = fresh_database();
  {
    pg::Connection c(db);
    migrate(c);
  }
  BallotCommitter committer(db, 64, std::chrono::seconds(60));
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<crypto::Bytes> acknowledged;
  std::atomic<int> failed{0};
  std::vector<std::thread> voters;
  for (int v = 0; v < 4; ++v) {
    voters.emplace_back([&] {
      while (!stop) {
        NewBallot b = some_ballot("38001085718");
        const crypto::Bytes vote_id = b.vote_id;
        try {
          committer.submit(std::move(b)).get();
          std::lock_guard lock(mutex);
          acknowledged.push_back(vote_id);
        } catch (const std::exception&) {
          ++failed;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  cluster().restart();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : voters) t.join();
  BOOST_TEST(failed.load() == 0);
  BOOST_TEST(committer.stats().reconnects >= 1u);
  pg::Connection c(db);
  const std::uint64_t count = check_chain(c);
  BOOST_TEST(count >= acknowledged.size());
  for (const crypto::Bytes& vote_id : acknowledged) {
    const pg::Result r =
        c.exec("SELECT 1 FROM ballots WHERE vote_id = $1", {pg::Param::bytes(vote_id)});
    BOOST_REQUIRE_EQUAL(r.rows(), 1);
  }
}

BOOST_AUTO_TEST_SUITE_END()
