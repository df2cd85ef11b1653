// Voter signatures: certificate chain, validity time, key usage and the
// signature itself, with real certificates from support/test_pki.
#include <openssl/err.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "evote/crypto/certificate_memo.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "support/test_pki.hpp"

namespace {

using evote::crypto::Bytes;
using evote::crypto::BytesView;
using evote::crypto::CertificatePurpose;
using evote::crypto::DecodeError;
using evote::crypto::Error;
using evote::crypto::TrustedCas;
using evote::crypto::verify_voter_signature;
using evote::crypto::VoterSignatureResult;
using namespace evote::testing;

const std::string voter_serial = "PNOEE-38001085718";
const std::string voter_name = "MÄNNIK,MARI-LIIS,38001085718";
const std::time_t now = std::time(nullptr);
const std::time_t year = 365 * one_day;

const std::string cannot_parse = "signer certificate: cannot parse (not DER or PEM X.509)";
const std::string does_not_verify = "voter signature does not verify";

Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

const Bytes& message() {
  static const Bytes text = bytes_of("evote ballot: election TEST-2025, contest 1, 38001085718");
  return text;
}

const TestPki& pki() {
  static const TestPki test_pki = TestPki::create("Test");
  return test_pki;
}

const TrustedCas& cas() {
  static const TrustedCas trusted(pki().trusted());
  return trusted;
}

// One digitalSignature leaf per accepted key type, made once (RSA is slow).
const TestCertificate& leaf(KeyType type) {
  auto make = [](KeyType t) { return pki().issue_leaf(t, leaf_options(voter_serial, voter_name)); };
  static const TestCertificate p384 = make(KeyType::ec_p384);
  static const TestCertificate p256 = make(KeyType::ec_p256);
  static const TestCertificate rsa = make(KeyType::rsa_2048);
  if (type == KeyType::ec_p256) return p256;
  if (type == KeyType::rsa_2048) return rsa;
  return p384;
}

const std::vector<KeyType> accepted_types = {KeyType::ec_p384, KeyType::ec_p256, KeyType::rsa_2048};

// The usual call: the test PKI's CAs and intermediate, message(), now.
VoterSignatureResult verify(const TestCertificate& signer, BytesView signature,
                            CertificatePurpose usage = CertificatePurpose::authentication,
                            std::time_t at = now) {
  return verify_voter_signature(cas(), signer.der(), pki().intermediates(), message(), signature,
                                at, usage);
}

VoterSignatureResult verify_signed(const TestCertificate& signer,
                                   CertificatePurpose usage = CertificatePurpose::authentication,
                                   std::time_t at = now) {
  return verify(signer, signer.sign_like_card(message()), usage, at);
}

boost::test_tools::predicate_result passes(const VoterSignatureResult& result) {
  if (result.verdict.ok && result.verdict.reason.empty()) return true;
  boost::test_tools::predicate_result failed(false);
  failed.message() << "failed with \"" << result.verdict.reason << "\"";
  return failed;
}

boost::test_tools::predicate_result fails_with(const VoterSignatureResult& result,
                                               const std::string& reason) {
  if (!result.verdict.ok && result.verdict.reason == reason) return true;
  boost::test_tools::predicate_result failed(false);
  if (result.verdict.ok)
    failed.message() << "passed";
  else
    failed.message() << "failed with \"" << result.verdict.reason << "\"";
  failed.message() << ", expected failure \"" << reason << "\"";
  return failed;
}

CertOptions voter_options(KeyUsageFlags usage = ku_digital_signature) {
  return leaf_options(voter_serial, voter_name, usage);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(voter_signature)

BOOST_AUTO_TEST_CASE(valid_signatures_pass_and_name_the_signer) {
  for (KeyType type : accepted_types) {
    BOOST_TEST_CONTEXT(to_string(type)) {
      VoterSignatureResult result = verify_signed(leaf(type));
      BOOST_CHECK(passes(result));
      BOOST_CHECK_EQUAL(result.signer.subject_serial_number, voter_serial);
      BOOST_CHECK_EQUAL(result.signer.common_name, voter_name);
    }
  }
}

BOOST_AUTO_TEST_CASE(card_signature_sizes) {
  BOOST_CHECK_EQUAL(leaf(KeyType::ec_p384).sign_like_card(message()).size(), 96u);
  BOOST_CHECK_EQUAL(leaf(KeyType::ec_p256).sign_like_card(message()).size(), 64u);
  BOOST_CHECK_EQUAL(leaf(KeyType::rsa_2048).sign_like_card(message()).size(), 256u);
}

BOOST_AUTO_TEST_CASE(non_repudiation_certificate_passes_for_non_repudiation) {
  TestCertificate signer = pki().issue_leaf(KeyType::ec_p384, voter_options(ku_non_repudiation));
  BOOST_CHECK(passes(verify_signed(signer, CertificatePurpose::document_signing)));
}

BOOST_AUTO_TEST_CASE(pem_certificates_are_accepted) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  TrustedCas pem_cas(std::vector<Bytes>{pki().root.pem_bytes()});
  std::vector<Bytes> intermediates{pki().intermediate.pem_bytes()};
  VoterSignatureResult result = verify_voter_signature(pem_cas, signer.pem_bytes(), intermediates,
                                                       message(), signer.sign_like_card(message()),
                                                       now, CertificatePurpose::authentication);
  BOOST_CHECK(passes(result));
  BOOST_CHECK_EQUAL(result.signer.subject_serial_number, voter_serial);
}

BOOST_AUTO_TEST_CASE(empty_message_can_be_signed) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  Bytes empty;
  VoterSignatureResult result =
      verify_voter_signature(cas(), signer.der(), pki().intermediates(), empty,
                             signer.sign_like_card(empty), now, CertificatePurpose::authentication);
  BOOST_CHECK(passes(result));
}

