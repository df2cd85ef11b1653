// POST /v1/ballots step 9, the signing certificate's status by OCSP
// (specs/collector-api.md §2.5), through the real evote-collector, real
// PostgreSQL and a real `openssl ocsp` responder on loopback
// (support/ocsp_responder.hpp): a good answer is stored with the ballot and
// passes the tally's re-check; revoked, unknown, no answer, a slow answer
// and an answer signed by a foreign responder are each refused with their
// code and leave the log as it was.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/ocsp.hpp"
#include "collector_fixture.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/migrations.hpp"
#include "storage/pg.hpp"
#include "storage/voter_list.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;

namespace {

const std::string kOrigin = "https://127.0.0.1";
const std::string kJuri = "49002124277";  // d2
const std::string kListTsv = "add\t49002124277\tJüri Tamm\td2\n";

// The config trusts the voter PKI (root and issuing CA); voting is open now.
constexpr auto open_now = voting_open_now;

void load_list(const Setup& s) { apply_test_voters(s, kListTsv); }

// The settings' extra members, given the test responder.
using ExtraSettings = std::function<std::string(const OcspResponder&)>;

// Jüri, logged in, with a signing certificate; the collector asks `ocsp`
// (the settings' ocsp_url) unless `settings` says otherwise.
struct Voting {
  PostgresCluster db;
  Setup s{db, open_now};
  OcspResponder ocsp{s.election.voter_pki};
  TestCertificate signing = s.election.issue_voter_certificate(kJuri);
  std::unique_ptr<RunningCollector> server;
  std::string session;

  explicit Voting(const ExtraSettings& settings = [](const OcspResponder& responder) {
    return ocsp_url_setting(responder.url());
  }) {
    s.write_settings(settings(ocsp));
    server = std::make_unique<RunningCollector>(s);
    load_list(s);
    open_voting(s);
    session = log_in();
  }

  std::string log_in() const {
    const TestCertificate card = s.election.voter_pki.issue_leaf(
        KeyType::ec_p384, leaf_options("PNOEE-" + kJuri, "TAMM,JÜRI," + kJuri));
    const HttpsReply issued = https_request(s.client(), "POST", "/v1/auth/challenge");
    BOOST_REQUIRE_EQUAL(issued.status, 200u);
    const std::string nonce = Json::parse(issued.body).at("nonce").get<std::string>();
    const HttpsReply r = https_request(
        s.client(), "POST", "/v1/auth/token",
        Json{{"nonce", nonce}, {"token", web_eid_token(card, nonce, kOrigin)}}.dump());
    BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
    return Json::parse(r.body).at("session").get<std::string>();
  }

  // A blank ballot signed with `signing`.
  HttpsReply cast() const {
    const protocol::Ballot ballot = protocol::make_ballot(s.config, kJuri, "d2", {}).ballot;
    const crypto::Bytes body =
        protocol::encode_signed_ballot(s.election.sign_like_card(signing, ballot));
    return https_request(s.client(), "POST", "/v1/ballots", std::string(body.begin(), body.end()),
                         {{"Authorization", "Bearer " + session}});
  }

  std::int64_t stored_ballots() const {
    collector::pg::Connection c(s.db.connection_string());
    return c.exec("SELECT count(*) FROM ballots").integer(0, 0);
  }
  std::string log_head() const {
    const HttpsReply r = https_request(s.client(), "GET", "/v1/log/head");
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    const Json head = Json::parse(r.body);
    return std::to_string(head.at("sequence").get<std::uint64_t>()) + " " +
           head.at("head").get<std::string>();
  }
  std::string metrics() const { return https_request(s.client(), "GET", "/metrics").body; }

