// The app refuses a collector it cannot trust before any card is touched:
// a config that is tampered with, unsigned, or signed by another key than
// the organizer's of the app settings; and a server whose TLS certificate is
// not the one the signed config names. The hostile servers are real HTTPS
// servers (the collector's own Beast/OpenSSL front, TLS 1.3) serving what an
// attacker in the middle would serve; the genuine collector of the
// environment is the source of the genuine config.
#include <boost/test/unit_test.hpp>
#include <functional>

#include "evote/voter/voter_error.hpp"
#include "evote/voter/voting_session.hpp"
#include "http/https_server.hpp"
#include "voter_fixture.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(VoterTestsGlobal);

namespace {

// An HTTPS server answering every GET /v1/election with `config_body`,
// presenting `certificate` (with its key and chain).
class HostileServer {
 public:
  HostileServer(const TestCertificate& certificate, const std::string& chain_pem,
                std::string config_body)
      : body_(std::move(config_body)), server_(options(certificate, chain_pem), {listener()}) {}

  voter::AppSettings settings() const {
    voter::AppSettings settings = VoterEnvironment::get().settings();
    settings.collector_url = "https://127.0.0.1:" + std::to_string(server_.port(0));
    return settings;
  }

 private:
  static collector::HttpsServerOptions options(const TestCertificate& certificate,
                                               const std::string& chain_pem) {
    collector::HttpsServerOptions options;
    options.certificate_pem = certificate.pem() + chain_pem;
    options.private_key_pem = certificate.key().private_key_pem();
    options.io_threads = 1;
    options.workers = 2;
    return options;
  }

  collector::Listener listener() {
    collector::Listener listener;
    listener.handler = [this](const collector::HttpRequest& request) {
      if (request.target != "/v1/election")
        return collector::error_response(404, "not_found", "only the config is served here");
      collector::HttpResponse response;
      response.body = body_;
      return response;
    };
    return listener;
  }

  std::string body_;
  collector::HttpsServer server_;
};

voter::VoterError connect_error(const voter::AppSettings& settings) {
  voter::VotingSession session(settings);
  try {
    session.connect();
  } catch (const voter::VoterError& e) {
    BOOST_TEST(!session.connected());
    return e;
  }
  BOOST_FAIL("connect() accepted an untrusted collector");
  throw std::logic_error("unreachable");
}

// The genuine signed config with `edit` applied to its JSON.
std::string edited_config(const std::function<void(protocol::Json&)>& edit) {
  protocol::Json document = protocol::Json::parse(VoterEnvironment::get().s.signed_config);
  edit(document);
  return protocol::canonical_string(document);
}

void expect_untrusted(const std::string& body, const std::string& message) {
  const VoterEnvironment& env = VoterEnvironment::get();
  const HostileServer server(env.s.tls, env.s.tls_pki.intermediate.pem(), body);
  const voter::VoterError e = connect_error(server.settings());
  BOOST_TEST((e.kind() == voter::ErrorKind::config_untrusted), e.what());
  BOOST_TEST(std::string(e.what()).find(message) != std::string::npos, e.what());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(untrusted_collector)

BOOST_AUTO_TEST_CASE(the_genuine_config_through_the_same_server_is_accepted) {
  // The control: the hostile server with the genuine config and certificate
  // is a trusted collector, so the refusals below are the edits'.
  const VoterEnvironment& env = VoterEnvironment::get();
  const HostileServer server(env.s.tls, env.s.tls_pki.intermediate.pem(), env.s.signed_config);
  voter::VotingSession session(server.settings());
  session.connect();
  BOOST_TEST(session.config().election_id == env.s.config.election_id);
}

BOOST_AUTO_TEST_CASE(a_tampered_config_is_refused) {
  // A candidate's name changed under the organizer's signature.
  expect_untrusted(edited_config([](protocol::Json& d) {
                     d["contests"][0]["choices"][0]["names"]["et"] = "Mati Maasikas";
                   }),
                   "not signed by the organizer key this app trusts");
  // The collector's key swapped for the attacker's.
  expect_untrusted(edited_config([](protocol::Json& d) {
                     d["collector"]["signing_key"] = protocol::base64url_encode(
                         crypto::Ed25519SigningKey::generate().public_key().bytes);
                   }),
                   "not signed by the organizer key this app trusts");
}

BOOST_AUTO_TEST_CASE(an_unsigned_config_is_refused) {
  expect_untrusted(edited_config([](protocol::Json& d) { d.erase("signature"); }),
                   "the election config is not signed");
}

BOOST_AUTO_TEST_CASE(a_config_signed_by_another_key_is_refused) {
  // Re-signed by an attacker's key, naming it as the organizer.
  const crypto::Ed25519SigningKey attacker = crypto::Ed25519SigningKey::generate();
  protocol::ElectionConfig config = VoterEnvironment::get().s.config;
  config.organizer_key = attacker.public_key();
  protocol::Json document = protocol::to_json(config);
  protocol::sign_document(document, attacker);
  expect_untrusted(protocol::canonical_string(document),
                   "not signed by the organizer key this app trusts");
}

BOOST_AUTO_TEST_CASE(an_app_trusting_another_organizer_refuses_the_real_collector) {
  voter::AppSettings settings = VoterEnvironment::get().settings();
  settings.organizer_key = crypto::Ed25519SigningKey::generate().public_key();
  const voter::VoterError e = connect_error(settings);
  BOOST_TEST((e.kind() == voter::ErrorKind::config_untrusted), e.what());
}

BOOST_AUTO_TEST_CASE(a_collector_with_another_certificate_is_refused) {
  // The genuine signed config, served with a certificate other than the one
  // it names (an attacker in the middle with a certificate of their own).
  const VoterEnvironment& env = VoterEnvironment::get();
  const TestPki other = TestPki::create("Attacker TLS");
  const TestCertificate certificate = other.issue_leaf(KeyType::ec_p384, server_options());
  const HostileServer server(certificate, other.intermediate.pem(), env.s.signed_config);
  const voter::VoterError e = connect_error(server.settings());
  BOOST_TEST((e.kind() == voter::ErrorKind::certificate_pin), e.what());
  BOOST_TEST(std::string(e.what()).find("other than the one the signed election config names") !=
                 std::string::npos,
             e.what());
}

BOOST_AUTO_TEST_SUITE_END()