BOOST_AUTO_TEST_CASE(expired_certificate_is_rejected) {
  CertOptions options = voter_options();
  options.not_before = now - 2 * year;
  options.not_after = now - one_day;
  VoterSignatureResult result = verify_signed(pki().issue_leaf(KeyType::ec_p384, options));
  BOOST_CHECK(fails_with(result, "signer certificate: certificate has expired"));
  BOOST_CHECK_EQUAL(result.signer.subject_serial_number, voter_serial);  // still reported
}

BOOST_AUTO_TEST_CASE(not_yet_valid_certificate_is_rejected) {
  CertOptions options = voter_options();
  options.not_before = now + one_day;
  options.not_after = now + 2 * year;
  BOOST_CHECK(fails_with(verify_signed(pki().issue_leaf(KeyType::ec_p384, options)),
                         "signer certificate: certificate is not yet valid"));
}

BOOST_AUTO_TEST_CASE(validity_is_checked_at_the_given_time) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);  // valid for three years
  BOOST_CHECK(passes(verify_signed(signer, CertificatePurpose::authentication, now + 2 * year)));
  BOOST_CHECK(fails_with(verify_signed(signer, CertificatePurpose::authentication, now + 4 * year),
                         "signer certificate: certificate has expired"));
  BOOST_CHECK(fails_with(verify_signed(signer, CertificatePurpose::authentication, now - year),
                         "signer certificate: certificate is not yet valid"));
}

BOOST_AUTO_TEST_CASE(expired_intermediate_is_rejected) {
  CertOptions short_lived = ca_options("Short-lived Intermediate CA");
  short_lived.not_after = now + year;
  TestCertificate intermediate =
      issue_certificate(pki().root, TestKey::generate(KeyType::ec_p384), short_lived);
  TestCertificate signer =
      issue_certificate(intermediate, TestKey::generate(KeyType::ec_p384), voter_options());
  std::vector<Bytes> intermediates{intermediate.der()};
  auto at = [&](std::time_t time) {
    return verify_voter_signature(cas(), signer.der(), intermediates, message(),
                                  signer.sign_like_card(message()), time,
                                  CertificatePurpose::authentication);
  };
  BOOST_CHECK(passes(at(now)));
  BOOST_CHECK(fails_with(at(now + 2 * year), "signer certificate: certificate has expired"));
}

