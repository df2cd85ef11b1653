// What a certificate found on a token is for, and whom it names, read with
// OpenSSL: the test that makes a token the authentication token or the
// signing token of an ID card (specs/voter-app.md, "ID card (PKCS#11)").
#pragma once

#include <optional>
#include <string>

#include "evote/card/id_card.hpp"
#include "evote/crypto/bytes.hpp"

namespace evote::card::detail {

enum class CertificateRole {
  authentication,  // keyUsage digitalSignature and extendedKeyUsage clientAuth
  signing,         // keyUsage nonRepudiation
  other,
};

enum class KeyAlgorithm { ec, rsa, other };

struct CertificateProfile {
  CertificateRole role = CertificateRole::other;
  KeyAlgorithm key = KeyAlgorithm::other;
  CardHolder holder;  // from the subject; serial_number empty when absent
};

// nullopt when `der` is not an X.509 certificate OpenSSL can parse.
// A certificate with both nonRepudiation and digitalSignature + clientAuth
// counts as authentication (an Estonian card keeps them on separate keys).
std::optional<CertificateProfile> read_certificate_profile(crypto::BytesView der);

}  // namespace evote::card::detail
