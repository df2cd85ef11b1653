// Login through the real evote-collector (real PostgreSQL, real TLS):
// POST /v1/auth/challenge, POST /v1/auth/token with a Web eID token made by
// a P-384 test card, GET /v1/me; each refusal with its code
// (specs/collector-api.md §1.1, §2.2-2.4); and the real Estonian test token
// of ../shared/idcard (read in place) with the collector's clock fixed at
// 2021-08-01 and its nonce registered in the database as if issued.
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/base64.hpp"
#include "collector_fixture.hpp"
#include "evote/crypto/random.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/auth_store.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;

namespace {

const std::string kOrigin = "https://127.0.0.1";
const std::string kIdcard = EVOTE_SOURCE_DIR "/../shared/idcard/";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, path << ": missing (the ID-card kit is ../shared/idcard)");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Json token_json(const TestCertificate& card, const std::string& nonce,
                const std::string& origin = kOrigin) {
  return web_eid_token(card, nonce, origin);
}

constexpr const char* kPolicyOid = "1.3.6.1.4.1.51361.1.2.1";  // ESTEID2018 authentication

TestCertificate card_for(const TestPki& pki, const std::string& code, bool with_policy = true) {
  CertOptions options = leaf_options("PNOEE-" + code, "TAMM,JÜRI," + code);
  if (with_policy) options.policies = {kPolicyOid};
  return pki.issue_leaf(KeyType::ec_p384, options);
}

// The config trusts the voter PKI's root, and lists its issuing CA too
// (collector-auth.md §2.5: roots and issuing CAs); it accepts one policy.
void trust_voter_pki(protocol::ElectionConfig& config) {
  config.voter_ca_certificates = {test_election().voter_pki.root.der(),
                                  test_election().voter_pki.intermediate.der()};
  config.voter_certificate_policies = {kPolicyOid};
}

std::unique_ptr<collector::pg::Connection> connect(const Setup& s) {
  auto c = std::make_unique<collector::pg::Connection>(s.db.connection_string());
  collector::migrate(*c);
  return c;
}

collector::VoterListState load_list(const Setup& s, std::uint64_t sequence,
                                    const protocol::ChangeSetHash& previous,
                                    const std::string& tsv) {
  protocol::VoterListChanges doc;
  doc.election_id = s.config.election_id;
  doc.sequence = sequence;
  doc.previous = previous;
  std::istringstream in(tsv);
  doc.changes = protocol::import_voter_tsv(in, "voters.tsv", s.config);
  protocol::sign(doc, s.election.organizer_key);
  return collector::apply_voter_list(*connect(s), s.config, doc, std::time(nullptr));
}

std::string challenge(const Setup& s) {
  const HttpsReply r = https_request(s.client(), "POST", "/v1/auth/challenge");
  BOOST_REQUIRE_EQUAL(r.status, 200u);
  return Json::parse(r.body).at("nonce").get<std::string>();
}

HttpsReply login(const Setup& s, const std::string& nonce, const Json& token) {
  return https_request(s.client(), "POST", "/v1/auth/token",
                       Json{{"nonce", nonce}, {"token", token}}.dump());
}

HttpsReply me(const Setup& s, const std::string& session) {
  return https_request(s.client(), "GET", "/v1/me", "", {{"Authorization", "Bearer " + session}});
}

// The refusal's code, and its message.
std::string code_of(const HttpsReply& r) {
  return Json::parse(r.body).at("error").get<std::string>();
}
std::string message_of(const HttpsReply& r) {
  return Json::parse(r.body).at("message").get<std::string>();
}

const std::string kListTsv =
    "add\t49002124277\tJüri Tamm\td2\nadd\t38001085718\tMari-Liis Männik\td1\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_auth_api)

