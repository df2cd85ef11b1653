// Stored-response checks on the two real OCSP responses of the
// TEST-of-ESTEID2018 kit (/work/shared/idcard/ocsp, read in place): good and
// revoked for the JÕEORG 2018 authentication certificate, signed by the
// delegated "DEMO of ESTEID-SK 2018 AIA OCSP RESPONDER 2018". Both carry the
// nonce 47FFAFC91811770E, so a client that sent its own must refuse them.
#include <openssl/ocsp.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>
#include <vector>

#include "auth/ocsp.hpp"
#include "evote/crypto/random.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/utc_time.hpp"
#include "support/ocsp_maker.hpp"
#include "support/temp_folder.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using namespace evote::collector::auth;
using Json = nlohmann::json;

namespace {

const std::filesystem::path kKit = EVOTE_SOURCE_DIR "/../shared/idcard";

crypto::Bytes kit_file(const std::string& relative) {
  return evote::testing::read_whole_file(kKit / relative);
}

crypto::Bytes kit_certificate(const std::string& relative) {
  return crypto::certificate_to_der(kit_file(relative));
}

std::time_t utc(const std::string& text) { return protocol::parse_utc(text, "test", "time"); }

const std::string kCert = "certs/JOEORG_auth_2018_39690159.pem";
const std::time_t kGoodAt = utc("2021-09-17T18:25:24Z");
const std::time_t kRevokedAt = utc("2021-09-18T00:13:43Z");

OcspTrust kit_trust() {
  return OcspTrust(std::vector<crypto::Bytes>{kit_certificate("ca/TEST_of_EE-GovCA2018.pem"),
                                              kit_certificate("ca/TEST_of_ESTEID2018.pem")});
}

// The nonce extension's value as a client of ours sends it: OCTET STRING of 32 bytes.
crypto::Bytes our_nonce_value() {
  crypto::Bytes value{0x04, 0x20};
  crypto::Bytes nonce = crypto::random_bytes(32);
  value.insert(value.end(), nonce.begin(), nonce.end());
  return value;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ocsp_recorded)

BOOST_AUTO_TEST_CASE(kit_cases) {
  const Json cases = Json::parse(kit_file("cases.json"));
  BOOST_TEST_REQUIRE(cases["ocsp"].size() == 2u);
  OcspTrust trust = kit_trust();
  for (const Json& c : cases["ocsp"]) {
    BOOST_TEST_CONTEXT(c["id"].get<std::string>()) {
      const crypto::Bytes response = kit_file(c["response"]);
      OcspResult r = check_stored_ocsp_response(response, kit_file(c["cert"]), trust, utc(c["at"]));
      BOOST_TEST_REQUIRE(static_cast<bool>(r), r.message);
      BOOST_TEST(std::string(to_string(r.status)) == c["expect"].get<std::string>());
      BOOST_TEST(r.response == response);
    }
  }
  // One responder certificate signed both: validated once, then from the cache.
  BOOST_TEST(trust.validated_responders() == 1u);
  BOOST_TEST(trust.responder_cache_hits() == 1u);
}

BOOST_AUTO_TEST_CASE(good_response) {
  OcspResult r = check_stored_ocsp_response(kit_file("ocsp/ocsp_response_good.der"),
                                            kit_certificate(kCert), kit_trust(), kGoodAt);
  BOOST_TEST_REQUIRE(static_cast<bool>(r), r.message);
  BOOST_TEST(r.good());
  BOOST_TEST(r.this_update == kGoodAt);
  BOOST_TEST(r.produced_at == kGoodAt);
  BOOST_TEST(r.next_update == 0);
  BOOST_TEST(r.message.empty());
}

BOOST_AUTO_TEST_CASE(revoked_response) {
  OcspResult r = check_stored_ocsp_response(kit_file("ocsp/ocsp_response_revoked.der"),
                                            kit_certificate(kCert), kit_trust(), kRevokedAt);
  BOOST_TEST_REQUIRE(static_cast<bool>(r), r.message);
  BOOST_TEST(r.status == CertStatus::revoked);
  BOOST_TEST(!r.good());
  BOOST_TEST(r.revocation_time == utc("2021-09-18T00:10:14Z"));
  BOOST_TEST(r.revocation_reason == 0);  // unspecified
}

BOOST_AUTO_TEST_CASE(a_client_that_sent_its_own_nonce_refuses_them) {
  OcspTrust trust = kit_trust();
  for (const char* file : {"ocsp/ocsp_response_good.der", "ocsp/ocsp_response_revoked.der"}) {
    OcspResult r = check_ocsp_response(
        kit_file(file), kit_certificate(kCert), trust,
        std::string(file).find("good") != std::string::npos ? kGoodAt : kRevokedAt,
        crypto::BytesView(our_nonce_value()));
    BOOST_TEST(r.failure == OcspFailure::nonce_mismatch, file);
    BOOST_TEST(r.message.find("nonce") != std::string::npos);
  }
  // The nonce these responses echo, exactly as that client sent it.
  const crypto::Bytes embedded = crypto::from_hex("47ffafc91811770e");
  OcspResult r =
      check_ocsp_response(kit_file("ocsp/ocsp_response_good.der"), kit_certificate(kCert), trust,
                          kGoodAt, crypto::BytesView(embedded));
  BOOST_TEST(r.good(), r.message);
  // The same 8 bytes wrapped in an OCTET STRING are another extension value.
  const crypto::Bytes wrapped = crypto::from_hex("040847ffafc91811770e");
  r = check_ocsp_response(kit_file("ocsp/ocsp_response_good.der"), kit_certificate(kCert), trust,
                          kGoodAt, crypto::BytesView(wrapped));
  BOOST_TEST(r.failure == OcspFailure::nonce_mismatch);
}

BOOST_AUTO_TEST_CASE(times_around_the_check_time) {
  OcspTrust trust = kit_trust();
  const crypto::Bytes response = kit_file("ocsp/ocsp_response_good.der");
  const crypto::Bytes cert = kit_certificate(kCert);
  // thisUpdate may be up to 15 minutes ahead of our clock, and at most 15 minutes old.
  BOOST_TEST(check_stored_ocsp_response(response, cert, trust, kGoodAt - 15 * 60).good());
  BOOST_TEST(check_stored_ocsp_response(response, cert, trust, kGoodAt + 15 * 60).good());
  OcspResult early = check_stored_ocsp_response(response, cert, trust, kGoodAt - 15 * 60 - 1);
  BOOST_TEST(early.failure == OcspFailure::bad_response_time, early.message);
  OcspResult late = check_stored_ocsp_response(response, cert, trust, kGoodAt + 15 * 60 + 1);
  BOOST_TEST(late.failure == OcspFailure::bad_response_time, late.message);
  OcspResult now = check_stored_ocsp_response(response, cert, trust, std::time(nullptr));
  BOOST_TEST(now.failure == OcspFailure::bad_response_time, now.message);
  OcspOptions lenient;
  lenient.max_age_seconds = 3600;
  BOOST_TEST(check_stored_ocsp_response(response, cert, trust, kGoodAt + 3000, lenient).good());
}

BOOST_AUTO_TEST_CASE(response_for_another_certificate) {
  OcspResult r = check_stored_ocsp_response(kit_file("ocsp/ocsp_response_good.der"),
                                            kit_certificate("certs/JOEORG_auth_2021_639386B2.pem"),
                                            kit_trust(), kGoodAt);
  BOOST_TEST(r.failure == OcspFailure::bad_response, r.message);
  BOOST_TEST(r.message == "the response answers for another certificate");
}

BOOST_AUTO_TEST_CASE(tampered_or_broken_responses) {
  OcspTrust trust = kit_trust();
  const crypto::Bytes cert = kit_certificate(kCert);
  crypto::Bytes response = kit_file("ocsp/ocsp_response_good.der");

  // Flip a bit of the signed nonce value (inside tbsResponseData).
  const crypto::Bytes nonce = crypto::from_hex("47ffafc91811770e");
  auto at = std::search(response.begin(), response.end(), nonce.begin(), nonce.end());
  BOOST_TEST_REQUIRE((at != response.end()));
  crypto::Bytes tampered = response;
  tampered[static_cast<std::size_t>(at - response.begin()) + 7] ^= 0x01;
  OcspResult r = check_stored_ocsp_response(tampered, cert, trust, kGoodAt);
  BOOST_TEST(r.failure == OcspFailure::response_untrusted, r.message);
  // The same once the responder is validated.
  BOOST_TEST_REQUIRE(check_stored_ocsp_response(response, cert, trust, kGoodAt).good());
  r = check_stored_ocsp_response(tampered, cert, trust, kGoodAt);
  BOOST_TEST(r.failure == OcspFailure::response_untrusted, r.message);
  BOOST_TEST(trust.responder_cache_hits() == 0u);

  crypto::Bytes truncated(response.begin(), response.end() - 1);
  BOOST_TEST(check_stored_ocsp_response(truncated, cert, trust, kGoodAt).failure ==
             OcspFailure::bad_response);
  crypto::Bytes trailing = response;
  trailing.push_back(0);
  BOOST_TEST(check_stored_ocsp_response(trailing, cert, trust, kGoodAt).failure ==
             OcspFailure::bad_response);
  BOOST_TEST(check_stored_ocsp_response({}, cert, trust, kGoodAt).failure ==
             OcspFailure::bad_response);
  // OCSPResponse { responseStatus tryLater(3) }
  const crypto::Bytes try_later{0x30, 0x03, 0x0a, 0x01, 0x03};
  OcspResult later = check_stored_ocsp_response(try_later, cert, trust, kGoodAt);
  BOOST_TEST(later.failure == OcspFailure::bad_response);
  BOOST_TEST(later.message == "the responder answered \"trylater\"");
}

BOOST_AUTO_TEST_CASE(trust_must_reach_the_responder_and_the_issuer) {
  const crypto::Bytes response = kit_file("ocsp/ocsp_response_good.der");
  const crypto::Bytes cert = kit_certificate(kCert);
  // Without the issuing CA there is no issuer to ask about.
  OcspTrust root_only(std::vector<crypto::Bytes>{kit_certificate("ca/TEST_of_EE-GovCA2018.pem")});
  BOOST_TEST(check_stored_ocsp_response(response, cert, root_only, kGoodAt).failure ==
             OcspFailure::issuer_not_found);
  // Without the root the responder's path ends nowhere (no partial chains).
  OcspTrust issuing_only(std::vector<crypto::Bytes>{kit_certificate("ca/TEST_of_ESTEID2018.pem")});
  OcspResult r = check_stored_ocsp_response(response, cert, issuing_only, kGoodAt);
  BOOST_TEST(r.failure == OcspFailure::response_untrusted, r.message);
  // The responder certificate is valid from 2018-10-31 only, also once it
  // has been validated for a later time.
  OcspTrust trust = kit_trust();
  BOOST_TEST_REQUIRE(check_stored_ocsp_response(response, cert, trust, kGoodAt).good());
  BOOST_TEST_REQUIRE(trust.validated_responders() == 1u);
  OcspResult early = check_stored_ocsp_response(response, cert, trust, utc("2018-10-30T00:00:00Z"));
  BOOST_TEST(early.failure == OcspFailure::response_untrusted, early.message);
  BOOST_TEST(early.message.find("not yet valid") != std::string::npos, early.message);
  BOOST_TEST(trust.responder_cache_hits() == 0u);
}

// One OcspTrust shared by threads (as the collector's handlers share it):
// every answer is the same, and the responder is remembered once.
BOOST_AUTO_TEST_CASE(threads_share_one_trust) {
  OcspTrust trust = kit_trust();
  const crypto::Bytes good = kit_file("ocsp/ocsp_response_good.der");
  const crypto::Bytes revoked = kit_file("ocsp/ocsp_response_revoked.der");
  const crypto::Bytes cert = kit_certificate(kCert);
  constexpr int kThreads = 4, kChecks = 25;
  std::vector<int> right(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kChecks; ++i) {
        const bool good_one = (t + i) % 2 == 0;
        OcspResult r = check_stored_ocsp_response(good_one ? good : revoked, cert, trust,
                                                  good_one ? kGoodAt : kRevokedAt);
        if (r && r.status == (good_one ? CertStatus::good : CertStatus::revoked)) ++right[t];
      }
    });
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(right[t] == kChecks);
  BOOST_TEST(trust.validated_responders() == 1u);
  BOOST_TEST(trust.responder_cache_hits() >= kThreads * kChecks - kThreads);
}

