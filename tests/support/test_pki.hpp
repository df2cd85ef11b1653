// Real X.509 certificates and card-style signatures for tests (OpenSSL 3).
//
//   TestPki pki = TestPki::create("Test");            // root -> intermediate
//   TestCertificate leaf = pki.issue_leaf(KeyType::ec_p384,
//       leaf_options("PNOEE-38001085718", "MÄNNIK,MARI-LIIS,38001085718"));
//   Bytes sig = leaf.sign_like_card(message);         // raw r || s
//   verify_voter_signature(TrustedCas(pki.trusted()), leaf.der(),
//                          pki.intermediates(), message, sig, now, usage);
//
// Every failure here throws std::runtime_error with OpenSSL's reason.
#pragma once

#include <openssl/types.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::testing {

enum class KeyType {
  ec_p384,  // Estonian ID cards since 2018
  ec_p256,
  ec_p521,   // a curve the verifier does not accept
  rsa_2048,  // older ID cards
  rsa_1024,  // too short: rejected
};

std::string to_string(KeyType type);

// keyUsage bits, combined with |; the values are OpenSSL's KU_* bits.
using KeyUsageFlags = unsigned;
inline constexpr KeyUsageFlags ku_none = 0;  // no keyUsage extension at all
inline constexpr KeyUsageFlags ku_digital_signature = 0x80;
inline constexpr KeyUsageFlags ku_non_repudiation = 0x40;
inline constexpr KeyUsageFlags ku_key_cert_sign = 0x04;
inline constexpr KeyUsageFlags ku_crl_sign = 0x02;

inline constexpr std::time_t one_day = 24 * 60 * 60;

// A private key; copies share the same OpenSSL key.
class TestKey {
 public:
  static TestKey generate(KeyType type);

  KeyType type() const { return type_; }
  EVP_PKEY* get() const { return key_.get(); }

  // Signs like a PKCS#11 card: ECDSA (CKM_ECDSA over SHA-384 for P-384,
  // SHA-256 for P-256, SHA-512 for P-521) gives raw r || s, each half
  // left-padded to the field size; RSA gives PKCS#1 v1.5 with SHA-256.
  crypto::Bytes sign_like_card(crypto::BytesView message) const;
  std::size_t signature_size() const;  // 96, 64, 132, or the modulus bytes

  crypto::Bytes public_key_der() const;   // SubjectPublicKeyInfo
  crypto::Bytes private_key_der() const;  // unencrypted PKCS#8
  std::string private_key_pem() const;    // unencrypted PKCS#8, PEM (for `openssl` commands)

 private:
  TestKey(KeyType type, std::shared_ptr<EVP_PKEY> key) : type_(type), key_(std::move(key)) {}
  KeyType type_;
  std::shared_ptr<EVP_PKEY> key_;
};

struct CertOptions {
  std::string common_name = "Test";
  std::string serial_number;  // subject serialNumber attribute; empty: none
  std::string country = "EE";
  std::string organization;                        // empty: none
  KeyUsageFlags key_usage = ku_digital_signature;  // critical; ku_none: absent
  // extendedKeyUsage, as OpenSSL names them ("clientAuth", "emailProtection",
  // "anyExtendedKeyUsage") or dotted OIDs; empty: no extension.
  std::vector<std::string> extended_key_usage;
  bool extended_key_usage_critical = false;
  // certificatePolicies, dotted OIDs; empty: no extension.
  std::vector<std::string> policies;
  bool ca = false;                // basicConstraints (critical) CA:TRUE or CA:FALSE
  bool basic_constraints = true;  // false: no basicConstraints extension
  int path_length = -1;           // basicConstraints pathLenConstraint of a CA; -1: none
  // nameConstraints as OpenSSL's config writes it ("permitted;DNS:example.org"); empty: none.
  std::string name_constraints;
  std::time_t not_before = std::time(nullptr) - one_day;
  std::time_t not_after = std::time(nullptr) + 3 * 365 * one_day;
  // Subject surname (SN) and givenName (GN), after CN as on ID cards; empty: none.
  std::string surname;
  std::string given_name;
  // authorityInfoAccess OCSP URL ("http://127.0.0.1:8080/"); empty: no extension.
  std::string ocsp_url;
};

// CA:TRUE, keyCertSign | cRLSign, valid from a day ago for ten years.
CertOptions ca_options(std::string common_name);
// An OCSP responder's certificate: digitalSignature, extendedKeyUsage
// OCSPSigning (critical), valid from a day ago for three years.
CertOptions ocsp_responder_options(std::string common_name);
// An ID-card-like end-entity certificate valid from a day ago for three years,
// with the extended key usage of an Estonian card: clientAuth and
// emailProtection (critical) when key_usage has digitalSignature, else none.
CertOptions leaf_options(std::string serial_number, std::string common_name,
                         KeyUsageFlags key_usage = ku_digital_signature);

// A certificate and its private key; copies share the same OpenSSL objects.
class TestCertificate {
 public:
  TestCertificate(std::shared_ptr<X509> cert, TestKey key)
      : cert_(std::move(cert)), key_(std::move(key)) {}

  X509* get() const { return cert_.get(); }
  const TestKey& key() const { return key_; }

  crypto::Bytes der() const;
  std::string pem() const;
  crypto::Bytes pem_bytes() const;  // pem() as bytes

  crypto::Bytes sign_like_card(crypto::BytesView message) const {
    return key_.sign_like_card(message);
  }

 private:
  std::shared_ptr<X509> cert_;
  TestKey key_;
};

// v3 certificate, random 127-bit serial, SKI always, AKI unless self-signed;
// signed with SHA-384 by a P-384 issuer, SHA-512 by P-521, else SHA-256.
TestCertificate make_self_signed(const TestKey& key, const CertOptions& options);
TestCertificate issue_certificate(const TestCertificate& issuer, const TestKey& subject_key,
                                  const CertOptions& options);

// A root CA and one intermediate CA below it, both with keys of ca_key_type.
struct TestPki {
  TestCertificate root;
  TestCertificate intermediate;

  static TestPki create(const std::string& name = "Test", KeyType ca_key_type = KeyType::ec_p384);

  // A new key of the given type, certified by the intermediate.
  TestCertificate issue_leaf(KeyType type, const CertOptions& options) const;

  std::vector<crypto::Bytes> trusted() const;        // { root DER }
  std::vector<crypto::Bytes> intermediates() const;  // { intermediate DER }
};

}  // namespace evote::testing
