// Web eID token checks with tokens this test makes: a P-384 test card (and
// RSA, P-256, P-521 ones) from the test PKI, each rule of
// specs/collector-auth.md §2 with its reason code; strict base64.
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <stdexcept>

#include "auth/base64.hpp"
#include "auth/web_eid_token.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using namespace evote::collector::auth;
using namespace evote::testing;
using Json = nlohmann::json;

namespace {

const std::string kOrigin = "https://vote.example.ee";
const std::string kNonce = "lS2K1rX5aO0ZUk5mYrI0g8Xqk0iO0mQyJ3lK0m1n2o8=";
constexpr const char* kPolicyOid = "1.3.6.1.4.1.51361.1.2.1";

const EVP_MD* digest_for(const std::string& algorithm) {
  std::string bits = algorithm.substr(2);
  return bits == "256" ? EVP_sha256() : bits == "384" ? EVP_sha384() : EVP_sha512();
}

// H(origin) || H(nonce) with the algorithm's hash.
crypto::Bytes signed_data(const std::string& algorithm, const std::string& origin,
                          const std::string& nonce) {
  const EVP_MD* md = digest_for(algorithm);
  crypto::Bytes out;
  for (const std::string* text : {&origin, &nonce}) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    BOOST_REQUIRE(EVP_Digest(text->data(), text->size(), hash, &length, md, nullptr) == 1);
    out.insert(out.end(), hash, hash + length);
  }
  return out;
}

// RSA signatures of any hash, PKCS#1 v1.5 or PSS (salt = hash length).
crypto::Bytes sign_rsa(const TestKey& key, const EVP_MD* md, bool pss, crypto::BytesView message) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  BOOST_REQUIRE(EVP_DigestSignInit(ctx.get(), &pkey_ctx, md, nullptr, key.get()) == 1);
  if (pss) {
    BOOST_REQUIRE(EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) == 1);
    BOOST_REQUIRE(EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, RSA_PSS_SALTLEN_DIGEST) == 1);
  }
  std::size_t length = 0;
  BOOST_REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &length, message.data(), message.size()) == 1);
  crypto::Bytes signature(length);
  BOOST_REQUIRE(
      EVP_DigestSign(ctx.get(), signature.data(), &length, message.data(), message.size()) == 1);
  signature.resize(length);
  return signature;
}

crypto::Bytes card_signature(const TestCertificate& cert, const std::string& algorithm,
                             const std::string& origin, const std::string& nonce) {
  crypto::Bytes message = signed_data(algorithm, origin, nonce);
  if (algorithm.starts_with("ES")) return cert.sign_like_card(message);
  return sign_rsa(cert.key(), digest_for(algorithm), algorithm.starts_with("PS"), message);
}

Json token_json(const TestCertificate& cert, const std::string& algorithm = "ES384",
                const std::string& origin = kOrigin, const std::string& nonce = kNonce) {
  return Json{{"algorithm", algorithm},
              {"unverifiedCertificate", encode_base64(cert.der())},
              {"appVersion", "https://web-eid.eu/web-eid-app/releases/2.5.0+0"},
              {"signature", encode_base64(card_signature(cert, algorithm, origin, nonce))},
              {"format", "web-eid:1.0"}};
}

CertOptions card_options(const std::string& serial = "PNOEE-38001085718",
                         KeyUsageFlags usage = ku_digital_signature) {
  CertOptions options = leaf_options(serial, "MÄNNIK,MARI-LIIS,38001085718", usage);
  options.surname = "MÄNNIK";
  options.given_name = "MARI-LIIS";
  options.policies = {kPolicyOid};
  return options;
}

// A test card issuer; the election trusts its root and intermediate.
struct Election {
  TestPki pki = TestPki::create("Card", KeyType::ec_p384);
  crypto::TrustedCas cas{std::vector<crypto::Bytes>{pki.root.der(), pki.intermediate.der()}};

  AuthTokenPolicy policy(std::string nonce = kNonce) const {
    return AuthTokenPolicy{.origin = kOrigin,
                           .nonce = std::move(nonce),
                           .at_time = std::time(nullptr),
                           .trusted_cas = &cas,
                           .intermediates = {},
                           .accepted_policies = {kPolicyOid}};
  }
  TestCertificate card(const CertOptions& options = card_options(),
                       KeyType type = KeyType::ec_p384) const {
    return pki.issue_leaf(type, options);
  }
};