BOOST_AUTO_TEST_CASE(certificate_from_another_ca_is_rejected) {
  TestPki other = TestPki::create("Other");
  TestCertificate signer = other.issue_leaf(KeyType::ec_p384, voter_options());
  VoterSignatureResult result = verify_voter_signature(cas(), signer.der(), other.intermediates(),
                                                       message(), signer.sign_like_card(message()),
                                                       now, CertificatePurpose::authentication);
  BOOST_CHECK(fails_with(result, "signer certificate: unable to get local issuer certificate"));
  // Our intermediate does not help: the other intermediate signed the leaf.
  BOOST_CHECK(fails_with(verify_signed(signer),
                         "signer certificate: unable to get local issuer certificate"));
}

BOOST_AUTO_TEST_CASE(self_signed_leaf_is_rejected) {
  TestKey key = TestKey::generate(KeyType::ec_p384);
  CertOptions options = voter_options(ku_digital_signature | ku_key_cert_sign);
  BOOST_CHECK(fails_with(verify_signed(make_self_signed(key, options)),
                         "signer certificate: self-signed certificate"));
  BOOST_CHECK(fails_with(verify_signed(make_self_signed(key, voter_options())),
                         "signer certificate: self-signed certificate"));
}

BOOST_AUTO_TEST_CASE(missing_intermediate_is_rejected) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  VoterSignatureResult result =
      verify_voter_signature(cas(), signer.der(), {}, message(), signer.sign_like_card(message()),
                             now, CertificatePurpose::authentication);
  BOOST_CHECK(fails_with(result, "signer certificate: unable to get local issuer certificate"));
}

BOOST_AUTO_TEST_CASE(intermediate_alone_is_not_a_trust_anchor) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  TrustedCas only_intermediate(pki().intermediates());
  VoterSignatureResult result = verify_voter_signature(only_intermediate, signer.der(), {},
                                                       message(), signer.sign_like_card(message()),
                                                       now, CertificatePurpose::authentication);
  BOOST_CHECK(fails_with(result, "signer certificate: unable to get issuer certificate"));
}

BOOST_AUTO_TEST_CASE(several_trusted_cas) {
  TestPki other = TestPki::create("Other");
  TestCertificate other_signer = other.issue_leaf(KeyType::ec_p256, voter_options());
  std::vector<Bytes> roots{pki().root.der(), other.root.der()};
  TrustedCas both(roots);
  BOOST_CHECK_EQUAL(both.size(), 2u);
  std::vector<Bytes> intermediates{pki().intermediate.der(), other.intermediate.der()};
  for (const TestCertificate* signer : {&leaf(KeyType::ec_p384), &std::as_const(other_signer)}) {
    BOOST_CHECK(passes(verify_voter_signature(both, signer->der(), intermediates, message(),
                                              signer->sign_like_card(message()), now,
                                              CertificatePurpose::authentication)));
  }
}

BOOST_AUTO_TEST_CASE(wrong_key_usage_is_rejected) {
  // Authentication certificate (digitalSignature) used where a qualified
  // signature (nonRepudiation) is required, and the other way round.
  BOOST_CHECK(
      fails_with(verify_signed(leaf(KeyType::ec_p384), CertificatePurpose::document_signing),
                 "signer certificate: key usage does not allow nonRepudiation"));
  TestCertificate signing = pki().issue_leaf(KeyType::ec_p384, voter_options(ku_non_repudiation));
  BOOST_CHECK(fails_with(verify_signed(signing, CertificatePurpose::authentication),
                         "signer certificate: key usage does not allow digitalSignature"));
}

BOOST_AUTO_TEST_CASE(key_cert_sign_only_is_rejected) {
  // OpenSSL's path validation rejects these before our own key usage check:
  // keyCertSign on a CA:FALSE certificate (X509_V_FLAG_X509_STRICT), and
  // keyCertSign without basicConstraints (it then counts as a CA).
  TestCertificate signer = pki().issue_leaf(KeyType::ec_p384, voter_options(ku_key_cert_sign));
  BOOST_CHECK(fails_with(verify_signed(signer),
                         "signer certificate: Key usage keyCertSign invalid for non-CA cert"));
  CertOptions no_constraints = voter_options(ku_key_cert_sign);
  no_constraints.basic_constraints = false;
  TestCertificate other = pki().issue_leaf(KeyType::ec_p384, no_constraints);
  BOOST_CHECK(fails_with(verify_signed(other), "signer certificate: invalid CA certificate"));
}