BOOST_AUTO_TEST_CASE(bad_inputs_of_the_caller) {
  BOOST_CHECK_THROW(OcspTrust(std::vector<crypto::Bytes>{}), crypto::Error);
  BOOST_CHECK_THROW(OcspTrust(std::vector<crypto::Bytes>{crypto::Bytes{1, 2, 3}}),
                    crypto::DecodeError);
  BOOST_CHECK_THROW(OcspTrust(std::vector<crypto::Bytes>{kit_certificate(kCert)}),
                    crypto::DecodeError);  // not a CA
  OcspResult r = check_stored_ocsp_response(kit_file("ocsp/ocsp_response_good.der"),
                                            crypto::Bytes{1, 2, 3}, kit_trust(), kGoodAt);
  BOOST_TEST(r.failure == OcspFailure::bad_certificate);
}

// A P-384 responder (as the tally's generated elections have): once its
// path is validated, its responses' signatures are checked by crypto's own
// P-384 arithmetic (specs/crypto.md §9.2). A changed signed field or a
// changed signature byte is refused there as the full path refuses it.
BOOST_AUTO_TEST_CASE(a_validated_p384_responder_s_changed_responses_are_refused) {
  using evote::testing::KeyType;
  const std::time_t now = std::time(nullptr);
  const evote::testing::TestPki pki = evote::testing::TestPki::create("Responder");
  const evote::testing::TestCertificate card =
      pki.issue_leaf(KeyType::ec_p384,
                     evote::testing::leaf_options("PNOEE-38001085718", "MÄNNIK,MARI,38001085718"));
  const evote::testing::OcspMaker maker(pki.intermediate, now - 86400, now + 86400);
  OcspTrust trust(std::vector<crypto::Bytes>{pki.root.der(), pki.intermediate.der()});
  const crypto::Bytes cert = card.der();
  BOOST_TEST_REQUIRE(check_stored_ocsp_response(maker.good(card, now), cert, trust, now).good());
  BOOST_TEST_REQUIRE(trust.validated_responders() == 1u);
  const crypto::Bytes response = maker.good(card, now - 60);
  BOOST_TEST_REQUIRE(check_stored_ocsp_response(response, cert, trust, now).good());
  BOOST_TEST_REQUIRE(trust.responder_cache_hits() == 1u);

  // producedAt (GeneralizedTime, 15 characters) is signed but not compared:
  // a changed digit leaves the DER valid and only the signature wrong.
  const crypto::Bytes generalized_time{0x18, 0x0f};
  auto at = std::search(response.begin(), response.end(), generalized_time.begin(),
                        generalized_time.end());
  BOOST_TEST_REQUIRE((at != response.end()));
  crypto::Bytes changed_time = response;
  std::uint8_t& second = changed_time[static_cast<std::size_t>(at - response.begin()) + 2 + 13];
  second = second == '0' ? '1' : '0';
  OcspResult r = check_stored_ocsp_response(changed_time, cert, trust, now);
  BOOST_TEST(r.failure == OcspFailure::response_untrusted, r.message);

  // The last byte of the signature value (the DER ECDSA-Sig-Value's s).
  const unsigned char* p = response.data();
  OCSP_RESPONSE* parsed = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(response.size()));
  BOOST_TEST_REQUIRE(parsed != nullptr);
  OCSP_BASICRESP* basic = OCSP_response_get1_basic(parsed);
  BOOST_TEST_REQUIRE(basic != nullptr);
  const ASN1_OCTET_STRING* value = OCSP_resp_get0_signature(basic);
  const crypto::Bytes signature(ASN1_STRING_get0_data(value),
                                ASN1_STRING_get0_data(value) + ASN1_STRING_length(value));
  OCSP_BASICRESP_free(basic);
  OCSP_RESPONSE_free(parsed);
  auto signature_at =
      std::search(response.begin(), response.end(), signature.begin(), signature.end());
  BOOST_TEST_REQUIRE((signature_at != response.end()));
  const std::size_t signature_end =
      static_cast<std::size_t>(signature_at - response.begin()) + signature.size();
  crypto::Bytes changed_signature = response;
  changed_signature[signature_end - 1] ^= 0x01;
  r = check_stored_ocsp_response(changed_signature, cert, trust, now);
  BOOST_TEST(r.failure == OcspFailure::response_untrusted, r.message);
  BOOST_TEST(trust.responder_cache_hits() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