AuthTokenReason reason_of(const std::string& token, const AuthTokenPolicy& policy) {
  AuthTokenResult result = validate_auth_token(token, policy);
  BOOST_TEST_MESSAGE(to_string(result.verdict.reason) << ": " << result.verdict.message);
  return result.verdict.reason;
}

AuthTokenReason reason_of(const Json& token, const AuthTokenPolicy& policy) {
  return reason_of(token.dump(), policy);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(web_eid_token)

BOOST_AUTO_TEST_CASE(valid_p384_card) {
  Election election;
  TestCertificate card = election.card();
  AuthTokenResult result = validate_auth_token(token_json(card).dump(), election.policy());
  BOOST_TEST_REQUIRE(static_cast<bool>(result), result.verdict.message);
  BOOST_TEST(result.verdict.message.empty());
  BOOST_TEST(result.identity.personal_code == "38001085718");
  BOOST_TEST(result.identity.serial_number == "PNOEE-38001085718");
  BOOST_TEST(result.identity.given_name == "MARI-LIIS");
  BOOST_TEST(result.identity.surname == "MÄNNIK");
  BOOST_TEST(result.identity.common_name == "MÄNNIK,MARI-LIIS,38001085718");
  BOOST_TEST(result.identity.certificate == card.der());
  BOOST_TEST(result.format == "web-eid:1.0");
  BOOST_TEST(result.signing_certificates.empty());
}

BOOST_AUTO_TEST_CASE(other_key_types_and_algorithms) {
  Election election;
  const std::pair<KeyType, std::string> cards[] = {
      {KeyType::ec_p256, "ES256"},  {KeyType::ec_p521, "ES512"},  {KeyType::rsa_2048, "RS256"},
      {KeyType::rsa_2048, "RS512"}, {KeyType::rsa_2048, "PS256"}, {KeyType::rsa_2048, "PS384"}};
  for (const auto& [type, algorithm] : cards) {
    TestCertificate card = election.card(card_options(), type);
    BOOST_TEST(reason_of(token_json(card, algorithm), election.policy()) == AuthTokenReason::valid,
               algorithm);
  }
}

BOOST_AUTO_TEST_CASE(algorithm_must_fit_the_key) {
  Election election;
  TestCertificate p384 = election.card();
  Json token = token_json(p384, "ES384");
  token["algorithm"] = "ES256";  // a P-384 key under ES256
  BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::signature_invalid);
  token["algorithm"] = "RS384";
  BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::signature_invalid);
  TestCertificate rsa = election.card(card_options(), KeyType::rsa_2048);
  Json pss_as_pkcs1 = token_json(rsa, "PS256");
  pss_as_pkcs1["algorithm"] = "RS256";
  BOOST_TEST(reason_of(pss_as_pkcs1, election.policy()) == AuthTokenReason::signature_invalid);
}

BOOST_AUTO_TEST_CASE(unsupported_algorithms) {
  Election election;
  Json token = token_json(election.card());
  for (const char* algorithm : {"NONE", "none", "HS256", "ES384 ", "es384", "EdDSA", "ES224"}) {
    token["algorithm"] = algorithm;
    BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::unsupported_algorithm,
               algorithm);
  }
}

BOOST_AUTO_TEST_CASE(wrong_origin) {
  Election election;
  Json token = token_json(election.card());
  AuthTokenPolicy policy = election.policy();
  for (const char* origin :
       {"https://evil.example.ee", "https://vote.example.ee:8443", "https://VOTE.example.ee"}) {
    policy.origin = origin;
    BOOST_TEST(reason_of(token, policy) == AuthTokenReason::signature_invalid, origin);
  }
}

BOOST_AUTO_TEST_CASE(replayed_token_for_another_nonce) {
  Election election;
  Json token = token_json(election.card());  // made for kNonce
  BOOST_TEST(reason_of(token, election.policy(make_challenge_nonce())) ==
             AuthTokenReason::signature_invalid);
  // The nonce is hashed as the issued text, not its decoded bytes.
  std::string problem;
  crypto::Bytes decoded = decode_base64(kNonce, problem).value();
  BOOST_TEST(reason_of(token, election.policy(std::string(decoded.begin(), decoded.end()))) ==
             AuthTokenReason::signature_invalid);
}