BOOST_AUTO_TEST_CASE(missing_key_usage_is_rejected) {
  TestCertificate signer = pki().issue_leaf(KeyType::ec_p384, voter_options(ku_none));
  BOOST_CHECK(fails_with(verify_signed(signer), "signer certificate: has no key usage extension"));
}

BOOST_AUTO_TEST_CASE(both_usages_allow_both) {
  CertOptions options = voter_options(ku_digital_signature | ku_non_repudiation);
  options.extended_key_usage = {"clientAuth", "1.3.6.1.5.5.7.3.36"};  // and documentSigning
  TestCertificate signer = pki().issue_leaf(KeyType::ec_p256, options);
  BOOST_CHECK(passes(verify_signed(signer, CertificatePurpose::authentication)));
  BOOST_CHECK(passes(verify_signed(signer, CertificatePurpose::document_signing)));
}

BOOST_AUTO_TEST_CASE(ca_leaf_is_rejected) {
  CertOptions options = voter_options(ku_digital_signature | ku_key_cert_sign);
  options.ca = true;
  TestCertificate signer = pki().issue_leaf(KeyType::ec_p384, options);
  BOOST_CHECK(fails_with(verify_signed(signer),
                         "signer certificate: is a CA certificate (basicConstraints CA:TRUE)"));
}

BOOST_AUTO_TEST_CASE(signature_over_another_message_is_rejected) {
  for (KeyType type : accepted_types) {
    BOOST_TEST_CONTEXT(to_string(type)) {
      Bytes other_signature = leaf(type).sign_like_card(bytes_of("another ballot"));
      BOOST_CHECK(fails_with(verify(leaf(type), other_signature), does_not_verify));
    }
  }
}

BOOST_AUTO_TEST_CASE(signature_by_another_key_is_rejected) {
  TestKey stranger = TestKey::generate(KeyType::ec_p384);
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), stranger.sign_like_card(message())),
                         does_not_verify));
}

BOOST_AUTO_TEST_CASE(every_flipped_byte_is_rejected) {
  for (KeyType type : accepted_types) {
    const TestCertificate& signer = leaf(type);
    const Bytes good = signer.sign_like_card(message());
    for (std::size_t i = 0; i < good.size(); ++i) {
      for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
        Bytes bad = good;
        bad[i] ^= mask;
        VoterSignatureResult result = verify(signer, bad);
        BOOST_CHECK_MESSAGE(fails_with(result, does_not_verify),
                            to_string(type) << " byte " << i << " mask " << int(mask) << ": "
                                            << result.verdict.reason);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(flipped_message_byte_is_rejected) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  const Bytes signature = signer.sign_like_card(message());
  Bytes altered = message();
  altered.back() ^= 0x01;
  VoterSignatureResult result =
      verify_voter_signature(cas(), signer.der(), pki().intermediates(), altered, signature, now,
                             CertificatePurpose::authentication);
  BOOST_CHECK(fails_with(result, does_not_verify));
}

BOOST_AUTO_TEST_CASE(zero_signature_is_rejected) {
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), Bytes(96, 0)), does_not_verify));
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), Bytes(96, 0xff)), does_not_verify));
  BOOST_CHECK(fails_with(verify(leaf(KeyType::rsa_2048), Bytes(256, 0)), does_not_verify));
}

