// POST /v1/ballots through the real evote-collector (real PostgreSQL, real
// TLS; specs/collector-api.md §2.5): a voter logs in with a test card, casts
// a ballot signed by their signing certificate and gets a receipt that
// verifies and matches the log head; a re-vote keeps both ballots; each
// refusal code with its bad input, and nothing stored after a refusal.
// Every accepted ballot needs a good OCSP answer: the tests run a test
// responder (`openssl ocsp`, settings' ocsp_url) that knows their signing
// certificates; test_ballot_ocsp.cpp has the status refusals.
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/base64.hpp"
#include "collector_fixture.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;

namespace {

const std::string kOrigin = "https://127.0.0.1";
const std::string kJuri = "49002124277";  // d2
const std::string kMari = "38001085718";  // d1
const std::string kListTsv =
    "add\t49002124277\tJüri Tamm\td2\nadd\t38001085718\tMari-Liis Männik\td1\n";

// The config trusts the voter PKI (root and issuing CA); voting is open now.
constexpr auto open_now = voting_open_now;

collector::VoterListState load_list(
    const Setup& s, std::uint64_t sequence = 1,
    const protocol::ChangeSetHash& previous = protocol::kNoPreviousChangeSet,
    const std::string& tsv = kListTsv) {
  return apply_test_voters(s, tsv, sequence, previous);
}

// Logs in with an authentication card of `code`; the session.
std::string log_in(const Setup& s, const std::string& code) {
  const TestCertificate card = s.election.voter_pki.issue_leaf(
      KeyType::ec_p384, leaf_options("PNOEE-" + code, "TAMM,JÜRI," + code));
  const HttpsReply issued = https_request(s.client(), "POST", "/v1/auth/challenge");
  BOOST_REQUIRE_EQUAL(issued.status, 200u);
  const std::string nonce = Json::parse(issued.body).at("nonce").get<std::string>();
  const Json token = web_eid_token(card, nonce, kOrigin);
  const HttpsReply r = https_request(s.client(), "POST", "/v1/auth/token",
                                     Json{{"nonce", nonce}, {"token", token}}.dump());
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  return Json::parse(r.body).at("session").get<std::string>();
}

protocol::Ballot blank_ballot(const Setup& s, const std::string& voter,
                              const std::string& district) {
  return protocol::make_ballot(s.config, voter, district, {}).ballot;
}

std::string body_of(const protocol::SignedBallot& signed_ballot) {
  const crypto::Bytes bytes = protocol::encode_signed_ballot(signed_ballot);
  return std::string(bytes.begin(), bytes.end());
}

HttpsReply cast(const Setup& s, const std::string& session, const std::string& body) {
  std::map<std::string, std::string> headers;
  if (!session.empty()) headers["Authorization"] = "Bearer " + session;
  return https_request(s.client(), "POST", "/v1/ballots", body, headers);
}

std::string code_of(const HttpsReply& r) {
  return Json::parse(r.body).at("error").get<std::string>();
}

Json log_head(const Setup& s) {
  const HttpsReply r = https_request(s.client(), "GET", "/v1/log/head");
  BOOST_REQUIRE_EQUAL(r.status, 200u);
  return Json::parse(r.body);
}

protocol::Receipt accepted(const Setup& s, const HttpsReply& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  const protocol::Receipt receipt = protocol::decode_receipt(crypto::as_bytes(r.body));
  const crypto::Verdict v = protocol::verify_receipt(s.config, receipt);
  BOOST_TEST(v.ok, v.reason);
  return receipt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_ballot_api)

BOOST_AUTO_TEST_CASE(a_voter_votes_and_revotes_and_each_receipt_matches_the_log) {
  PostgresCluster db;
  const Setup s(db, open_now);
  OcspResponder ocsp(s.election.voter_pki);
  s.write_settings(ocsp_url_setting(ocsp.url()));
  RunningCollector server(s);
  load_list(s);
  open_voting(s);
  const std::string session = log_in(s, kJuri);
  const TestCertificate signing = s.election.issue_voter_certificate(kJuri);
  ocsp.add_good(signing);

  const std::string first_body =
      body_of(s.election.sign_like_card(signing, blank_ballot(s, kJuri, "d2")));
  const protocol::Receipt first = accepted(s, cast(s, session, first_body));
  BOOST_TEST(first.sequence == 1u);
  BOOST_TEST(first.vote_id.size() == 16u);
  BOOST_TEST(first.ballot_hash == protocol::ballot_hash(crypto::as_bytes(first_body)));
  const Json head = log_head(s);
  BOOST_TEST(head.at("sequence").get<std::uint64_t>() == 1u);
  BOOST_TEST(head.at("head").get<std::string>() == protocol::base64url_encode(first.log_head));

  const protocol::Ballot again = protocol::make_ballot(s.config, kJuri, "d2", {}).ballot;
  const protocol::Receipt second =
      accepted(s, cast(s, session, body_of(s.election.sign_like_card(signing, again))));
  BOOST_TEST(second.sequence == 2u);
  BOOST_TEST(second.vote_id != first.vote_id);
  BOOST_TEST(log_head(s).at("head").get<std::string>() ==
             protocol::base64url_encode(second.log_head));

  // revote_limits.per_minute (2 by default): a third ballot within the minute.
  const HttpsReply third =
      cast(s, session, body_of(s.election.sign_like_card(signing, blank_ballot(s, kJuri, "d2"))));
  BOOST_TEST(third.status == 429u);
  BOOST_TEST(code_of(third) == "rate_limited");
  BOOST_TEST(log_head(s).at("sequence").get<std::uint64_t>() == 2u);
}

BOOST_AUTO_TEST_CASE(each_refusal_has_its_code_and_stores_nothing) {
  PostgresCluster db;
  const Setup s(db, open_now);
  OcspResponder ocsp(s.election.voter_pki);
  s.write_settings(ocsp_url_setting(ocsp.url()));
  RunningCollector server(s);
  const collector::VoterListState list = load_list(s);
  open_voting(s);
  const std::string session = log_in(s, kMari);
  const TestCertificate mine = s.election.issue_voter_certificate(kMari);
  ocsp.add_good(mine);
  const TestCertificate juris = s.election.issue_voter_certificate(kJuri);
  const protocol::Ballot good = blank_ballot(s, kMari, "d1");

  const auto refused = [&](const std::string& session_token, const std::string& body,
                           unsigned status, const std::string& code) {
    const HttpsReply r = cast(s, session_token, body);
    BOOST_TEST(r.status == status, code << ": " << r.body);
    if (r.status >= 400) BOOST_TEST(code_of(r) == code, r.body);
    BOOST_TEST(log_head(s).at("sequence").get<std::uint64_t>() == 0u, code);
  };

  const std::string good_body = body_of(s.election.sign_like_card(mine, good));
  refused("", good_body, 401, "no_session");
  refused("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", good_body, 401, "no_session");
  refused(session, "{}", 400, "bad_ballot");
  refused(session, good_body + " ", 400, "bad_ballot");
  // Another voter's ballot, and one signed by another voter's certificate.
  refused(session, body_of(s.election.sign_like_card(juris, blank_ballot(s, kJuri, "d2"))), 403,
          "signer_not_voter");
  refused(session, body_of(s.election.sign_like_card(juris, good)), 403, "signer_not_voter");
  // The contests of the other district.
  refused(session, body_of(s.election.sign_like_card(mine, blank_ballot(s, kMari, "d2"))), 400,
          "wrong_contests");
  // A proof of another slot: decodes, does not verify.
  protocol::Ballot tampered = good;
  BOOST_REQUIRE(tampered.contests.at(1).proofs.size() >= 2u);
  std::swap(tampered.contests[1].proofs[0], tampered.contests[1].proofs[1]);
  refused(session, body_of(s.election.sign_like_card(mine, tampered)), 400, "bad_proof");
  // An element that is not a group member (not a ristretto255 encoding).
  protocol::Ballot foreign = good;
  std::fill(foreign.contests[0].ciphertexts[0].begin(),
            foreign.contests[0].ciphertexts[0].begin() + 32, std::uint8_t{0xff});
  refused(session, body_of(s.election.sign_like_card(mine, foreign)), 400, "not_a_group_element");
  // A signature that does not verify.
  protocol::SignedBallot forged = s.election.sign_like_card(mine, good);
  forged.signature[5] ^= 0x01;
  refused(session, body_of(forged), 400, "bad_signature");
  // Signed with the authentication certificate (no nonRepudiation).
  const TestCertificate auth_card = s.election.voter_pki.issue_leaf(
      KeyType::ec_p384, leaf_options("PNOEE-" + kMari, "MÄNNIK,MARI-LIIS," + kMari));
  refused(session, body_of(s.election.sign_like_card(auth_card, good)), 403,
          "wrong_certificate_purpose");
  // A certificate from a PKI the config does not trust.
  const TestPki other = TestPki::create("Other voter CA");
  const TestCertificate stranger = other.issue_leaf(
      KeyType::ec_p384,
      leaf_options("PNOEE-" + kMari, "MÄNNIK,MARI-LIIS," + kMari, ku_non_repudiation));
  refused(session, body_of(s.election.sign_like_card(stranger, good)), 403,
          "certificate_untrusted");
  // An expired signing certificate of the trusted PKI.
  CertOptions old_options =
      leaf_options("PNOEE-" + kMari, "MÄNNIK,MARI-LIIS," + kMari, ku_non_repudiation);
  old_options.not_before = std::time(nullptr) - 3 * 365 * 86400;
  old_options.not_after = std::time(nullptr) - 86400;
  const TestCertificate expired = s.election.voter_pki.issue_leaf(KeyType::ec_p384, old_options);
  ocsp.add_good(expired);
  refused(session, body_of(s.election.sign_like_card(expired, good)), 403, "certificate_untrusted");
  // Over the body limit (1 MiB by default), and a body cut short.
  const auto raw_post = [&](std::size_t content_length, const std::string& sent) {
    return https_raw(s.client(),
                     "POST /v1/ballots HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                         session + "\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(content_length) + "\r\n\r\n" + sent);
  };
  const std::string too_large = raw_post((std::size_t{1} << 20) + 1, good_body);
  BOOST_TEST(too_large.find("413") != std::string::npos, too_large);
  BOOST_TEST(too_large.find("body_too_large") != std::string::npos, too_large);
  const std::string answer = raw_post(good_body.size(), good_body.substr(0, good_body.size() / 2));
  BOOST_TEST(answer.find("400") != std::string::npos, answer);
  BOOST_TEST(answer.find("body_truncated") != std::string::npos, answer);
  BOOST_TEST(log_head(s).at("sequence").get<std::uint64_t>() == 0u);

  // And then the good ballot is accepted as the first entry; sent again
  // (a replay), it is refused and nothing is stored.
  BOOST_TEST(accepted(s, cast(s, session, good_body)).sequence == 1u);
  const HttpsReply replayed = cast(s, session, good_body);
  BOOST_TEST(replayed.status == 409u);
  BOOST_TEST(code_of(replayed) == "replayed_ballot", replayed.body);
  BOOST_TEST(log_head(s).at("sequence").get<std::uint64_t>() == 1u);

  // Taken off the list in force while the session lasts: not_eligible.
  load_list(s, 2, list.head, "remove\t38001085718\n");
  const HttpsReply removed =
      cast(s, session, body_of(s.election.sign_like_card(mine, blank_ballot(s, kMari, "d1"))));
  BOOST_TEST(removed.status == 403u);
  BOOST_TEST(code_of(removed) == "not_eligible", removed.body);
  BOOST_TEST(log_head(s).at("sequence").get<std::uint64_t>() == 1u);
}

BOOST_AUTO_TEST_CASE(outside_the_voting_period_nothing_is_accepted) {
  PostgresCluster db;
  const Setup before(db, [](protocol::ElectionConfig& c) {
    open_now(c);
    c.voting_start = std::time(nullptr) + 3600;
    c.voting_end = c.voting_start + 3600;
  });
  RunningCollector server(before);
  load_list(before);
  open_voting(before);  // opened early: still nothing before the period starts
  const HttpsReply r = cast(before, "", "{}");
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(code_of(r) == "election_not_open");
  BOOST_TEST(r.body.find("voting has not started") != std::string::npos, r.body);
  server.stop();

  PostgresCluster db2;
  const Setup after(db2, [](protocol::ElectionConfig& c) {
    open_now(c);
    c.voting_end = std::time(nullptr) - 60;
    c.voting_start = c.voting_end - 3600;
  });
  RunningCollector server2(after);
  const HttpsReply closed = cast(after, "", "{}");
  BOOST_TEST(closed.status == 403u);
  BOOST_TEST(code_of(closed) == "election_closed");
}

BOOST_AUTO_TEST_SUITE_END()
