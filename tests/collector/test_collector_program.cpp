// The real evote-collector program against a real PostgreSQL and real TLS:
// it refuses to start with a bad setting or a key that is not the config's,
// serves the signed election config and a signed log head, reports health,
// readiness and metrics, and drains and exits on SIGTERM.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/election_config.hpp"
#include "support/https_client.hpp"
#include "support/postgres_cluster.hpp"
#include "support/run_program.hpp"
#include "support/test_election.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using namespace evote::testing;
namespace fs = std::filesystem;

namespace {

const std::string kCollector = EVOTE_COLLECTOR_BIN;

CertOptions server_options() {
  CertOptions o;
  o.common_name = "127.0.0.1";
  o.extended_key_usage = {"serverAuth"};
  return o;
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// An election folder whose signed config names this collector's TLS
// certificate and signing key, the sealed key, TLS files and settings.
struct Setup {
  PostgresCluster& db;
  const TestElection& election = test_election();
  TestPki tls_pki = TestPki::create("Collector TLS");
  TestCertificate tls = tls_pki.issue_leaf(KeyType::ec_p384, server_options());
  TempFolder dir;
  int port = free_tcp_port();
  std::string signed_config;

  explicit Setup(PostgresCluster& cluster) : db(cluster) {
    protocol::ElectionConfig config = election.config;
    config.collector = protocol::CollectorKeys{tls.der(), election.collector_key.public_key()};
    protocol::Json document = protocol::to_json(config);
    protocol::sign_document(document, election.organizer_key);
    signed_config = protocol::canonical_string(document);
    fs::create_directories(dir / "election");
    write_text(dir / "election" / "config.json", signed_config);
    write_text(dir / "tls.pem", tls.pem() + tls_pki.intermediate.pem());
    write_text(dir / "tls.key", tls.key().private_key_pem());
    write_text(dir / "passphrase.txt", "collector passphrase\n");
    const auto sealed = protocol::seal_signing_key(election.collector_key, "collector", "collector passphrase",
                                                   crypto::Argon2Cost::interactive());
    write_text(dir / "collector.key", protocol::canonical_string(protocol::to_json(sealed)));
    write_settings("");
  }

  void write_settings(const std::string& extra) const {
    write_text(dir / "collector.json",
               "{\"listen\": \"127.0.0.1:" + std::to_string(port) +
                   "\", \"tls_certificate\": \"tls.pem\", \"tls_key\": \"tls.key\", \"signing_key\": "
                   "\"collector.key\", \"passphrase_file\": \"passphrase.txt\", \"database\": \"" +
                   db.connection_string() + "\", \"election_folder\": \"election\", \"origin\": "
                   "\"https://127.0.0.1\"" + extra + "}");
  }

  HttpsClientOptions client() const {
    HttpsClientOptions c;
    c.port = static_cast<std::uint16_t>(port);
    c.trusted_pem = tls.pem();  // pinned, as the voter app pins the config's certificate
    return c;
  }
};

// evote-collector serve in the background; stopped (SIGTERM) at the end.
struct RunningCollector {
  pid_t pid = -1;
  fs::path log;
  RunningCollector(const Setup& s) : log(s.dir / "collector.log") {
    pid = ::fork();
    if (pid == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      const std::string settings = (s.dir / "collector.json").string();
      ::execl(kCollector.c_str(), kCollector.c_str(), "serve", "--config", settings.c_str(), nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 300; ++i) {  // up to 30 s for the port to answer
      try {
        if (https_request(s.client(), "GET", "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_FAIL("evote-collector did not start: " << output());
  }
  std::string output() const {
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  int stop() {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~RunningCollector() {
    if (pid > 0) stop();
  }
};

PostgresCluster& cluster() {
  static PostgresCluster server;
  return server;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_program)

BOOST_AUTO_TEST_CASE(it_serves_the_config_a_signed_log_head_health_and_metrics_and_stops_on_sigterm) {
  const Setup s(cluster());
  RunningCollector collector(s);
  const HttpsReply config = https_request(s.client(), "GET", "/v1/election");
  BOOST_TEST(config.status == 200u);
  BOOST_TEST(config.body == s.signed_config);

  const HttpsReply head = https_request(s.client(), "GET", "/v1/log/head");
  BOOST_REQUIRE_EQUAL(head.status, 200u);
  const protocol::Json document = protocol::parse_canonical(crypto::as_bytes(head.body), "log head");
  BOOST_TEST(document.at("type") == "log-head");
  BOOST_TEST(document.at("election_id") == s.election.config.election_id);
  BOOST_TEST(document.at("sequence") == 0);
  BOOST_TEST(protocol::verify_document_signature(document, s.election.collector_key.public_key(), "log head").ok);

  BOOST_TEST(https_request(s.client(), "GET", "/readyz").status == 200u);
  const HttpsReply missing = https_request(s.client(), "POST", "/v1/nothing-here");
  BOOST_TEST(missing.status == 404u);
  BOOST_TEST(missing.body.find("\"error\":\"not_found\"") != std::string::npos);
  const HttpsReply metrics = https_request(s.client(), "GET", "/metrics");
  BOOST_TEST(metrics.body.find("evote_requests_total{route=\"/v1/election\",status=\"200\"} 1") != std::string::npos,
             metrics.body);
  BOOST_TEST(metrics.body.find("evote_refusals_total{code=\"not_found\"} 1") != std::string::npos, metrics.body);
  BOOST_TEST(collector.stop() == 0, collector.output());
  const std::string log = collector.output();
  BOOST_TEST(log.find("\"event\":\"stopped\"") != std::string::npos, log);
  BOOST_TEST(log.find("collector passphrase") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(it_refuses_to_start_naming_the_bad_setting) {
  const Setup s(cluster());
  const std::string check = kCollector + " check-config --config " + shell_quote(s.dir / "collector.json");
  ProgramRun r = run_program(check);
  BOOST_TEST(r.status == 0, r.output);

  s.write_settings(", \"log_level\": \"chatty\"");
  r = run_program(check);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("collector.json: log_level: must be error, warning, info or debug") != std::string::npos,
             r.output);

  s.write_settings("");
  write_text(s.dir / "passphrase.txt", "wrong\n");
  r = run_program(check);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("collector.key") != std::string::npos, r.output);
  write_text(s.dir / "passphrase.txt", "collector passphrase\n");

  // A TLS certificate other than the one the config names (voters pin that one).
  const TestCertificate other = s.tls_pki.issue_leaf(KeyType::ec_p384, server_options());
  write_text(s.dir / "tls.pem", other.pem());
  write_text(s.dir / "tls.key", other.key().private_key_pem());
  r = run_program(check);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("tls_certificate: its first certificate is not the collector TLS certificate") !=
                 std::string::npos,
             r.output);

  // A database that cannot be reached.
  write_text(s.dir / "tls.pem", s.tls.pem());
  write_text(s.dir / "tls.key", s.tls.key().private_key_pem());
  std::string settings = "{\"listen\": \"127.0.0.1:1\", \"tls_certificate\": \"tls.pem\", \"tls_key\": \"tls.key\", "
                         "\"signing_key\": \"collector.key\", \"passphrase_file\": \"passphrase.txt\", \"database\": "
                         "\"host=127.0.0.1 port=" + std::to_string(free_tcp_port()) + " user=postgres connect_timeout=3\", "
                         "\"election_folder\": \"election\", \"origin\": \"https://127.0.0.1\"}";
  write_text(s.dir / "collector.json", settings);
  r = run_program(check);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("database: cannot connect") != std::string::npos, r.output);
}

BOOST_AUTO_TEST_SUITE_END()