  // The ballot is refused with `status` and `code` and nothing is stored:
  // as many ballots as before and the same log head. The refusal's message.
  std::string refused(unsigned status, const std::string& code) const {
    const std::int64_t ballots_before = stored_ballots();
    const std::string head_before = log_head();
    const HttpsReply r = cast();
    BOOST_TEST(r.status == status, code << ": " << r.body);
    const Json body = Json::parse(r.body);
    BOOST_TEST(body.value("error", "") == code, r.body);
    BOOST_TEST(stored_ballots() == ballots_before, code);
    BOOST_TEST(log_head() == head_before, code);
    // The refusal never names the voter (their code is the certificate's serialNumber).
    BOOST_TEST(r.body.find(kJuri) == std::string::npos, r.body);
    return body.value("message", "");
  }
};

protocol::Receipt accepted(const Setup& s, const HttpsReply& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  const protocol::Receipt receipt = protocol::decode_receipt(crypto::as_bytes(r.body));
  const crypto::Verdict v = protocol::verify_receipt(s.config, receipt);
  BOOST_TEST(v.ok, v.reason);
  return receipt;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Listens on 127.0.0.1 and never accepts: a connection is made (the
// kernel's backlog) and the request sent, but no answer ever comes.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    BOOST_REQUIRE(fd_ >= 0);
    BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(::listen(fd_, 8) == 0);
    BOOST_REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_ballot_ocsp)

BOOST_AUTO_TEST_CASE(a_good_answer_is_stored_with_the_ballot_and_passes_the_tallys_check) {
  Voting v;
  v.ocsp.add_good(v.signing);
  const protocol::Receipt receipt = accepted(v.s, v.cast());
  BOOST_TEST(receipt.sequence == 1u);

  collector::pg::Connection c(v.s.db.connection_string());
  const collector::pg::Result row =
      c.exec("SELECT received, ocsp_response FROM ballots WHERE sequence = 1");
  BOOST_REQUIRE_EQUAL(row.rows(), 1);
  BOOST_REQUIRE(!row.is_null(0, 1));
  const crypto::Bytes response = row.bytes(0, 1);
  const std::int64_t received = row.integer(0, 0);
  BOOST_TEST(received == receipt.time);
  // What the tally will do: the stored response, the ballot's certificate,
  // the config's voter CAs, at the time the ballot was received.
  const collector::auth::OcspTrust trust(v.s.config.voter_ca_certificates);
  const collector::auth::OcspResult stored = collector::auth::check_stored_ocsp_response(
      response, v.signing.der(), trust, static_cast<std::time_t>(received));
  BOOST_TEST(stored.good(), stored.message);
  // Signed by the responder the CA delegated, whose certificate it carries.
  const crypto::Bytes signer = v.ocsp.signer().der();
  const bool carries_signer =
      std::search(response.begin(), response.end(), signer.begin(), signer.end()) != response.end();
  BOOST_TEST(carries_signer);
  // The same bytes are no evidence for another voter's certificate.
  const TestCertificate other = v.s.election.issue_voter_certificate("38001085718");
  BOOST_TEST(collector::auth::check_stored_ocsp_response(response, other.der(), trust,
                                                         static_cast<std::time_t>(received))
                 .failure == collector::auth::OcspFailure::bad_response);

  const std::string metrics = v.metrics();
  BOOST_TEST(contains(metrics, "evote_ocsp_checks_total{outcome=\"good\"} 1\n"), metrics);
  BOOST_TEST(contains(metrics, "evote_ocsp_seconds_count 1\n"), metrics);
}

BOOST_AUTO_TEST_CASE(a_fixed_clock_does_not_move_the_status_check) {
  // The settings' clock (12 hours ago; the test certificates are valid
  // then) fixes when certificates are checked. The responder answers with
  // its own now, so the answer is checked at the real time: were it checked
  // at the clock, its thisUpdate would be 12 hours in the future
  // (bad_response_time, 503).
  const std::string clock = protocol::format_utc(std::time(nullptr) - 12 * 3600);
  Voting v([&](const OcspResponder& responder) {
    return ocsp_url_setting(responder.url()) + ", \"clock\": \"" + clock + "\"";
  });
  v.ocsp.add_good(v.signing);
  const std::int64_t before = std::time(nullptr);
  const protocol::Receipt receipt = accepted(v.s, v.cast());
  BOOST_TEST(receipt.time >= before);  // received at the real time, too
  BOOST_TEST(receipt.time <= static_cast<std::int64_t>(std::time(nullptr)));
}

BOOST_AUTO_TEST_CASE(a_revoked_certificate_is_refused_and_nothing_stored) {
  Voting v;
  v.ocsp.add_good(v.signing);
  accepted(v.s, v.cast());  // a first ballot, so that the log has a head to keep
  const std::time_t revoked_at = std::time(nullptr) - 600;
  v.ocsp.revoke(v.signing, revoked_at);
  const std::string message = v.refused(403, "certificate_revoked");
  BOOST_TEST(contains(message, "revoked at " + protocol::format_utc(revoked_at)), message);
  BOOST_TEST(contains(message, v.ocsp.url()), message);
  BOOST_TEST(v.stored_ballots() == 1);
  BOOST_TEST(contains(v.metrics(), "evote_ocsp_checks_total{outcome=\"revoked\"} 1\n"));
}

BOOST_AUTO_TEST_CASE(a_certificate_the_responder_does_not_know_is_refused) {
  Voting v;  // the responder never heard of v.signing
  const std::string message = v.refused(403, "certificate_unknown");
  BOOST_TEST(contains(message, v.ocsp.url()), message);
  BOOST_TEST(v.stored_ballots() == 0);
}

BOOST_AUTO_TEST_CASE(no_answer_is_unavailable_and_the_voter_can_vote_once_it_is_back) {
  Voting v;
  v.ocsp.add_good(v.signing);
  v.ocsp.stop();
  const std::string message = v.refused(503, "certificate_status_unavailable");
  BOOST_TEST(message.rfind("responder_unreachable: OCSP responder " + v.ocsp.url() + ": ", 0) == 0,
             message);
  BOOST_TEST(v.stored_ballots() == 0);
  BOOST_TEST(contains(v.server->output(), "\"event\":\"ocsp_unavailable\""));

  v.ocsp.start();  // the same URL
  BOOST_TEST(accepted(v.s, v.cast()).sequence == 1u);
  BOOST_TEST(v.stored_ballots() == 1);
}

BOOST_AUTO_TEST_CASE(a_slow_responder_is_unavailable_within_the_timeout) {
  SilentListener silent;
  Voting v([&](const OcspResponder&) {
    return ocsp_url_setting(silent.url()) + ", \"ocsp_timeout_ms\": 300";
  });
  v.ocsp.add_good(v.signing);  // known to the real responder, which is not asked
  const auto started = std::chrono::steady_clock::now();
  const std::string message = v.refused(503, "certificate_status_unavailable");
  const auto took = std::chrono::steady_clock::now() - started;
  BOOST_TEST(took < std::chrono::seconds(5));
  BOOST_TEST(contains(message, "responder_unreachable: OCSP responder " + silent.url()), message);
  BOOST_TEST(contains(message, "within 300 ms"), message);
}

BOOST_AUTO_TEST_CASE(an_answer_signed_by_a_foreign_responder_is_unavailable) {
  Voting v;
  v.ocsp.add_good(v.signing);
  // Another CA's responder certificate and key, answering at the configured URL.
  const TestPki other = TestPki::create("Foreign CA");
  const TestCertificate foreign_signer =
      issue_certificate(other.intermediate, TestKey::generate(KeyType::ec_p256),
                        ocsp_responder_options("Foreign OCSP"));
  v.ocsp.stop();
  {
    OcspResponder foreign(v.s.election.voter_pki,
                          {.signer = foreign_signer, .port = v.ocsp.port()});
    foreign.add_good(v.signing);
    BOOST_REQUIRE(foreign.url() == v.ocsp.url());
    const std::string message = v.refused(503, "certificate_status_unavailable");
    BOOST_TEST(message.rfind("response_untrusted: OCSP responder " + v.ocsp.url(), 0) == 0,
               message);
    BOOST_TEST(v.stored_ballots() == 0);
  }
  v.ocsp.start();
  BOOST_TEST(accepted(v.s, v.cast()).sequence == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
