#include "evote/voter/web_eid_token.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

#include "evote/voter/voter_error.hpp"
#include "sha2.hpp"

namespace evote::voter {
namespace {

enum class KeyKind { p256, p384, rsa };

KeyKind key_kind_of(crypto::BytesView certificate_der) {
  const unsigned char* in = certificate_der.data();
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &in, static_cast<long>(certificate_der.size())), X509_free);
  if (!cert)
    throw VoterError(ErrorKind::settings, "the card's certificate does not parse as DER X.509");
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (key == nullptr)
    throw VoterError(ErrorKind::settings, "the card's certificate key does not decode");
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) return KeyKind::rsa;
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
    char curve[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_group_name(key, curve, sizeof curve, &length) == 1) {
      const std::string name(curve, length);
      if (name == "secp384r1") return KeyKind::p384;
      if (name == "prime256v1") return KeyKind::p256;
    }
  }
  throw VoterError(ErrorKind::settings,
                   "the card's certificate key is neither EC P-384, EC P-256 nor RSA");
}

std::string base64(crypto::BytesView bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

}  // namespace

crypto::Bytes signing_digest_for(crypto::BytesView certificate_der, crypto::BytesView message) {
  return key_kind_of(certificate_der) == KeyKind::p384 ? sha384(message) : sha256(message);
}

protocol::Json make_auth_token(card::IdCard& card, std::string_view origin, std::string_view nonce,
                               const crypto::SecretBytes& pin1) {
  const crypto::Bytes& certificate = card.authentication_certificate();
  const KeyKind kind = key_kind_of(certificate);
  const bool is_384 = kind == KeyKind::p384;
  auto hash = [&](crypto::BytesView data) { return is_384 ? sha384(data) : sha256(data); };
  // M = H(origin) || H(nonce text); the card signs H(M).
  crypto::Bytes signed_data = hash(crypto::as_bytes(origin));
  crypto::append(signed_data, hash(crypto::as_bytes(nonce)));
  const crypto::Bytes signature = card.sign_authentication(hash(signed_data), pin1);
  const char* algorithm = kind == KeyKind::p384   ? "ES384"
                          : kind == KeyKind::p256 ? "ES256"
                                                  : "RS256";
  return protocol::Json{{"format", std::string(kWebEidFormat)},
                        {"algorithm", algorithm},
                        {"unverifiedCertificate", base64(certificate)},
                        {"signature", base64(signature)},
                        {"appVersion", std::string(kAppVersion)}};
}

}  // namespace evote::voter
