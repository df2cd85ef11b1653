// evote_card against real SoftHSM2 test cards made by evote-test-card: the
// cards found, their holders, and signatures that verify with the
// certificates' keys (OpenSSL) and with verify_voter_signature against the
// test CA.
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <memory>

#include "card/card_fixture.hpp"
#include "evote/card/id_card.hpp"

using evote::card::CardInfo;
using evote::card::IdCard;
using evote::card::IdCardModule;
using evote::card::PinState;
using evote::crypto::Bytes;
using evote::crypto::CertificatePurpose;
using evote::crypto::TrustedCas;
using evote::testing::der_of;
using evote::testing::kSoftHsmModule;
using evote::testing::pin;
using evote::testing::sha384;
using evote::testing::TestCards;

namespace {

// True when the raw r || s verifies over `digest` with the certificate's key.
bool ecdsa_verifies(const Bytes& certificate, const Bytes& digest, const Bytes& signature) {
  const unsigned char* cursor = certificate.data();
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &cursor, static_cast<long>(certificate.size())), X509_free);
  if (!cert || signature.size() % 2 != 0) return false;
  const int half = static_cast<int>(signature.size() / 2);
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(signature.data(), half, nullptr),
                 BN_bin2bn(signature.data() + half, half, nullptr));
  unsigned char* der = nullptr;
  const int der_size = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(X509_get0_pubkey(cert.get()), nullptr);
  const bool ok = ctx != nullptr && EVP_PKEY_verify_init(ctx) == 1 &&
                  EVP_PKEY_verify(ctx, der, static_cast<std::size_t>(der_size), digest.data(),
                                  digest.size()) == 1;
  EVP_PKEY_CTX_free(ctx);
  OPENSSL_free(der);
  return ok;
}

}  // namespace

BOOST_AUTO_TEST_CASE(finds_the_card_with_its_holder_and_certificates) {
  TestCards cards;
  const TestCards::Card made = cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");

  IdCardModule module(kSoftHsmModule);
  BOOST_TEST(module.path() == kSoftHsmModule);
  const std::vector<CardInfo> found = module.cards();
  BOOST_TEST_REQUIRE(found.size() == 1U);
  const CardInfo& info = found[0];
  BOOST_TEST(info.holder.given_name == "MARI-LIIS");
  BOOST_TEST(info.holder.surname == "MÄNNIK");
  BOOST_TEST(info.holder.name == "MARI-LIIS MÄNNIK");
  BOOST_TEST(info.holder.personal_code == "38001085718");
  BOOST_TEST(info.holder.serial_number == "PNOEE-38001085718");
  BOOST_TEST(info.authentication_slot != info.signing_slot);
  BOOST_TEST(info.reader.find("SoftHSM slot ID") != std::string::npos, info.reader);

  const IdCard card = module.open(info);
  BOOST_TEST(card.holder().name == "MARI-LIIS MÄNNIK");
  BOOST_TEST(card.authentication_certificate() == der_of(made.authentication_pem));
  BOOST_TEST(card.signing_certificate() == der_of(made.signing_pem));
  BOOST_TEST((card.pin1_state() == PinState::ok));
  BOOST_TEST((card.pin2_state() == PinState::ok));
}

BOOST_AUTO_TEST_CASE(two_cards_in_one_module_are_two_card_infos) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  cards.add_card("JAAK-KRISTJAN", "JÕEORG", "49403136515");

  IdCardModule module(kSoftHsmModule);
  std::vector<CardInfo> found = module.cards();
  BOOST_TEST_REQUIRE(found.size() == 2U);
  std::sort(found.begin(), found.end(), [](const CardInfo& a, const CardInfo& b) {
    return a.holder.personal_code < b.holder.personal_code;
  });
  BOOST_TEST(found[0].holder.name == "MARI-LIIS MÄNNIK");
  BOOST_TEST(found[1].holder.name == "JAAK-KRISTJAN JÕEORG");
  BOOST_TEST(found[1].holder.serial_number == "PNOEE-49403136515");
  // Four different tokens: no slot shared between the cards.
  std::vector<unsigned long> slots = {found[0].authentication_slot, found[0].signing_slot,
                                      found[1].authentication_slot, found[1].signing_slot};
  std::sort(slots.begin(), slots.end());
  BOOST_TEST((std::adjacent_find(slots.begin(), slots.end()) == slots.end()));
  // Each card opens with its own certificates.
  BOOST_TEST(module.open(found[1]).holder().personal_code == "49403136515");
}