BOOST_AUTO_TEST_CASE(signature_tampered_or_of_wrong_length) {
  Election election;
  TestCertificate card = election.card();
  crypto::Bytes signature = card_signature(card, "ES384", kOrigin, kNonce);
  Json token = token_json(card);
  signature[95] ^= 1;
  token["signature"] = encode_base64(signature);
  BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::signature_invalid);
  signature.pop_back();
  token["signature"] = encode_base64(signature);
  BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::signature_invalid);
  // r || s swapped
  signature = card_signature(card, "ES384", kOrigin, kNonce);
  std::rotate(signature.begin(), signature.begin() + 48, signature.end());
  token["signature"] = encode_base64(signature);
  BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::signature_invalid);
}

BOOST_AUTO_TEST_CASE(signing_certificate_used_for_authentication) {
  Election election;
  TestCertificate signing = election.card(card_options("PNOEE-38001085718", ku_non_repudiation));
  BOOST_TEST(reason_of(token_json(signing), election.policy()) == AuthTokenReason::wrong_purpose);
}

BOOST_AUTO_TEST_CASE(purpose_rules) {
  Election election;
  CertOptions no_client_auth = card_options();
  no_client_auth.extended_key_usage = {"emailProtection"};
  BOOST_TEST(reason_of(token_json(election.card(no_client_auth)), election.policy()) ==
             AuthTokenReason::wrong_purpose);
  CertOptions any_eku = card_options();
  any_eku.extended_key_usage = {"anyExtendedKeyUsage"};
  BOOST_TEST(reason_of(token_json(election.card(any_eku)), election.policy()) ==
             AuthTokenReason::wrong_purpose);
  CertOptions no_eku = card_options();
  no_eku.extended_key_usage.clear();
  BOOST_TEST(reason_of(token_json(election.card(no_eku)), election.policy()) ==
             AuthTokenReason::wrong_purpose);
  CertOptions ca = card_options();
  ca.ca = true;
  BOOST_TEST(reason_of(token_json(election.card(ca)), election.policy()) ==
             AuthTokenReason::wrong_purpose);
}

BOOST_AUTO_TEST_CASE(certificate_policies) {
  Election election;
  CertOptions other_policy = card_options();
  other_policy.policies = {"1.3.6.1.4.1.10015.1.3"};  // Mobile-ID, say
  BOOST_TEST(reason_of(token_json(election.card(other_policy)), election.policy()) ==
             AuthTokenReason::wrong_policy);
  CertOptions no_policy = card_options();
  no_policy.policies.clear();
  BOOST_TEST(reason_of(token_json(election.card(no_policy)), election.policy()) ==
             AuthTokenReason::wrong_policy);
  AuthTokenPolicy any = election.policy();
  any.accepted_policies.clear();
  BOOST_TEST(reason_of(token_json(election.card(no_policy)), any) == AuthTokenReason::valid);
}

BOOST_AUTO_TEST_CASE(validity_period) {
  Election election;
  const std::time_t now = std::time(nullptr);
  CertOptions expired = card_options();
  expired.not_before = now - 10 * one_day;
  expired.not_after = now - one_day;
  BOOST_TEST(reason_of(token_json(election.card(expired)), election.policy()) ==
             AuthTokenReason::cert_expired);
  CertOptions future = card_options();
  future.not_before = now + one_day;
  BOOST_TEST(reason_of(token_json(election.card(future)), election.policy()) ==
             AuthTokenReason::cert_not_yet_valid);
  // Checked at the injected time, not the machine's clock.
  AuthTokenPolicy later = election.policy();
  later.at_time = now + 4 * 365 * one_day;
  BOOST_TEST(reason_of(token_json(election.card()), later) == AuthTokenReason::cert_expired);
}

BOOST_AUTO_TEST_CASE(card_of_another_ca) {
  Election election;
  TestPki other = TestPki::create("Other", KeyType::ec_p384);
  TestCertificate card = other.issue_leaf(KeyType::ec_p384, card_options());
  BOOST_TEST(reason_of(token_json(card), election.policy()) == AuthTokenReason::chain_untrusted);
  // Only the root configured: the intermediate must come from the policy.
  crypto::TrustedCas root_only(std::vector<crypto::Bytes>{election.pki.root.der()});
  AuthTokenPolicy policy = election.policy();
  policy.trusted_cas = &root_only;
  Json token = token_json(election.card());
  BOOST_TEST(reason_of(token, policy) == AuthTokenReason::chain_untrusted);
  policy.intermediates = election.pki.intermediates();
  BOOST_TEST(reason_of(token, policy) == AuthTokenReason::valid);
}