BOOST_AUTO_TEST_CASE(a_listed_voter_logs_in_and_sees_their_district) {
  PostgresCluster db;
  const Setup s(db, trust_voter_pki);
  RunningCollector server(s);
  const collector::VoterListState list = load_list(s, 1, protocol::kNoPreviousChangeSet, kListTsv);

  const HttpsReply issued = https_request(s.client(), "POST", "/v1/auth/challenge");
  BOOST_REQUIRE_EQUAL(issued.status, 200u);
  const Json challenge_answer = Json::parse(issued.body);
  const std::string nonce = challenge_answer.at("nonce").get<std::string>();
  BOOST_TEST(nonce.size() == 44u);
  std::string problem;
  const auto nonce_bytes = collector::auth::decode_base64(nonce, problem);
  BOOST_TEST((nonce_bytes && nonce_bytes->size() == 32u));
  BOOST_TEST(challenge_answer.at("expires").get<std::string>().size() == 20u);

  const TestCertificate card = card_for(s.election.voter_pki, "49002124277");
  const HttpsReply in = login(s, nonce, token_json(card, nonce));
  BOOST_REQUIRE_MESSAGE(in.status == 200u, in.body << server.output());
  const Json session_answer = Json::parse(in.body);
  const std::string session = session_answer.at("session").get<std::string>();
  BOOST_TEST(session.size() == 43u);
  BOOST_TEST(session_answer.at("voter").at("district") == "d2");
  BOOST_TEST(session_answer.at("voter").at("name") == "Jüri Tamm");
  BOOST_TEST(session_answer.at("expires").get<std::string>().size() == 20u);

  const HttpsReply mine = me(s, session);
  BOOST_REQUIRE_MESSAGE(mine.status == 200u, mine.body);
  const Json m = Json::parse(mine.body);
  BOOST_TEST(m.at("voter").at("district") == "d2");
  BOOST_TEST(m.at("district").at("names").at("et") == "Teine ringkond");
  BOOST_TEST(m.at("eligibility").at("added_by") == 1);
  BOOST_TEST(m.at("eligibility").at("voter_list_version") == 1);
  // d2's ballot: mayor (201, 202) and ranking (31, 32, 33); council is d1's only.
  std::vector<std::string> contests;
  for (const Json& c : m.at("contests")) contests.push_back(c.at("id").get<std::string>());
  BOOST_TEST((contests == std::vector<std::string>{"mayor", "ranking"}));
  std::vector<std::uint64_t> mayor;
  for (const Json& c : m.at("contests")[0].at("choices"))
    mayor.push_back(c.at("code").get<std::uint64_t>());
  BOOST_TEST((mayor == std::vector<std::uint64_t>{201, 202}));

  // The nonce was used: a second login with it is refused.
  const HttpsReply again = login(s, nonce, token_json(card, nonce));
  BOOST_TEST(again.status == 401u);
  BOOST_TEST(code_of(again) == "nonce_unknown");

  // Removed from the list: the session's /v1/me and a new login are refused.
  load_list(s, 2, list.head, "remove\t49002124277\n");
  const HttpsReply removed = me(s, session);
  BOOST_TEST(removed.status == 403u);
  BOOST_TEST(code_of(removed) == "not_eligible");
  const std::string next = challenge(s);
  const HttpsReply refused = login(s, next, token_json(card, next));
  BOOST_TEST(refused.status == 403u);
  BOOST_TEST(code_of(refused) == "not_eligible");
  BOOST_TEST(message_of(refused).find("49002124277") == std::string::npos);

  // The log names no personal code.
  BOOST_TEST(server.stop() == 0);
  BOOST_TEST(server.output().find("49002124277") == std::string::npos, server.output());
}

BOOST_AUTO_TEST_CASE(each_refusal_has_its_code) {
  PostgresCluster db;
  const Setup s(db, trust_voter_pki);
  RunningCollector server(s);
  load_list(s, 1, protocol::kNoPreviousChangeSet, kListTsv);
  const TestCertificate card = card_for(s.election.voter_pki, "49002124277");

  // A nonce the collector never issued.
  const std::string made_up = collector::auth::encode_base64(crypto::random_bytes(32));
  HttpsReply r = login(s, made_up, token_json(card, made_up));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "nonce_unknown");

  // An expired one (stored as if issued long ago).
  const std::int64_t now = std::time(nullptr);
  collector::store_nonce(*connect(s), made_up, now - 1, now - 600);
  r = login(s, made_up, token_json(card, made_up));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "nonce_unknown");
  BOOST_TEST(message_of(r) == "nonce: expired");

  // Signed for another origin; signed by another key.
  std::string nonce = challenge(s);
  r = login(s, nonce, token_json(card, nonce, "https://evil.example"));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");
  BOOST_TEST(message_of(r).rfind("signature_invalid: ", 0) == 0u, message_of(r));

  // The nonce was taken by the failed login: it cannot be tried again.
  r = login(s, nonce, token_json(card, nonce));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "nonce_unknown");

  nonce = challenge(s);
  Json forged = token_json(card, nonce);
  forged["signature"] =
      token_json(card_for(s.election.voter_pki, "49002124277"), nonce)["signature"];
  r = login(s, nonce, forged);
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");
  BOOST_TEST(message_of(r).rfind("signature_invalid: ", 0) == 0u, message_of(r));

  // A card of a CA the election does not trust.
  nonce = challenge(s);
  const TestPki other = TestPki::create("Other voters");
  r = login(s, nonce, token_json(card_for(other, "49002124277"), nonce));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");
  BOOST_TEST(message_of(r).rfind("chain_untrusted: ", 0) == 0u, message_of(r));

  // A card without the election's accepted certificate policy.
  nonce = challenge(s);
  r = login(s, nonce, token_json(card_for(s.election.voter_pki, "49002124277", false), nonce));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");
  BOOST_TEST(message_of(r).rfind("wrong_policy: ", 0) == 0u, message_of(r));

  // A valid card of a person not on the voter list.
  nonce = challenge(s);
  r = login(s, nonce, token_json(card_for(s.election.voter_pki, "50001010006"), nonce));
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(code_of(r) == "not_eligible");
  BOOST_TEST(message_of(r).find("50001010006") == std::string::npos);

  // Malformed requests.
  r = https_request(s.client(), "POST", "/v1/auth/token", "{not json");
  BOOST_TEST(r.status == 400u);
  BOOST_TEST(code_of(r) == "bad_request");
  r = https_request(s.client(), "POST", "/v1/auth/token", Json{{"nonce", challenge(s)}}.dump());
  BOOST_TEST(r.status == 400u);
  BOOST_TEST(code_of(r) == "bad_token");

  // Sessions: none, forged, expired.
  r = https_request(s.client(), "GET", "/v1/me");
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "no_session");
  r = me(s, protocol::base64url_encode(crypto::random_bytes(32)));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "no_session");
  const std::string old =
      collector::create_session(*connect(s), "49002124277", now - 1, now - 1800);
  r = me(s, old);
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "session_expired");

  // A good login still works after all that.
  nonce = challenge(s);
  r = login(s, nonce, token_json(card, nonce));
  BOOST_TEST(r.status == 200u, r.body);
}

