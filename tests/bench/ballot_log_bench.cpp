// How many ballots per second the collector's ballot log stores durably
// (synchronous_commit on) with group commit, against a throwaway PostgreSQL
// on this machine, for several numbers of concurrent submitters; and the
// per-ballot commit latency they see. The database part of a submission
// only: no TLS, no signature or proof checks (collector_load measures those).
//
//   build/tests/bench/ballot_log_bench [ballots per case, default 20000]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "evote/crypto/init.hpp"
#include "evote/crypto/random.hpp"
#include "storage/ballot_committer.hpp"
#include "storage/migrations.hpp"
#include "support/postgres_cluster.hpp"

using namespace evote;
using namespace evote::collector;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void run_case(const testing::PostgresCluster& db, int submitters, int ballots, int number) {
  const std::string name = "bench_" + std::to_string(number);
  {
    pg::Connection admin(db.connection_string());
    admin.exec("CREATE DATABASE " + name);
  }
  const std::string conninfo =
      "host=127.0.0.1 port=" + std::to_string(db.port()) + " user=postgres dbname=" + name;
  {
    pg::Connection c(conninfo);
    migrate(c);
  }
  BallotCommitter committer(conninfo);
  std::atomic<int> next{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(submitters));
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < submitters; ++t) {
    threads.emplace_back([&, t] {
      while (next++ < ballots) {
        NewBallot b;
        b.vote_id = crypto::random_bytes(16);
        b.time = 1803460000;
        b.voter_id = "38001085718";
        b.signed_ballot = crypto::random_bytes(1500);  // about a 3-contest signed ballot
        b.ocsp_response = crypto::random_bytes(1800);
        const auto sent = Clock::now();
        committer.submit(std::move(b)).get();
        latencies[static_cast<std::size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
      }
    });
  }
  for (auto& th : threads) th.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  const CommitterStats stats = committer.stats();
  std::printf("| %d | %d | %.2f | %.0f | %.1f | %.1f | %.1f | %llu | %.1f |\n", submitters, ballots,
              seconds, static_cast<double>(ballots) / seconds, percentile(all, 0.5),
              percentile(all, 0.95), percentile(all, 0.99),
              static_cast<unsigned long long>(stats.commits),
              static_cast<double>(stats.ballots) /
                  static_cast<double>(std::max<std::uint64_t>(stats.commits, 1)));
}

}  // namespace

int main(int argc, char** argv) {
  crypto::init();
  const int ballots = argc > 1 ? std::atoi(argv[1]) : 20000;
  testing::PostgresCluster db;
  std::printf(
      "ballot_log_bench: durable appends (synchronous_commit on, group commit), %d ballots per "
      "case\n",
      ballots);
  std::printf("reproduce: build/tests/bench/ballot_log_bench %d\n\n", ballots);
  std::printf(
      "| submitters | ballots | s | ballots/s | p50 ms | p95 ms | p99 ms | commits | "
      "ballots/commit |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  int number = 0;
  for (int submitters : {1, 8, 64, 256}) run_case(db, submitters, ballots, ++number);
  return 0;
}