BOOST_AUTO_TEST_CASE(identity_rules) {
  Election election;
  const std::pair<const char*, AuthTokenReason> serials[] = {
      {"PNOLV-321922-33032", AuthTokenReason::not_estonian},
      {"PNOLT-38001085718", AuthTokenReason::not_estonian},
      {"PNOEE-38001085719", AuthTokenReason::bad_personal_code},  // check digit 8
      {"PNOEE-3800108571", AuthTokenReason::bad_personal_code},
      {"PNOEE-380010857180", AuthTokenReason::bad_personal_code},
      {"PNOEE-3800108571X", AuthTokenReason::bad_personal_code},
      {"IDCEE-38001085718", AuthTokenReason::bad_identity},
      {"38001085718", AuthTokenReason::bad_identity},
      {"PNOee-38001085718", AuthTokenReason::bad_identity},
      {"PNOEE38001085718", AuthTokenReason::bad_identity},
      {"", AuthTokenReason::bad_identity},  // no serialNumber attribute
  };
  for (const auto& [serial, expected] : serials) {
    TestCertificate card = election.card(card_options(serial));
    AuthTokenResult result = validate_auth_token(token_json(card).dump(), election.policy());
    BOOST_TEST(result.verdict.reason == expected, serial);
    // The message names the check, never the code.
    BOOST_TEST(result.verdict.message.find("0108571") == std::string::npos, result.verdict.message);
    BOOST_TEST(result.verdict.message.find("22-33032") == std::string::npos,
               result.verdict.message);
  }
}

BOOST_AUTO_TEST_CASE(truncated_or_garbled_json) {
  Election election;
  const std::string good = token_json(election.card()).dump();
  for (std::size_t length : {std::size_t{0}, std::size_t{1}, good.size() / 2, good.size() - 1})
    BOOST_TEST(reason_of(good.substr(0, length), election.policy()) == AuthTokenReason::bad_format,
               length);
  for (const char* garbled : {"null", "[]", "\"token\"", "42", "{", "{\"format\":}", "{}{}",
                              "\xff\xfe{}", "{\"format\":\"web-eid:1.0\"} x"})
    BOOST_TEST(reason_of(std::string(garbled), election.policy()) == AuthTokenReason::bad_format,
               garbled);
  std::string bad_utf8 = good;
  bad_utf8.insert(bad_utf8.find("https://web-eid"), "\xc3\x28");
  BOOST_TEST(reason_of(bad_utf8, election.policy()) == AuthTokenReason::bad_format);
  std::string huge = good;
  huge.insert(1, "\"padding\":\"" + std::string(kMaxAuthTokenBytes, 'x') + "\",");
  BOOST_TEST(reason_of(huge, election.policy()) == AuthTokenReason::bad_format);
}

BOOST_AUTO_TEST_CASE(members_and_types) {
  Election election;
  const Json good = token_json(election.card());
  for (const char* name : {"format", "algorithm", "unverifiedCertificate", "signature"}) {
    Json missing = good;
    missing.erase(name);
    BOOST_TEST(reason_of(missing, election.policy()) == AuthTokenReason::bad_format, name);
    Json wrong_type = good;
    wrong_type[name] = 42;
    BOOST_TEST(reason_of(wrong_type, election.policy()) == AuthTokenReason::bad_format, name);
    Json empty = good;
    empty[name] = "";
    BOOST_TEST(reason_of(empty, election.policy()) == AuthTokenReason::bad_format, name);
  }
  Json app_version = good;
  app_version["appVersion"] = Json::array();
  BOOST_TEST(reason_of(app_version, election.policy()) == AuthTokenReason::bad_format);
  Json no_app_version = good;
  no_app_version.erase("appVersion");
  BOOST_TEST(reason_of(no_app_version, election.policy()) == AuthTokenReason::valid);
}

