// Issuing CAs as anchors (specs/crypto.md §9.1): a configured issuing CA
// whose path to a configured root verified once decides its leaves with
// one signature check, and every answer is the full path's answer.
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <string>
#include <vector>

#include "evote/crypto/voter_signature.hpp"
#include "support/test_pki.hpp"

namespace {

using evote::crypto::Bytes;
using evote::crypto::CertificatePurpose;
using evote::crypto::TrustedCas;
using evote::crypto::verify_voter_signature;
using evote::crypto::VoterSignatureResult;
using namespace evote::testing;

const std::time_t now = std::time(nullptr);
const std::time_t year = 365 * one_day;

const Bytes& message() {
  static const Bytes text{'b', 'a', 'l', 'l', 'o', 't'};
  return text;
}

CertOptions voter() { return leaf_options("PNOEE-38001085718", "MÄNNIK,MARI-LIIS,38001085718"); }

VoterSignatureResult verify(const TrustedCas& cas, const TestCertificate& signer,
                            const std::vector<Bytes>& intermediates, std::time_t at = now) {
  return verify_voter_signature(cas, signer.der(), intermediates, message(),
                                signer.sign_like_card(message()), at,
                                CertificatePurpose::authentication);
}

// The anchored store ({root, issuing CA}) and the full path (root only,
// the issuing CA sent as an intermediate) give the same verdict.
boost::test_tools::predicate_result same_answer(const TestCertificate& root,
                                                const TestCertificate& issuing,
                                                const TestCertificate& signer, std::time_t at) {
  TrustedCas anchored(std::vector<Bytes>{root.der(), issuing.der()});
  TrustedCas roots_only(std::vector<Bytes>{root.der()});
  const VoterSignatureResult fast = verify(anchored, signer, {}, at);
  const VoterSignatureResult full = verify(roots_only, signer, {issuing.der()}, at);
  if (fast.verdict.ok == full.verdict.ok && fast.verdict.reason == full.verdict.reason) return true;
  boost::test_tools::predicate_result differ(false);
  differ.message() << "anchored: " << (fast.verdict.ok ? "pass" : fast.verdict.reason)
                   << "; full path: " << (full.verdict.ok ? "pass" : full.verdict.reason);
  return differ;
}

std::string reason(const VoterSignatureResult& result) {
  return result.verdict.ok ? "pass" : result.verdict.reason;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(issuing_ca_anchors)

BOOST_AUTO_TEST_CASE(an_issuing_ca_is_anchored_only_with_its_root) {
  TestPki pki = TestPki::create("Anchor");
  BOOST_CHECK_EQUAL(
      TrustedCas(std::vector<Bytes>{pki.root.der(), pki.intermediate.der()}).anchored_issuing_cas(),
      1u);
  BOOST_CHECK_EQUAL(TrustedCas(pki.trusted()).anchored_issuing_cas(), 0u);
  BOOST_CHECK_EQUAL(TrustedCas(pki.intermediates()).anchored_issuing_cas(), 0u);
  TestPki other = TestPki::create("Other");
  BOOST_CHECK_EQUAL(TrustedCas(std::vector<Bytes>{other.root.der(), pki.intermediate.der()})
                        .anchored_issuing_cas(),
                    0u);
}

BOOST_AUTO_TEST_CASE(answers_equal_the_full_path_over_time) {
  TestPki pki = TestPki::create("Anchor");
  TestCertificate signer = pki.issue_leaf(KeyType::ec_p384, voter());
  for (std::time_t at : {now, now - 2 * one_day, now + 4 * year, now + 11 * year})
    BOOST_CHECK(same_answer(pki.root, pki.intermediate, signer, at));
  TrustedCas anchored(std::vector<Bytes>{pki.root.der(), pki.intermediate.der()});
  BOOST_CHECK_EQUAL(reason(verify(anchored, signer, {})), "pass");
  BOOST_CHECK_EQUAL(reason(verify(anchored, signer, {}, now + 4 * year)),
                    "signer certificate: certificate has expired");
}

BOOST_AUTO_TEST_CASE(an_expired_root_still_refuses) {
  CertOptions short_root = ca_options("Short Root");
  short_root.not_after = now + year;
  TestCertificate root = make_self_signed(TestKey::generate(KeyType::ec_p384), short_root);
  TestCertificate issuing =
      issue_certificate(root, TestKey::generate(KeyType::ec_p384), ca_options("Issuing CA"));
  TestCertificate signer = issue_certificate(issuing, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas anchored(std::vector<Bytes>{root.der(), issuing.der()});
  BOOST_CHECK_EQUAL(anchored.anchored_issuing_cas(), 1u);
  BOOST_CHECK_EQUAL(reason(verify(anchored, signer, {})), "pass");
  BOOST_CHECK_EQUAL(reason(verify(anchored, signer, {}, now + 2 * year)),
                    "signer certificate: certificate has expired");
  BOOST_CHECK(same_answer(root, issuing, signer, now + 2 * year));
}

BOOST_AUTO_TEST_CASE(a_root_allowing_no_intermediate_anchors_nothing) {
  CertOptions no_intermediates = ca_options("Path Length 0 Root");
  no_intermediates.path_length = 0;
  TestCertificate root = make_self_signed(TestKey::generate(KeyType::ec_p384), no_intermediates);
  TestCertificate issuing =
      issue_certificate(root, TestKey::generate(KeyType::ec_p384), ca_options("Issuing CA"));
  TestCertificate signer = issue_certificate(issuing, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas configured(std::vector<Bytes>{root.der(), issuing.der()});
  BOOST_CHECK_EQUAL(configured.anchored_issuing_cas(), 0u);
  BOOST_CHECK_EQUAL(reason(verify(configured, signer, {})),
                    "signer certificate: path length constraint exceeded");
  BOOST_CHECK(same_answer(root, issuing, signer, now));
}

BOOST_AUTO_TEST_CASE(name_constraints_above_keep_the_full_path) {
  CertOptions constrained = ca_options("Constrained Root");
  constrained.name_constraints = "permitted;DNS:example.org";
  TestCertificate root = make_self_signed(TestKey::generate(KeyType::ec_p384), constrained);
  TestCertificate issuing =
      issue_certificate(root, TestKey::generate(KeyType::ec_p384), ca_options("Issuing CA"));
  TestCertificate signer = issue_certificate(issuing, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas configured(std::vector<Bytes>{root.der(), issuing.der()});
  BOOST_CHECK_EQUAL(configured.anchored_issuing_cas(), 0u);
  BOOST_CHECK(same_answer(root, issuing, signer, now));
}

BOOST_AUTO_TEST_CASE(an_issuing_ca_another_root_signed_is_not_anchored) {
  TestPki pki = TestPki::create("Anchor");
  TestPki other = TestPki::create("Other");
  // Same subject as the real issuing CA, signed by a root the election does not list.
  TestCertificate forged = issue_certificate(other.root, TestKey::generate(KeyType::ec_p384),
                                             ca_options("Anchor Intermediate CA"));
  TestCertificate signer = issue_certificate(forged, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas configured(std::vector<Bytes>{pki.root.der(), forged.der()});
  BOOST_CHECK_EQUAL(configured.anchored_issuing_cas(), 0u);
  BOOST_CHECK(!verify(configured, signer, {}).verdict.ok);
  BOOST_CHECK(!verify(configured, signer, {forged.der()}).verdict.ok);
}

BOOST_AUTO_TEST_CASE(a_leaf_of_an_unlisted_ca_is_refused) {
  TestPki pki = TestPki::create("Anchor");
  TestPki other = TestPki::create("Other");
  TestCertificate stranger = other.issue_leaf(KeyType::ec_p384, voter());
  TrustedCas anchored(std::vector<Bytes>{pki.root.der(), pki.intermediate.der()});
  BOOST_CHECK_EQUAL(reason(verify(anchored, stranger, {})),
                    "signer certificate: unable to get local issuer certificate");
  BOOST_CHECK_EQUAL(reason(verify(anchored, stranger, other.intermediates())),
                    "signer certificate: unable to get local issuer certificate");
}

BOOST_AUTO_TEST_CASE(a_second_level_issuing_ca_respects_the_root_path_length) {
  CertOptions one_level = ca_options("Path Length 1 Root");
  one_level.path_length = 1;
  TestCertificate root = make_self_signed(TestKey::generate(KeyType::ec_p384), one_level);
  TestCertificate upper =
      issue_certificate(root, TestKey::generate(KeyType::ec_p384), ca_options("Upper CA"));
  TestCertificate lower =
      issue_certificate(upper, TestKey::generate(KeyType::ec_p384), ca_options("Lower CA"));
  TestCertificate under_upper =
      issue_certificate(upper, TestKey::generate(KeyType::ec_p384), voter());
  TestCertificate under_lower =
      issue_certificate(lower, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas configured(std::vector<Bytes>{root.der(), upper.der(), lower.der()});
  BOOST_CHECK_EQUAL(configured.anchored_issuing_cas(), 1u);  // upper only
  BOOST_CHECK_EQUAL(reason(verify(configured, under_upper, {})), "pass");
  BOOST_CHECK_EQUAL(reason(verify(configured, under_lower, {})),
                    "signer certificate: path length constraint exceeded");

  TestCertificate open_root =
      make_self_signed(TestKey::generate(KeyType::ec_p384), ca_options("Open Root"));
  TestCertificate open_upper =
      issue_certificate(open_root, TestKey::generate(KeyType::ec_p384), ca_options("Upper CA"));
  TestCertificate open_lower =
      issue_certificate(open_upper, TestKey::generate(KeyType::ec_p384), ca_options("Lower CA"));
  TestCertificate signer =
      issue_certificate(open_lower, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas both_levels(std::vector<Bytes>{open_root.der(), open_upper.der(), open_lower.der()});
  BOOST_CHECK_EQUAL(both_levels.anchored_issuing_cas(), 2u);
  BOOST_CHECK_EQUAL(reason(verify(both_levels, signer, {})), "pass");
}

// The anchored path checks the leaf's signature itself (P-384 with crypto's
// own arithmetic, other keys with OpenSSL): a leaf that names the anchor as
// its issuer but was signed by another key, or whose signature bytes were
// changed, is refused as the full path refuses it.
BOOST_AUTO_TEST_CASE(a_leaf_the_anchor_did_not_sign_is_refused) {
  TestPki pki = TestPki::create("Anchor");
  // Same subject as the anchored issuing CA, another key.
  TestCertificate impostor =
      make_self_signed(TestKey::generate(KeyType::ec_p384), ca_options("Anchor Intermediate CA"));
  TestCertificate forged =
      issue_certificate(impostor, TestKey::generate(KeyType::ec_p384), voter());
  TrustedCas anchored(std::vector<Bytes>{pki.root.der(), pki.intermediate.der()});
  BOOST_REQUIRE_EQUAL(anchored.anchored_issuing_cas(), 1u);
  BOOST_CHECK(!verify(anchored, forged, {}).verdict.ok);
  BOOST_CHECK(same_answer(pki.root, pki.intermediate, forged, now));
}

BOOST_AUTO_TEST_CASE(a_changed_leaf_signature_is_refused) {
  for (KeyType ca_key : {KeyType::ec_p384, KeyType::ec_p256, KeyType::rsa_2048}) {
    BOOST_TEST_CONTEXT("CA key " << to_string(ca_key)) {
      TestPki pki = TestPki::create("Anchor", ca_key);
      TestCertificate signer = pki.issue_leaf(KeyType::ec_p384, voter());
      TrustedCas anchored(std::vector<Bytes>{pki.root.der(), pki.intermediate.der()});
      BOOST_REQUIRE_EQUAL(anchored.anchored_issuing_cas(), 1u);
      BOOST_CHECK_EQUAL(reason(verify(anchored, signer, {})), "pass");
      const Bytes signature = signer.sign_like_card(message());
      // The certificate's last bytes are its signature value.
      for (std::size_t back = 1; back <= 12; ++back) {
        Bytes changed = signer.der();
        changed[changed.size() - back] ^= 0x01;
        const VoterSignatureResult result = verify_voter_signature(
            anchored, changed, {}, message(), signature, now, CertificatePurpose::authentication);
        BOOST_CHECK_MESSAGE(!result.verdict.ok, "byte " << back << " from the end: accepted");
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