BOOST_AUTO_TEST_CASE(signatures_verify_with_the_certificates_and_the_test_ca) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718", "--pin1 4321 --pin2 54321");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));
  const TrustedCas cas(cards.trusted());
  const std::time_t now = std::time(nullptr);

  const Bytes challenge(evote::crypto::as_bytes("origin hash || nonce hash").begin(),
                        evote::crypto::as_bytes("origin hash || nonce hash").end());
  const Bytes digest = sha384(challenge);
  const Bytes auth_signature = card.sign_authentication(digest, pin("4321"));
  BOOST_TEST(auth_signature.size() == 96U);
  BOOST_TEST(ecdsa_verifies(card.authentication_certificate(), digest, auth_signature));
  BOOST_TEST(!ecdsa_verifies(card.signing_certificate(), digest, auth_signature));
  const auto auth_result = evote::crypto::verify_voter_signature(
      cas, card.authentication_certificate(), cards.intermediates(), challenge, auth_signature, now,
      CertificatePurpose::authentication);
  BOOST_TEST(auth_result.verdict.ok, auth_result.verdict.reason);
  BOOST_TEST(auth_result.signer.subject_serial_number == "PNOEE-38001085718");

  const Bytes ballot(1000, 0x42);
  const Bytes ballot_digest = sha384(ballot);
  const Bytes ballot_signature = card.sign_document(ballot_digest, pin("54321"));
  BOOST_TEST(ballot_signature.size() == 96U);
  BOOST_TEST(ecdsa_verifies(card.signing_certificate(), ballot_digest, ballot_signature));
  const auto sign_result = evote::crypto::verify_voter_signature(
      cas, card.signing_certificate(), cards.intermediates(), ballot, ballot_signature, now,
      CertificatePurpose::document_signing);
  BOOST_TEST(sign_result.verdict.ok, sign_result.verdict.reason);
  // Each certificate is fit for its own purpose only.
  BOOST_TEST(!evote::crypto::verify_voter_signature(cas, card.signing_certificate(),
                                                    cards.intermediates(), ballot, ballot_signature,
                                                    now, CertificatePurpose::authentication)
                  .verdict.ok);
  BOOST_TEST(!evote::crypto::verify_voter_signature(
                  cas, card.authentication_certificate(), cards.intermediates(), challenge,
                  auth_signature, now, CertificatePurpose::document_signing)
                  .verdict.ok);

  // A second signature with the same card: sessions were closed and logged out.
  const Bytes again = card.sign_document(ballot_digest, pin("54321"));
  BOOST_TEST(ecdsa_verifies(card.signing_certificate(), ballot_digest, again));
  BOOST_TEST((card.pin1_state() == PinState::ok));
}

BOOST_AUTO_TEST_CASE(signs_sha256_and_sha512_digests_too) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));
  for (const std::size_t size : {32U, 64U}) {
    const Bytes digest(size, 0x17);
    const Bytes signature = card.sign_authentication(digest, pin("1234"));
    BOOST_TEST(ecdsa_verifies(card.authentication_certificate(), digest, signature));
  }
  BOOST_CHECK_THROW(card.sign_authentication(Bytes(20, 1), pin("1234")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(certificate_policies_and_ocsp_url_reach_the_certificates) {
  TestCards cards;
  const TestCards::Card made = cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718",
                                              "--policies 1.3.6.1.4.1.51361.1.2.1,0.4.0.2042.1.2 "
                                              "--ocsp-url http://127.0.0.1:8089/ocsp");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));
  const TrustedCas cas(cards.trusted());
  const Bytes ballot(10, 1);
  const Bytes signature = card.sign_document(sha384(ballot), pin("12345"));
  const std::vector<std::string> wanted = {"1.3.6.1.4.1.51361.1.2.1"};
  const auto ok = evote::crypto::verify_voter_signature(
      cas, card.signing_certificate(), cards.intermediates(), ballot, signature, std::time(nullptr),
      CertificatePurpose::document_signing, wanted);
  BOOST_TEST(ok.verdict.ok, ok.verdict.reason);
  const std::vector<std::string> other = {"1.2.3.4"};
  BOOST_TEST(!evote::crypto::verify_voter_signature(
                  cas, card.signing_certificate(), cards.intermediates(), ballot, signature,
                  std::time(nullptr), CertificatePurpose::document_signing, other)
                  .verdict.ok);
  const evote::crypto::Bytes pem = evote::testing::read_whole_file(made.authentication_pem);
  const std::string text =
      evote::testing::run_program("openssl x509 -noout -text -in " +
                                  evote::testing::shell_quote(made.authentication_pem))
          .output;
  BOOST_TEST(text.find("OCSP - URI:http://127.0.0.1:8089/ocsp") != std::string::npos, text);
  BOOST_TEST(text.find("Policy: 0.4.0.2042.1.2") != std::string::npos, text);
  BOOST_TEST(!pem.empty());
}
