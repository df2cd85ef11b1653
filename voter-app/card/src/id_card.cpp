// IdCard: PIN states and signing a digest on one of the card's two tokens
// (specs/voter-app.md, "ID card (PKCS#11)").
#include "evote/card/id_card.hpp"

#include <array>
#include <stdexcept>

#include "id_card_impl.hpp"
#include "token_certificates.hpp"

namespace evote::card {

namespace {

using detail::KeyAlgorithm;

// The DER prefix of a PKCS#1 v1.5 DigestInfo for each digest length
// (RFC 8017 §9.2, note 1): SHA-256, SHA-384, SHA-512.
crypto::Bytes digest_info(crypto::BytesView digest) {
  static const std::array<std::uint8_t, 19> sha256 = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                      0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                      0x01, 0x05, 0x00, 0x04, 0x20};
  static const std::array<std::uint8_t, 19> sha384 = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                      0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                      0x02, 0x05, 0x00, 0x04, 0x30};
  static const std::array<std::uint8_t, 19> sha512 = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                                      0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                      0x03, 0x05, 0x00, 0x04, 0x40};
  const std::array<std::uint8_t, 19>& prefix = digest.size() == 32   ? sha256
                                               : digest.size() == 48 ? sha384
                                                                     : sha512;
  crypto::Bytes info(prefix.begin(), prefix.end());
  info.insert(info.end(), digest.begin(), digest.end());
  return info;
}

PinState pin_state(const detail::Pkcs11Module& module, const CardKey& key) {
  const CK_TOKEN_INFO info = module.token_info(key.slot, key.where);
  if ((info.flags & CKF_USER_PIN_LOCKED) != 0) return PinState::locked;
  if ((info.flags & CKF_USER_PIN_FINAL_TRY) != 0) return PinState::final_try;
  if ((info.flags & CKF_USER_PIN_COUNT_LOW) != 0) return PinState::count_low;
  return PinState::ok;
}

// The token must still hold this key's certificate: never send a PIN to a
// card put in after open().
void check_same_card(const detail::Pkcs11Module& module, const detail::Session& session,
                     const CardKey& key) {
  CK_OBJECT_CLASS cert_class = CKO_CERTIFICATE;
  std::vector<CK_ATTRIBUTE> match = {{CKA_CLASS, &cert_class, sizeof cert_class}};
  crypto::Bytes id = key.id;
  if (!id.empty()) match.push_back({CKA_ID, id.data(), id.size()});
  for (const CK_OBJECT_HANDLE object : session.find(match))
    if (session.attribute(object, CKA_VALUE) == key.certificate) return;
  module.fail(CardProblem::card_removed, key.where,
              "the certificate read at open() is no longer on the token (card removed or "
              "replaced)");
}

crypto::Bytes sign_with(const detail::Pkcs11Module& module, const CardKey& key,
                        crypto::BytesView digest, const crypto::SecretBytes& pin) {
  if (digest.size() != 32 && digest.size() != 48 && digest.size() != 64)
    throw std::invalid_argument(
        "IdCard: the digest must be 32, 48 or 64 bytes (SHA-256/384/512), "
        "got " +
        std::to_string(digest.size()));
  detail::Session session(module, key.slot, key.where);
  check_same_card(module, session, key);
  session.login(CKU_USER, pin);

  CK_OBJECT_CLASS key_class = CKO_PRIVATE_KEY;
  crypto::Bytes id = key.id;
  const std::vector<CK_OBJECT_HANDLE> keys =
      session.find({{CKA_CLASS, &key_class, sizeof key_class}, {CKA_ID, id.data(), id.size()}});
  if (keys.empty())
    module.fail(CardProblem::not_an_id_card, key.where,
                "no private key with the certificate's CKA_ID " + crypto::to_hex(key.id));
  const CK_OBJECT_HANDLE private_key = keys.front();

  KeyAlgorithm algorithm = key.algorithm;
  if (const std::optional<CK_ULONG> type = session.number(private_key, CKA_KEY_TYPE))
    algorithm = *type == CKK_EC    ? KeyAlgorithm::ec
                : *type == CKK_RSA ? KeyAlgorithm::rsa
                                   : KeyAlgorithm::other;
  crypto::Bytes input;
  CK_MECHANISM mechanism{CKM_ECDSA, nullptr, 0};
  if (algorithm == KeyAlgorithm::ec) {
    input.assign(digest.begin(), digest.end());
  } else if (algorithm == KeyAlgorithm::rsa) {
    mechanism.mechanism = CKM_RSA_PKCS;
    input = digest_info(digest);
  } else {
    module.fail(CardProblem::not_an_id_card, key.where,
                "the private key is neither EC nor RSA (CKA_KEY_TYPE)");
  }

  CK_FUNCTION_LIST& f = module.f();
  session.check(f.C_SignInit(session.handle(), &mechanism, private_key), "C_SignInit failed");
  // A key that wants its PIN for every signature (the ID card's signing key:
  // CKA_ALWAYS_AUTHENTICATE) is unlocked between C_SignInit and C_Sign.
  if (session.flag(private_key, CKA_ALWAYS_AUTHENTICATE)) session.login(CKU_CONTEXT_SPECIFIC, pin);

  CK_ULONG size = 0;
  session.check(f.C_Sign(session.handle(), input.data(), input.size(), nullptr, &size),
                "C_Sign (length) failed");
  crypto::Bytes signature(size);
  session.check(f.C_Sign(session.handle(), input.data(), input.size(), signature.data(), &size),
                "C_Sign failed");
  signature.resize(size);
  return signature;
}

}  // namespace

IdCard::IdCard(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

const CardHolder& IdCard::holder() const { return impl_->holder; }
const crypto::Bytes& IdCard::authentication_certificate() const {
  return impl_->authentication.certificate;
}
const crypto::Bytes& IdCard::signing_certificate() const { return impl_->signing.certificate; }

PinState IdCard::pin1_state() const {
  return pin_state(*impl_->module->module, impl_->authentication);
}
PinState IdCard::pin2_state() const { return pin_state(*impl_->module->module, impl_->signing); }

crypto::Bytes IdCard::sign_authentication(crypto::BytesView digest,
                                          const crypto::SecretBytes& pin1) {
  return sign_with(*impl_->module->module, impl_->authentication, digest, pin1);
}

crypto::Bytes IdCard::sign_document(crypto::BytesView digest, const crypto::SecretBytes& pin2) {
  return sign_with(*impl_->module->module, impl_->signing, digest, pin2);
}

}  // namespace evote::card