BOOST_AUTO_TEST_CASE(truncated_or_extended_signature_is_rejected) {
  Bytes p384 = leaf(KeyType::ec_p384).sign_like_card(message());
  Bytes truncated(p384.begin(), p384.end() - 1);
  Bytes extended = p384;
  extended.push_back(0);
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), truncated),
                         "voter signature: wrong length for ECDSA P-384 (95 bytes, expected 96)"));
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), extended),
                         "voter signature: wrong length for ECDSA P-384 (97 bytes, expected 96)"));
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), Bytes{}),
                         "voter signature: wrong length for ECDSA P-384 (0 bytes, expected 96)"));

  Bytes rsa = leaf(KeyType::rsa_2048).sign_like_card(message());
  Bytes rsa_short(rsa.begin() + 1, rsa.end());
  Bytes rsa_long = rsa;
  rsa_long.insert(rsa_long.begin(), 0);  // same integer value, one byte longer
  BOOST_CHECK(fails_with(verify(leaf(KeyType::rsa_2048), rsa_short),
                         "voter signature: wrong length for RSA-2048 (255 bytes, expected 256)"));
  BOOST_CHECK(fails_with(verify(leaf(KeyType::rsa_2048), rsa_long),
                         "voter signature: wrong length for RSA-2048 (257 bytes, expected 256)"));
}

BOOST_AUTO_TEST_CASE(p256_signature_with_p384_certificate_is_rejected) {
  Bytes p256 = leaf(KeyType::ec_p256).sign_like_card(message());
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p384), p256),
                         "voter signature: wrong length for ECDSA P-384 (64 bytes, expected 96)"));
  Bytes p384 = leaf(KeyType::ec_p384).sign_like_card(message());
  BOOST_CHECK(fails_with(verify(leaf(KeyType::ec_p256), p384),
                         "voter signature: wrong length for ECDSA P-256 (96 bytes, expected 64)"));
}

BOOST_AUTO_TEST_CASE(der_encoded_ecdsa_signature_is_rejected) {
  // Cards return raw r || s; a DER ECDSA-Sig-Value is a different format.
  Bytes raw = leaf(KeyType::ec_p384).sign_like_card(message());
  Bytes der{0x30, 0x64, 0x02, 0x30};
  der.insert(der.end(), raw.begin(), raw.begin() + 48);
  der.insert(der.end(), {0x02, 0x30});
  der.insert(der.end(), raw.begin() + 48, raw.end());
  VoterSignatureResult result = verify(leaf(KeyType::ec_p384), der);
  BOOST_CHECK(!result.verdict.ok);
  BOOST_CHECK_EQUAL(result.verdict.reason,
                    "voter signature: wrong length for ECDSA P-384 (102 bytes, expected 96)");
}

