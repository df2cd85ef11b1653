// Load benchmark of the collector (issue #10, point 7): simulated voters log
// in with the Web eID token of a test card (P-384) and cast a pre-signed
// ballot over TLS 1.3 against the real evote-collector, a throwaway
// PostgreSQL (durable commit) and an `openssl ocsp` responder that answers
// for every voter's signing certificate, all on this machine; voting is
// opened with the organizer's signed admin request. Prints accepted ballots
// per second (and per 10 s), latency percentiles per request and per voter
// session, errors by kind, the CPU used by the collector, PostgreSQL, the
// responder, the load generator and anything else, and the command that
// reproduces the run.
//
//   build/tests/bench/collector_load                          # closed loop, 60 s
//   build/tests/bench/collector_load --rate 200 --seconds 60  # open loop: latency at 200/s
//   build/tests/bench/collector_load --help                   # every option
//
// What is made beforehand and not counted: the voters' certificates and
// every ballot (encrypted, proved, signed like a card). What is counted:
// everything a voter's app does over the network, and its one signature
// that cannot be made beforehand (the token's, over the server's nonce);
// the report shows that signature's time separately.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "collector_load/collector_process.hpp"
#include "collector_load/cpu_use.hpp"
#include "collector_load/load_run.hpp"
#include "collector_load/options.hpp"
#include "collector_load/report.hpp"
#include "collector_load/voters.hpp"
#include "evote/crypto/init.hpp"
#include "storage/pg.hpp"
#include "support/ocsp_responder.hpp"
#include "support/postgres_cluster.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::bench;

namespace {

// What the collector logged above info (its log holds no ballot content).
void print_collector_warnings(const std::string& log_text) {
  std::istringstream log(log_text);
  int shown = 0, others = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.rfind("{", 0) != 0 || line.find("\"level\":\"info\"") != std::string::npos) continue;
    if (shown++ < 5)
      std::printf("%scollector log: %s\n", shown == 1 ? "\n" : "", line.c_str());
    else
      ++others;
  }
  if (others) std::printf("collector log: %d more lines above info\n", others);
}

CpuReading difference(const CpuReading& after, const CpuReading& before) {
  CpuReading d;
  d.collector = after.collector - before.collector;
  d.postgres = after.postgres - before.postgres;
  d.generator = after.generator - before.generator;
  d.extra = after.extra - before.extra;
  d.machine.busy = after.machine.busy - before.machine.busy;
  d.machine.total = after.machine.total - before.machine.total;
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  crypto::init();
  std::printf("collector_load: %s\n", describe(o).c_str());
  std::printf("reproduce: %s\n", command_line(argc, argv).c_str());
  std::printf("re-vote limits are lifted in this election's config (voters re-vote in a run)\n");
  std::fflush(stdout);
  try {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const testing::TestElection& election = testing::test_election(o.group);
    testing::PostgresCluster db;
    BenchCollector collector(db, election, o.collector,
                             o.tls_p256 ? testing::KeyType::ec_p256 : testing::KeyType::ec_p384);

    const VoterMaterial material = make_voter_material(election, collector.config(), o.voters,
                                                       o.ballots, o.ballots_per_login, cores);
    std::printf(
        "prepared (not timed): %zu voters' certificates in %.1f s; %zu ballots in %.1f s "
        "(%.2f ms each, %u threads)\n",
        material.voters.size(), material.certificate_seconds, material.ballots.size(),
        material.ballot_seconds,
        1000.0 * material.ballot_seconds * cores / static_cast<double>(material.ballots.size()),
        cores);
    collector.load_voter_list(voter_list_tsv(material.voters));
    // Every ballot's signing certificate is asked about (settings ocsp_url):
    // `openssl ocsp` answers "good" for each voter's.
    testing::OcspResponder responder(election.voter_pki);
    std::vector<testing::TestCertificate> signing;
    for (const Voter& v : material.voters) signing.push_back(v.signing);
    responder.add_good(signing);
    collector.start(CollectorSettings{o.threads, o.workers, responder.url()});
    collector.open_voting();

    collector::pg::Connection probe(db.connection_string());
    const pid_t postmaster =
        parent_pid(static_cast<pid_t>(probe.exec("SELECT pg_backend_pid()").integer(0, 0)));
    const std::vector<pid_t> responders = children_named("openssl");
    std::printf("processes: evote-collector %d, PostgreSQL postmaster %d, openssl ocsp %d\n",
                static_cast<int>(collector.pid()), static_cast<int>(postmaster),
                responders.empty() ? 0 : static_cast<int>(responders.front()));
    std::fflush(stdout);
    const CpuMeter meter(collector.pid(), postmaster, responders);
    const TlsClientContext context(collector.pinned_certificate_pem());

    LoadOptions load;
    load.rate = o.rate;
    load.clients = o.clients;
    load.seconds = o.seconds;
    load.reuse_connections = o.reuse;
    load.ballots_per_session = o.ballots_per_login;
    const CpuReading before = meter.read();
    const auto started = std::chrono::steady_clock::now();
    const LoadResult result =
        run_load(load, material, collector.config(), context, collector.port(), collector.origin());
    const CpuReading after = meter.read();

    RunFacts facts;
    facts.title = describe(o);
    facts.seconds = o.seconds;
    facts.cpu_wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    facts.cpu = difference(after, before);
    print_report(facts, result);
    collector.stop();
    print_collector_warnings(collector.output());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "collector_load: %s\n", e.what());
    return 1;
  }
  return 0;
}