// The kit's real token (TEST of ESTEID2018 card of JÕEORG, 38001085718),
// made for origin https://ria.ee and the kit's nonce, its certificate valid
// from 2021-07-22 to 2026-07-09. The collector did not issue that nonce, so
// the test stores it as issued (collector::store_nonce, as the challenge does).
BOOST_AUTO_TEST_CASE(the_real_estonian_token_logs_in_at_the_fixed_clock) {
  const Json cases = Json::parse(read_text(kIdcard + "cases.json"));
  const std::string kit_nonce = cases.at("nonce_default").get<std::string>();
  std::string token = read_text(kIdcard + "tokens/valid_es384_web-eid-1.0_2021cert.json");
  const auto der = [](const std::string& file) {
    return crypto::certificate_to_der(crypto::as_bytes(read_text(kIdcard + "ca/" + file)));
  };
  PostgresCluster db;
  const Setup s(db, [&](protocol::ElectionConfig& config) {
    config.voter_ca_certificates = {der("TEST_of_EE-GovCA2018.pem"), der("TEST_of_ESTEID2018.pem")};
    config.voter_certificate_policies = {"1.3.6.1.4.1.51361.1.2.1"};
  });
  s.write_settings(", \"clock\": \"2021-08-01T00:00:00Z\"", "https://ria.ee");
  load_list(s, 1, protocol::kNoPreviousChangeSet, "add\t38001085718\tJaak-Kristjan Jõeorg\td1\n");
  {
    RunningCollector server(s);
    // Not issued by this collector: refused before the token is looked at.
    HttpsReply r = login(s, kit_nonce, Json::parse(token));
    BOOST_TEST(r.status == 401u);
    BOOST_TEST(code_of(r) == "nonce_unknown");

    const std::int64_t now = std::time(nullptr);
    collector::store_nonce(*connect(s), kit_nonce, now + 300, now);
    r = login(s, kit_nonce, Json::parse(token));
    BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body << server.output());
    const Json answer = Json::parse(r.body);
    BOOST_TEST(answer.at("voter").at("district") == "d1");
    BOOST_TEST(answer.at("voter").at("name") == "Jaak-Kristjan Jõeorg");
    BOOST_TEST(me(s, answer.at("session").get<std::string>()).status == 200u);
    BOOST_TEST(server.stop() == 0);
    const std::string log = server.output();
    BOOST_TEST(log.find("\"event\":\"clock_fixed\"") != std::string::npos, log);
    BOOST_TEST(log.find("\"level\":\"warning\"") != std::string::npos, log);
  }
  // Without the fixed clock the certificate is checked now: it expired in 2026.
  s.write_settings("", "https://ria.ee");
  RunningCollector server(s);
  const std::int64_t now = std::time(nullptr);
  collector::store_nonce(*connect(s), kit_nonce, now + 300, now);
  const HttpsReply r = login(s, kit_nonce, Json::parse(token));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");
  BOOST_TEST(message_of(r).rfind("cert_expired: ", 0) == 0u, message_of(r));
}

BOOST_AUTO_TEST_SUITE_END()
