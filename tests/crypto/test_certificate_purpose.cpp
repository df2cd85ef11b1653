// What a voter's certificate may be used for (specs/crypto.md §9): extended
// key usage per purpose and the election's accepted certificate policies,
// with test-PKI certificates and with the real TEST-of-ESTEID2018 ID-card
// certificates of ../shared/idcard (read from there, never copied here).
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "support/spec_vectors.hpp"
#include "support/test_pki.hpp"

namespace {

using evote::crypto::Bytes;
using evote::crypto::CertificatePurpose;
using evote::crypto::Error;
using evote::crypto::is_dotted_oid;
using evote::crypto::TrustedCas;
using evote::crypto::verify_voter_certificate;
using evote::crypto::verify_voter_signature;
using evote::crypto::VoterCertificateResult;
using namespace evote::testing;

const std::string voter_serial = "PNOEE-38001085718";
const std::string voter_name = "MÄNNIK,MARI-LIIS,38001085718";
const std::time_t now = std::time(nullptr);
const std::string document_signing =
    "document signing (anyExtendedKeyUsage or documentSigning, or no extendedKeyUsage "
    "extension)";

const Bytes& message() {
  static const Bytes text = {'b', 'a', 'l', 'l', 'o', 't'};
  return text;
}

const TestPki& pki() {
  static const TestPki test_pki = TestPki::create("Purpose");
  return test_pki;
}

const TrustedCas& cas() {
  static const TrustedCas trusted(pki().trusted());
  return trusted;
}

TestCertificate leaf(KeyUsageFlags usage, std::vector<std::string> eku,
                     std::vector<std::string> policies = {}) {
  CertOptions options = leaf_options(voter_serial, voter_name, usage);
  options.extended_key_usage = std::move(eku);
  options.policies = std::move(policies);
  return pki().issue_leaf(KeyType::ec_p256, options);
}

// The reason ("" when it passes), by the certificate check and by the
// signature check (which must agree on a certificate failure).
std::string reason(const TestCertificate& signer, CertificatePurpose purpose,
                   const std::vector<std::string>& policies = {}) {
  const VoterCertificateResult by_certificate =
      verify_voter_certificate(cas(), signer.der(), pki().intermediates(), now, purpose, policies);
  const VoterCertificateResult by_signature =
      verify_voter_signature(cas(), signer.der(), pki().intermediates(), message(),
                             signer.sign_like_card(message()), now, purpose, policies);
  BOOST_TEST(by_certificate.verdict.reason == by_signature.verdict.reason);
  BOOST_TEST(by_certificate.signer.subject_serial_number == voter_serial);
  return by_certificate.verdict.ok ? "" : by_certificate.verdict.reason;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(certificate_purpose)

BOOST_AUTO_TEST_CASE(document_signing_refuses_an_eku_that_does_not_allow_it) {
  // The case of the issue: nonRepudiation, but EKU serverAuth, codeSigning.
  BOOST_TEST(reason(leaf(ku_non_repudiation, {"serverAuth", "codeSigning"}),
                    CertificatePurpose::document_signing) ==
             "signer certificate: extendedKeyUsage does not allow " + document_signing +
                 "; it lists serverAuth, codeSigning");
  BOOST_TEST(
      reason(leaf(ku_non_repudiation, {"emailProtection"}), CertificatePurpose::document_signing) ==
      "signer certificate: extendedKeyUsage does not allow " + document_signing +
          "; it lists emailProtection");
  BOOST_TEST(reason(leaf(ku_non_repudiation, {"clientAuth", "1.2.3.4"}),
                    CertificatePurpose::document_signing) ==
             "signer certificate: extendedKeyUsage does not allow " + document_signing +
                 "; it lists clientAuth, 1.2.3.4");
}

BOOST_AUTO_TEST_CASE(document_signing_accepts_no_eku_any_or_document_signing) {
  BOOST_TEST(reason(leaf(ku_non_repudiation, {}), CertificatePurpose::document_signing) == "");
  BOOST_TEST(reason(leaf(ku_non_repudiation, {"serverAuth", "anyExtendedKeyUsage"}),
                    CertificatePurpose::document_signing) == "");
  BOOST_TEST(reason(leaf(ku_non_repudiation, {"1.3.6.1.5.5.7.3.36"}),
                    CertificatePurpose::document_signing) == "");
}

BOOST_AUTO_TEST_CASE(authentication_needs_client_auth) {
  BOOST_TEST(reason(leaf(ku_digital_signature, {"clientAuth", "emailProtection"}),
                    CertificatePurpose::authentication) == "");
  BOOST_TEST(reason(leaf(ku_digital_signature, {}), CertificatePurpose::authentication) ==
             "signer certificate: has no extendedKeyUsage extension (clientAuth required)");
  BOOST_TEST(reason(leaf(ku_digital_signature, {"serverAuth", "anyExtendedKeyUsage"}),
                    CertificatePurpose::authentication) ==
             "signer certificate: extendedKeyUsage does not allow clientAuth; it lists "
             "serverAuth, anyExtendedKeyUsage");
  // Key usage is checked first.
  BOOST_TEST(reason(leaf(ku_non_repudiation, {"clientAuth"}), CertificatePurpose::authentication) ==
             "signer certificate: key usage does not allow digitalSignature");
}

BOOST_AUTO_TEST_CASE(accepted_policies) {
  const std::string a = "1.3.6.1.4.1.51361.1.2.1", b = "0.4.0.194112.1.2", c = "1.2.840.1";
  const TestCertificate signer = leaf(ku_non_repudiation, {}, {a, b});
  const auto purpose = CertificatePurpose::document_signing;
  BOOST_TEST(reason(signer, purpose) == "");
  BOOST_TEST(reason(signer, purpose, {b}) == "");
  BOOST_TEST(reason(signer, purpose, {c, a}) == "");
  BOOST_TEST(reason(signer, purpose, {c}) ==
             "signer certificate: carries none of the accepted certificate policies " + c +
                 " (it has " + a + ", " + b + ")");
  BOOST_TEST(reason(leaf(ku_non_repudiation, {}), purpose, {c, b}) ==
             "signer certificate: has no certificatePolicies extension (one of the accepted "
             "certificate policies " +
                 c + ", " + b + " required)");
  // anyPolicy on the leaf is no wildcard.
  BOOST_TEST(reason(leaf(ku_non_repudiation, {}, {"2.5.29.32.0"}), purpose, {c}) ==
             "signer certificate: carries none of the accepted certificate policies " + c +
                 " (it has 2.5.29.32.0)");
  // The list is the caller's (checked when the config is read): a malformed
  // entry is an error, not a verdict.
  BOOST_CHECK_THROW(verify_voter_certificate(cas(), signer.der(), pki().intermediates(), now,
                                             purpose, std::vector<std::string>{"1.2.x"}),
                    Error);
}

BOOST_AUTO_TEST_CASE(dotted_oids) {
  for (const char* good : {"0.0", "1.39", "2.999", "2.5.29.32.0", "1.3.6.1.4.1.51361.1.2.1",
                           "0.4.0.194112.1.2", "2.25.340282366920938463463374607431768211455"})
    BOOST_TEST(is_dotted_oid(good), good);
  for (const char* bad : {"", "1", "3.1", "1.40", "0.40", "01.2", "1.02", "1..2", "1.2.", ".1.2",
                          "1.2.x", "1.2 ", "+1.2", "1.-2", "١.٢"})
    BOOST_TEST(!is_dotted_oid(bad), bad);
  BOOST_TEST(!is_dotted_oid("1.2." + std::string(126, '1')));  // 130 characters
  BOOST_TEST(is_dotted_oid("1.2." + std::string(124, '1')));   // 128
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------- real ID-card certificates

namespace {

// ../shared/idcard next to the repository (CI always has it), or
// $EVOTE_IDCARD_DIR. Missing data fails the tests: they are never skipped.
std::filesystem::path idcard_dir() {
  if (const char* dir = std::getenv("EVOTE_IDCARD_DIR")) return dir;
  return source_path("../shared/idcard");
}

Bytes read_idcard(const std::string& name) {
  std::ifstream in(idcard_dir() / name, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << (idcard_dir() / name));
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The kit date of ../shared/idcard/README.md, 2021-08-01T00:00:00Z: every
// certificate used here and both CAs are valid then.
constexpr std::time_t kKitDate = 1627776000;
const std::vector<std::string> kEsteidPolicy = {"1.3.6.1.4.1.51361.1.2.1"};

const TrustedCas& esteid_root() {
  static const TrustedCas root(std::vector<Bytes>{read_idcard("ca/TEST_of_EE-GovCA2018.pem")});
  return root;
}

VoterCertificateResult check_real(const std::string& cert, CertificatePurpose purpose,
                                  const std::vector<std::string>& policies) {
  const std::vector<Bytes> intermediates = {read_idcard("ca/TEST_of_ESTEID2018.pem")};
  return verify_voter_certificate(esteid_root(), read_idcard("certs/" + cert), intermediates,
                                  kKitDate, purpose, policies);
}

// Standard base64 (with padding) as the Web eID token has it.
Bytes base64_decode(std::string text) {
  for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!text.empty() && text.back() == '=') text.pop_back();
  return evote::protocol::base64url_decode(text);
}

Bytes sha384(const std::string& text) {
  Bytes out(48);
  unsigned int length = 0;
  BOOST_REQUIRE(EVP_Digest(text.data(), text.size(), out.data(), &length, EVP_sha384(), nullptr) ==
                1);
  return out;
}

const std::string kSign = "JOEORG_sign_2019_4FB8FACE.pem";
const std::string kAuth = "JOEORG_auth_2021_639386B2.pem";

}  // namespace

BOOST_AUTO_TEST_SUITE(real_idcard_certificates)

BOOST_AUTO_TEST_CASE(signing_certificate_is_for_document_signing_with_its_policies) {
  // nonRepudiation, no extendedKeyUsage, policies 1.3.6.1.4.1.51361.1.2.1
  // (ESTEID) and 0.4.0.194112.1.2 (QCP-n-qscd).
  const VoterCertificateResult r = check_real(kSign, CertificatePurpose::document_signing,
                                              {"1.3.6.1.4.1.51361.1.2.1", "0.4.0.194112.1.2"});
  BOOST_TEST(r.verdict.ok, r.verdict.reason);
  BOOST_TEST(r.signer.subject_serial_number == "PNOEE-38001085718");
  BOOST_TEST(check_real(kSign, CertificatePurpose::document_signing, {}).verdict.ok);
  BOOST_TEST(
      check_real(kSign, CertificatePurpose::document_signing, {"0.4.0.194112.1.2"}).verdict.ok);
  // Not the authentication policy NCP+ (0.4.0.2042.1.2) alone.
  BOOST_TEST(
      check_real(kSign, CertificatePurpose::document_signing, {"0.4.0.2042.1.2"}).verdict.reason ==
      "signer certificate: carries none of the accepted certificate policies "
      "0.4.0.2042.1.2 (it has 1.3.6.1.4.1.51361.1.2.1, 0.4.0.194112.1.2)");
  BOOST_TEST(check_real(kSign, CertificatePurpose::authentication, kEsteidPolicy).verdict.reason ==
             "signer certificate: key usage does not allow digitalSignature");
}

BOOST_AUTO_TEST_CASE(authentication_certificate_is_for_client_auth) {
  // digitalSignature + keyAgreement; EKU clientAuth, emailProtection (critical).
  const VoterCertificateResult r = check_real(kAuth, CertificatePurpose::authentication,
                                              {"1.3.6.1.4.1.51361.1.2.1", "0.4.0.2042.1.2"});
  BOOST_TEST(r.verdict.ok, r.verdict.reason);
  BOOST_TEST(r.signer.subject_serial_number == "PNOEE-38001085718");
  BOOST_TEST(
      check_real(kAuth, CertificatePurpose::document_signing, kEsteidPolicy).verdict.reason ==
      "signer certificate: key usage does not allow nonRepudiation");
  for (const char* older : {"JOEORG_auth_2018_1D66D55B.pem", "JOEORG_auth_2018_39690159.pem",
                            "JOEORG_auth_2020_1FD35E37.pem"}) {
    const VoterCertificateResult o =
        check_real(older, CertificatePurpose::authentication, kEsteidPolicy);
    BOOST_TEST(o.verdict.ok, older << ": " << o.verdict.reason);
  }
}

// A real card's signature: the Web eID token of the kit (ES384 over
// SHA-384(origin) || SHA-384(nonce), raw r || s), checked by
// verify_voter_signature for authentication with the ESTEID policy.
BOOST_AUTO_TEST_CASE(real_web_eid_token_signature_verifies_for_authentication) {
  const Bytes text = read_idcard("tokens/valid_es384_web-eid-1.0_2021cert.json");
  const nlohmann::json token = nlohmann::json::parse(text.begin(), text.end());
  const Bytes certificate = base64_decode(token["unverifiedCertificate"].get<std::string>());
  const Bytes signature = base64_decode(token["signature"].get<std::string>());
  Bytes signed_data = sha384("https://ria.ee");
  const Bytes nonce = sha384("12345678123456781234567812345678912356789123");
  signed_data.insert(signed_data.end(), nonce.begin(), nonce.end());
  const std::vector<Bytes> intermediates = {read_idcard("ca/TEST_of_ESTEID2018.pem")};
  const auto r =
      verify_voter_signature(esteid_root(), certificate, intermediates, signed_data, signature,
                             kKitDate, CertificatePurpose::authentication, kEsteidPolicy);
  BOOST_TEST(r.verdict.ok, r.verdict.reason);
  BOOST_TEST(r.signer.subject_serial_number == "PNOEE-38001085718");
  signed_data[0] ^= 1;
  BOOST_TEST(verify_voter_signature(esteid_root(), certificate, intermediates, signed_data,
                                    signature, kKitDate, CertificatePurpose::authentication,
                                    kEsteidPolicy)
                 .verdict.reason == "voter signature does not verify");
}

BOOST_AUTO_TEST_SUITE_END()
