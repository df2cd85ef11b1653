// The real evote-collector program against a real PostgreSQL and real TLS:
// it refuses to start with a bad setting or a key that is not the config's,
// serves the signed election config and a signed log head, reports health,
// readiness and metrics, and drains and exits on SIGTERM.
#include <boost/test/unit_test.hpp>

#include "collector_fixture.hpp"
#include "evote/protocol/base64url.hpp"

using namespace evote;
using namespace evote::testing;
namespace fs = std::filesystem;

namespace {

PostgresCluster& cluster() {
  static PostgresCluster server;
  return server;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_program)

BOOST_AUTO_TEST_CASE(
    it_serves_the_config_a_signed_log_head_health_and_metrics_and_stops_on_sigterm) {
  const Setup s(cluster());
  RunningCollector collector(s);
  const HttpsReply config = https_request(s.client(), "GET", "/v1/election");
  BOOST_TEST(config.status == 200u);
  BOOST_TEST(config.body == s.signed_config);

  const HttpsReply head = https_request(s.client(), "GET", "/v1/log/head");
  BOOST_REQUIRE_EQUAL(head.status, 200u);
  const protocol::Json document =
      protocol::parse_canonical(crypto::as_bytes(head.body), "log head");
  BOOST_TEST(document.at("type") == "log-head");
  BOOST_TEST(document.at("election_id") == s.election.config.election_id);
  BOOST_TEST(document.at("sequence") == 0);
  BOOST_TEST(protocol::verify_document_signature(document, s.election.collector_key.public_key(),
                                                 "log head")
                 .ok);

  BOOST_TEST(https_request(s.client(), "GET", "/readyz").status == 200u);
  const HttpsReply missing = https_request(s.client(), "POST", "/v1/nothing-here");
  BOOST_TEST(missing.status == 404u);
  BOOST_TEST(missing.body.find("\"error\":\"not_found\"") != std::string::npos);
  const HttpsReply metrics = https_request(s.client(), "GET", "/metrics");
  BOOST_TEST(metrics.body.find("evote_requests_total{route=\"/v1/election\",status=\"200\"} 1") !=
                 std::string::npos,
             metrics.body);
  BOOST_TEST(metrics.body.find("evote_refusals_total{code=\"not_found\"} 1") != std::string::npos,
             metrics.body);
  BOOST_TEST(collector.stop() == 0, collector.output());
  const std::string log = collector.output();
  BOOST_TEST(log.find("\"event\":\"stopped\"") != std::string::npos, log);
  BOOST_TEST(log.find("collector passphrase") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(it_refuses_to_start_naming_the_bad_setting) {
  // A database of its own: a database serves one election config, and the
  // other test's config names another TLS certificate.
  PostgresCluster db;
  const Setup s(db);
  const std::string check =
      kCollector + " check-config --config " + shell_quote(s.dir / "collector.json");
  ProgramRun r = run_program(check);
  BOOST_TEST(r.status == 0, r.output);

  s.write_settings(", \"log_level\": \"chatty\"");
  r = run_program(check);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("collector.json: log_level: must be error, warning, info or debug") !=
                 std::string::npos,
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
  BOOST_TEST(r.output.find(
                 "tls_certificate: its first certificate is not the collector TLS certificate") !=
                 std::string::npos,
             r.output);

  // A database that cannot be reached.
  write_text(s.dir / "tls.pem", s.tls.pem());
  write_text(s.dir / "tls.key", s.tls.key().private_key_pem());
  std::string settings =
      "{\"listen\": \"127.0.0.1:1\", \"tls_certificate\": \"tls.pem\", \"tls_key\": \"tls.key\", "
      "\"signing_key\": \"collector.key\", \"passphrase_file\": \"passphrase.txt\", \"database\": "
      "\"host=127.0.0.1 port=" +
      std::to_string(free_tcp_port()) +
      " user=postgres connect_timeout=3\", "
      "\"election_folder\": \"election\", \"origin\": \"https://127.0.0.1\"}";
  write_text(s.dir / "collector.json", settings);
  r = run_program(check);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("database: cannot connect") != std::string::npos, r.output);
}

BOOST_AUTO_TEST_SUITE_END()