BOOST_AUTO_TEST_CASE(extra_members_are_ignored_but_not_duplicates) {
  Election election;
  Json extra = token_json(election.card());
  extra["issuerApp"] = "https://web-eid.eu/web-eid-app/releases/2.0.0+0";
  extra["somethingNew"] = Json{{"nested", Json::array({1, 2, 3})}};
  BOOST_TEST(reason_of(extra, election.policy()) == AuthTokenReason::valid);
  std::string duplicate = token_json(election.card()).dump();
  duplicate.insert(1, "\"format\":\"web-eid:1.1\",");
  BOOST_TEST(reason_of(duplicate, election.policy()) == AuthTokenReason::bad_format);
  Json deep = token_json(election.card());
  deep["x"] = Json::parse("[[[[[[[[1]]]]]]]]");
  BOOST_TEST(reason_of(deep, election.policy()) == AuthTokenReason::bad_format);
}

BOOST_AUTO_TEST_CASE(format_versions) {
  Election election;
  Json token = token_json(election.card());
  for (const char* format : {"web-eid:1", "web-eid:1.0"}) {
    token["format"] = format;
    BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::valid, format);
  }
  for (const char* format : {"web-eid:1.2", "web-eid:2", "web-eid:10", "web-eid:1.0 ", "invalid.0",
                             "WEB-EID:1.0", "web-eid:1.1"}) {  // 1.1 without signing certificates
    token["format"] = format;
    BOOST_TEST(reason_of(token, election.policy()) == AuthTokenReason::bad_format, format);
  }
}

BOOST_AUTO_TEST_CASE(non_base64_certificate_or_signature) {
  Election election;
  const Json good = token_json(election.card());
  const std::string certificate = good["unverifiedCertificate"];
  const std::pair<std::string, AuthTokenReason> certificates[] = {
      {"!!!" + certificate.substr(3), AuthTokenReason::cert_invalid},
      {certificate.substr(0, 40) + "\n" + certificate.substr(40), AuthTokenReason::cert_invalid},
      {certificate.substr(0, certificate.size() - 1), AuthTokenReason::cert_invalid},
      {encode_base64(crypto::Bytes{0x30, 0x03, 0x02, 0x01, 0x01}), AuthTokenReason::cert_invalid},
      {encode_base64(election.card().pem_bytes()), AuthTokenReason::cert_invalid},  // PEM, not DER
  };
  for (const auto& [text, expected] : certificates) {
    Json token = good;
    token["unverifiedCertificate"] = text;
    BOOST_TEST(reason_of(token, election.policy()) == expected);
  }
  crypto::Bytes der = election.card().der();
  der.push_back(0);  // trailing byte
  Json trailing = good;
  trailing["unverifiedCertificate"] = encode_base64(der);
  BOOST_TEST(reason_of(trailing, election.policy()) == AuthTokenReason::cert_invalid);
  Json signature = good;
  signature["signature"] = "not base64!";
  BOOST_TEST(reason_of(signature, election.policy()) == AuthTokenReason::bad_format);
}

BOOST_AUTO_TEST_CASE(web_eid_1_1_signing_certificates) {
  Election election;
  TestCertificate auth = election.card();
  TestCertificate signing = election.card(card_options("PNOEE-38001085718", ku_non_repudiation));
  Json entry{{"certificate", encode_base64(signing.der())},
             {"supportedSignatureAlgorithms", Json::array({{{"cryptoAlgorithm", "ECC"},
                                                            {"hashFunction", "SHA-384"},
                                                            {"paddingScheme", "NONE"}}})}};
  Json token = token_json(auth);
  token["format"] = "web-eid:1.1";
  token["unverifiedSigningCertificates"] = Json::array({entry});
  AuthTokenResult result = validate_auth_token(token.dump(), election.policy());
  BOOST_TEST_REQUIRE(static_cast<bool>(result), result.verdict.message);
  BOOST_TEST_REQUIRE(result.signing_certificates.size() == 1u);
  BOOST_TEST(result.signing_certificates[0] == signing.der());

  Json in_v10 = token;
  in_v10["format"] = "web-eid:1.0";
  BOOST_TEST(reason_of(in_v10, election.policy()) == AuthTokenReason::bad_format);
  Json bad_algorithm = token;
  bad_algorithm["unverifiedSigningCertificates"][0]["supportedSignatureAlgorithms"][0]
               ["hashFunction"] = "MD5";
  BOOST_TEST(reason_of(bad_algorithm, election.policy()) == AuthTokenReason::bad_format);
  Json empty_list = token;
  empty_list["unverifiedSigningCertificates"] = Json::array();
  BOOST_TEST(reason_of(empty_list, election.policy()) == AuthTokenReason::bad_format);

  auto with_signing = [&](const TestCertificate& other) {
    Json changed = token;
    changed["unverifiedSigningCertificates"][0]["certificate"] = encode_base64(other.der());
    return reason_of(changed, election.policy());
  };
  // Another person, another CA, an authentication certificate as "signing".
  BOOST_TEST(with_signing(election.card(card_options("PNOEE-49001010001", ku_non_repudiation))) ==
             AuthTokenReason::signing_cert_invalid);
  TestPki other = TestPki::create("Other", KeyType::ec_p384);
  BOOST_TEST(with_signing(other.issue_leaf(
                 KeyType::ec_p384, card_options("PNOEE-38001085718", ku_non_repudiation))) ==
             AuthTokenReason::signing_cert_invalid);
  BOOST_TEST(with_signing(election.card()) == AuthTokenReason::signing_cert_invalid);
  Json garbled = token;
  garbled["unverifiedSigningCertificates"][0]["certificate"] = "AAAA";
  BOOST_TEST(reason_of(garbled, election.policy()) == AuthTokenReason::signing_cert_invalid);
}