BOOST_AUTO_TEST_CASE(garbage_certificate_is_rejected) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  Bytes der = signer.der();
  Bytes truncated(der.begin(), der.end() - 1);
  Bytes trailing = der;
  trailing.push_back(0);
  std::string pem = signer.pem();
  std::string cut_pem = pem.substr(0, pem.size() / 2) + "\n-----END CERTIFICATE-----\n";
  const std::vector<Bytes> garbage = {
      Bytes{},
      bytes_of("hello"),
      Bytes(1000, 0x30),
      truncated,
      trailing,
      bytes_of(cut_pem),
      bytes_of("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")};
  for (std::size_t i = 0; i < garbage.size(); ++i) {
    BOOST_TEST_CONTEXT("garbage #" << i) {
      VoterSignatureResult result = verify_voter_signature(
          cas(), garbage[i], pki().intermediates(), message(), signer.sign_like_card(message()),
          now, CertificatePurpose::authentication);
      BOOST_CHECK(fails_with(result, cannot_parse));
      BOOST_CHECK(result.signer.subject_serial_number.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(public_key_off_the_curve_is_rejected) {
  // Flip a byte of the point's x coordinate inside the certificate: the
  // certificate still parses, its key does not decode.
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  Bytes der = signer.der();
  Bytes spki = signer.key().public_key_der();
  Bytes point(spki.end() - 97, spki.end());  // 04 || x || y
  auto at = std::search(der.begin(), der.end(), point.begin(), point.end());
  BOOST_REQUIRE(at != der.end());
  at[10] ^= 0x01;
  VoterSignatureResult result = verify_voter_signature(cas(), der, pki().intermediates(), message(),
                                                       signer.sign_like_card(message()), now,
                                                       CertificatePurpose::authentication);
  BOOST_CHECK(fails_with(result, "signer certificate: cannot decode its public key"));
}

BOOST_AUTO_TEST_CASE(garbage_intermediate_is_rejected) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  std::vector<Bytes> intermediates{pki().intermediate.der(), bytes_of("junk")};
  VoterSignatureResult result = verify_voter_signature(cas(), signer.der(), intermediates,
                                                       message(), signer.sign_like_card(message()),
                                                       now, CertificatePurpose::authentication);
  BOOST_CHECK(
      fails_with(result, "intermediate certificate #2: cannot parse (not DER or PEM X.509)"));
}

BOOST_AUTO_TEST_CASE(too_many_intermediates_are_rejected) {
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  std::vector<Bytes> intermediates(9, pki().intermediate.der());
  VoterSignatureResult result = verify_voter_signature(cas(), signer.der(), intermediates,
                                                       message(), signer.sign_like_card(message()),
                                                       now, CertificatePurpose::authentication);
  BOOST_CHECK(fails_with(result, "intermediate certificates: too many (9, at most 8)"));
}

BOOST_AUTO_TEST_CASE(short_rsa_key_is_rejected) {
  TestCertificate signer = pki().issue_leaf(KeyType::rsa_1024, voter_options());
  BOOST_CHECK(
      fails_with(verify_signed(signer),
                 "signer certificate: unsupported key: RSA-1024 (at least 2048 bits required)"));
}

BOOST_AUTO_TEST_CASE(other_curve_is_rejected) {
  TestCertificate signer = pki().issue_leaf(KeyType::ec_p521, voter_options());
  BOOST_CHECK(fails_with(
      verify_signed(signer),
      "signer certificate: unsupported key: EC curve secp521r1 (P-384 or P-256 required)"));
}

BOOST_AUTO_TEST_CASE(rsa_signed_chain_is_accepted) {
  TestPki rsa_pki = TestPki::create("RSA", KeyType::rsa_2048);
  TestCertificate signer = rsa_pki.issue_leaf(KeyType::ec_p384, voter_options());
  TrustedCas rsa_cas(rsa_pki.trusted());
  BOOST_CHECK(passes(verify_voter_signature(rsa_cas, signer.der(), rsa_pki.intermediates(),
                                            message(), signer.sign_like_card(message()), now,
                                            CertificatePurpose::authentication)));
}

BOOST_AUTO_TEST_CASE(failures_leave_no_openssl_errors_behind) {
  ERR_clear_error();
  const TestCertificate& signer = leaf(KeyType::ec_p384);
  Bytes bad_signature(96, 0x01);
  verify(signer, bad_signature);
  BOOST_CHECK_EQUAL(ERR_peek_error(), 0ul);
  verify_voter_signature(cas(), bytes_of("garbage"), {}, message(), bad_signature, now,
                         CertificatePurpose::authentication);
  BOOST_CHECK_EQUAL(ERR_peek_error(), 0ul);
  verify_voter_signature(cas(), signer.der(), {}, message(), bad_signature, now,
                         CertificatePurpose::authentication);
  BOOST_CHECK_EQUAL(ERR_peek_error(), 0ul);
  BOOST_CHECK_THROW(TrustedCas(std::vector<Bytes>{bytes_of("garbage")}), DecodeError);
  BOOST_CHECK_EQUAL(ERR_peek_error(), 0ul);
}

BOOST_AUTO_TEST_CASE(one_trusted_cas_from_many_threads) {
  std::vector<std::pair<TestCertificate, Bytes>> signed_inputs;
  for (KeyType type : accepted_types)
    signed_inputs.emplace_back(leaf(type), leaf(type).sign_like_card(message()));
  std::vector<Bytes> bad_signatures;
  for (const auto& [signer, signature] : signed_inputs) {
    Bytes bad = signature;
    bad[5] ^= 0x01;
    bad_signatures.push_back(bad);
  }
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < signed_inputs.size(); ++i) {
          const auto& [signer, signature] = signed_inputs[i];
          if (!verify(signer, signature).verdict.ok) ++wrong;
          if (verify(signer, bad_signatures[i]).verdict.reason != does_not_verify) ++wrong;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_CHECK_EQUAL(wrong.load(), 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(trusted_cas)

BOOST_AUTO_TEST_CASE(accepts_der_and_pem) {
  std::vector<Bytes> certificates{pki().root.der(), pki().intermediate.pem_bytes()};
  TrustedCas trusted(certificates);
  BOOST_CHECK_EQUAL(trusted.size(), 2u);
}

BOOST_AUTO_TEST_CASE(rejects_garbage) {
  std::vector<Bytes> certificates{pki().root.der(), bytes_of("not a certificate")};
  BOOST_CHECK_EXCEPTION(TrustedCas{certificates}, DecodeError, [](const DecodeError& error) {
    return std::string(error.what()) == "CA certificate #2: cannot parse (not DER or PEM X.509)";
  });
  BOOST_CHECK_THROW(TrustedCas(std::vector<Bytes>{Bytes{}}), DecodeError);
}

BOOST_AUTO_TEST_CASE(rejects_a_non_ca_certificate) {
  std::vector<Bytes> certificates{leaf(KeyType::ec_p384).der()};
  BOOST_CHECK_EXCEPTION(TrustedCas{certificates}, DecodeError, [](const DecodeError& error) {
    return std::string(error.what()) ==
           "CA certificate #1: not a CA certificate (no basicConstraints CA:TRUE)";
  });
}

BOOST_AUTO_TEST_CASE(rejects_an_empty_list) {
  BOOST_CHECK_THROW(TrustedCas(std::vector<Bytes>{}), evote::crypto::Error);
}

BOOST_AUTO_TEST_CASE(moved_store_still_verifies) {
  TrustedCas first(pki().trusted());
  TrustedCas moved(std::move(first));
  const TestCertificate& signer = leaf(KeyType::ec_p256);
  BOOST_CHECK(passes(verify_voter_signature(moved, signer.der(), pki().intermediates(), message(),
                                            signer.sign_like_card(message()), now,
                                            CertificatePurpose::authentication)));
}

BOOST_AUTO_TEST_SUITE_END()

// The thread's last parsed certificates (certificate_memo.hpp): the same
// bytes give the same certificate, other bytes another, and trailing or
// missing bytes none; each call owns a reference.
BOOST_AUTO_TEST_SUITE(certificate_memo)

BOOST_AUTO_TEST_CASE(same_bytes_same_certificate_other_bytes_another) {
  using evote::crypto::parse_der_certificate_memo;
  const Bytes first = leaf(KeyType::ec_p384).der();
  X509* a = parse_der_certificate_memo(first);
  X509* b = parse_der_certificate_memo(first);
  BOOST_REQUIRE(a != nullptr);
  BOOST_CHECK(a == b);
  // Five other certificates push the first one out; it parses anew, the same.
  std::vector<X509*> others;
  for (int k = 0; k < 5; ++k) {
    const Bytes other =
        pki().issue_leaf(KeyType::ec_p256, leaf_options(voter_serial, voter_name)).der();
    others.push_back(parse_der_certificate_memo(other));
    BOOST_REQUIRE(others.back() != nullptr);
    BOOST_CHECK(others.back() != a);
  }
  X509* again = parse_der_certificate_memo(first);
  BOOST_REQUIRE(again != nullptr);
  BOOST_CHECK(X509_cmp(again, a) == 0);
  // References held by callers outlive the memo's.
  BOOST_CHECK_EQUAL(X509_get_version(a), 2);
  Bytes trailing = first;
  trailing.push_back(0);
  BOOST_CHECK(parse_der_certificate_memo(trailing) == nullptr);
  BOOST_CHECK(parse_der_certificate_memo(BytesView(first).first(first.size() - 1)) == nullptr);
  BOOST_CHECK(parse_der_certificate_memo({}) == nullptr);
  ERR_clear_error();
  // Another thread has its own memo: an equal certificate, not the same object.
  X509* elsewhere = nullptr;
  std::thread([&] { elsewhere = parse_der_certificate_memo(first); }).join();
  BOOST_REQUIRE(elsewhere != nullptr);
  BOOST_CHECK(X509_cmp(elsewhere, a) == 0);
  for (X509* x : others) X509_free(x);
  for (X509* x : {a, b, again, elsewhere}) X509_free(x);
}

BOOST_AUTO_TEST_SUITE_END()
