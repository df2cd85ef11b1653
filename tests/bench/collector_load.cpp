// Load benchmark of the collector (issue #10, point 7): simulated voters log
// in with the Web eID token of a test card (P-384) and cast a pre-signed
// ballot over TLS 1.3 against the real evote-collector and a throwaway
// PostgreSQL (durable commit) on this machine; prints accepted ballots per
// second, latency percentiles per request and per voter session, errors by
// kind, the CPU used by the collector, PostgreSQL and the load generator,
// and the command that reproduces the run.
//
//   build/tests/bench/collector_load                         # closed loop, 60 s
//   build/tests/bench/collector_load --rate 200 --seconds 60 # open loop, latency at 200/s
//   build/tests/bench/collector_load --help
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
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "collector_load/collector_process.hpp"
#include "collector_load/cpu_use.hpp"
#include "collector_load/load_run.hpp"
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

const char* const kUsage =
    "usage: collector_load [options]\n"
    "  --seconds S        measured span (default 60)\n"
    "  --rate R           open loop: R voter sessions per second (default: closed loop)\n"
    "  --clients C        client threads (default 32 closed loop, 128 open loop)\n"
    "  --voters N         voters on the list, each with two certificates (default 2000)\n"
    "  --ballots M        pre-made ballots, one per session (default: closed loop 600 per\n"
    "                     second of --seconds, open loop R * S)\n"
    "  --connection new|reuse  a new TLS connection per voter session (default), or one\n"
    "                     kept-alive connection per client thread\n"
    "  --group G          ristretto255 (default), modp3072-rfc3526, modp4096-eg\n"
    "  --workers W        the collector's limits.workers (default 32)\n"
    "  --threads T        the collector's I/O threads (default 0: the cores)\n";

struct Options {
  double seconds = 60;
  double rate = 0;
  unsigned clients = 0;
  std::size_t voters = 2000;
  std::size_t ballots = 0;
  bool reuse = false;
  std::string group = "ristretto255";
  unsigned workers = 32;
  unsigned threads = 0;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "collector_load: %s\n%s", message.c_str(), kUsage);
  std::exit(2);
}

double number(const std::string& name, const char* text, double low, double high) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || value < low || value > high)
    usage_error(name + ": must be a number from " + std::to_string(low) + " to " +
                std::to_string(high));
  return value;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--help" || name == "-h") {
      std::printf("%s", kUsage);
      std::exit(0);
    }
    if (i + 1 >= argc) usage_error(name + ": needs a value (or is unknown)");
    const char* value = argv[++i];
    if (name == "--seconds")
      o.seconds = number(name, value, 1, 86400);
    else if (name == "--rate")
      o.rate = number(name, value, 0.1, 100000);
    else if (name == "--clients")
      o.clients = static_cast<unsigned>(number(name, value, 1, 4096));
    else if (name == "--voters")
      o.voters = static_cast<std::size_t>(number(name, value, 1, 1e7));
    else if (name == "--ballots")
      o.ballots = static_cast<std::size_t>(number(name, value, 1, 1e8));
    else if (name == "--group")
      o.group = value;
    else if (name == "--workers")
      o.workers = static_cast<unsigned>(number(name, value, 1, 1024));
    else if (name == "--threads")
      o.threads = static_cast<unsigned>(number(name, value, 0, 256));
    else if (name == "--connection") {
      if (std::strcmp(value, "new") != 0 && std::strcmp(value, "reuse") != 0)
        usage_error("--connection: must be new or reuse");
      o.reuse = std::strcmp(value, "reuse") == 0;
    } else
      usage_error("unknown option " + name);
  }
  if (o.clients == 0) o.clients = o.rate > 0 ? 128 : 32;
  if (o.ballots == 0)
    o.ballots = static_cast<std::size_t>(o.rate > 0 ? o.rate * o.seconds : 600 * o.seconds);
  return o;
}

std::string command_line(int argc, char** argv) {
  std::string line = argv[0];
  for (int i = 1; i < argc; ++i) line += std::string(" ") + argv[i];
  return line;
}

std::string title(const Options& o) {
  char text[300];
  if (o.rate > 0)
    std::snprintf(text, sizeof text, "open loop: %.0f voter sessions per second for %.0f s", o.rate,
                  o.seconds);
  else
    std::snprintf(text, sizeof text, "closed loop: %u clients for %.0f s", o.clients, o.seconds);
  return std::string(text) +
         (o.reuse ? ", kept-alive connections" : ", a new TLS connection per voter") + ", " +
         std::to_string(o.voters) + " voters, " + o.group +
         ", durable commit (synchronous_commit on)";
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  crypto::init();
  std::printf("collector_load: %s\n", title(o).c_str());
  std::printf("reproduce: %s\n", command_line(argc, argv).c_str());
  std::printf(
      "re-vote limits are lifted in this election's config (ballot i is voter i mod %zu's)\n",
      o.voters);
  std::fflush(stdout);
  try {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const testing::TestElection& election = testing::test_election(o.group);
    testing::PostgresCluster db;
    BenchCollector collector(db, election);

    const VoterMaterial material =
        make_voter_material(election, collector.config(), o.voters, o.ballots, cores);
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
    const CpuReading before = meter.read();
    const auto started = std::chrono::steady_clock::now();
    const LoadResult result =
        run_load(load, material, collector.config(), context, collector.port(), collector.origin());
    const CpuReading after = meter.read();

    RunFacts facts;
    facts.title = title(o);
    facts.seconds = o.seconds;
    facts.cpu_wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    facts.cpu.collector = after.collector - before.collector;
    facts.cpu.postgres = after.postgres - before.postgres;
    facts.cpu.generator = after.generator - before.generator;
    facts.cpu.extra = after.extra - before.extra;
    facts.cpu.machine.busy = after.machine.busy - before.machine.busy;
    facts.cpu.machine.total = after.machine.total - before.machine.total;
    print_report(facts, result);
    collector.stop();
    // What the collector logged above info (its log holds no ballot content).
    std::istringstream log(collector.output());
    int shown = 0, others = 0;
    for (std::string line; std::getline(log, line);) {
      if (line.rfind("{", 0) != 0 || line.find("\"level\":\"info\"") != std::string::npos) continue;
      if (shown < 5)
        std::printf("%scollector log: %s\n", shown ? "" : "\n", line.c_str()), ++shown;
      else
        ++others;
    }
    if (others) std::printf("collector log: %d more lines above info\n", others);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "collector_load: %s\n", e.what());
    return 1;
  }
  return 0;
}