BOOST_AUTO_TEST_CASE(policy_errors_are_the_callers) {
  Election election;
  const std::string token = token_json(election.card()).dump();
  for (const char* origin : {"https://vote.example.ee/", "http://vote.example.ee",
                             "vote.example.ee", "https://vote.example.ee/path", "https://",
                             "https://a:0", "https://a:70000", "https://user@vote.example.ee"}) {
    AuthTokenPolicy policy = election.policy();
    policy.origin = origin;
    BOOST_CHECK_THROW(validate_auth_token(token, policy), std::invalid_argument);
  }
  BOOST_CHECK_THROW(validate_auth_token(token, election.policy("")), std::invalid_argument);
  AuthTokenPolicy no_cas = election.policy();
  no_cas.trusted_cas = nullptr;
  BOOST_CHECK_THROW(validate_auth_token(token, no_cas), std::invalid_argument);
  AuthTokenPolicy bad_oid = election.policy();
  bad_oid.accepted_policies = {"not.an.oid"};
  BOOST_CHECK_THROW(validate_auth_token(token, bad_oid), crypto::Error);
}

BOOST_AUTO_TEST_CASE(messages_name_the_check_but_not_the_nonce) {
  Election election;
  Json token = token_json(election.card());
  const std::string other_nonce = make_challenge_nonce();
  AuthTokenResult result = validate_auth_token(token.dump(), election.policy(other_nonce));
  BOOST_TEST(result.verdict.message.find("H(origin) || H(nonce)") != std::string::npos);
  BOOST_TEST(result.verdict.message.find(other_nonce) == std::string::npos);
  BOOST_TEST(result.verdict.message.find(kNonce) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(challenge_nonces) {
  const std::string a = make_challenge_nonce();
  const std::string b = make_challenge_nonce();
  BOOST_TEST(a.size() == 44u);
  BOOST_TEST(a != b);
  std::string problem;
  BOOST_TEST(decode_base64(a, problem).value().size() == 32u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(base64)

BOOST_AUTO_TEST_CASE(rfc4648_vectors) {
  const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    crypto::Bytes bytes(plain.begin(), plain.end());
    BOOST_TEST(encode_base64(bytes) == encoded);
    std::string problem;
    BOOST_TEST(decode_base64(encoded, problem).value() == bytes, encoded);
  }
  crypto::Bytes all(256);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint8_t>(i);
  std::string problem;
  BOOST_TEST(decode_base64(encode_base64(all), problem).value() == all);
}

BOOST_AUTO_TEST_CASE(strict_decoding) {
  for (const char* text : {"Zg", "Zg=", "Zm9", "Zh==", "Zm9=", "Zg==Zg==", "=Zg=", "Zm 9v",
                           "Zm9v\n", "Zm-v", "Zm_v", "====", "Z===", "Zm9vYg==="}) {
    std::string problem;
    BOOST_TEST(!decode_base64(text, problem).has_value(), text);
    BOOST_TEST(!problem.empty());
  }
  std::string problem;
  decode_base64("Zm*v", problem);
  BOOST_TEST(problem == "character 3 ('*') is not base64");
}

BOOST_AUTO_TEST_SUITE_END()
