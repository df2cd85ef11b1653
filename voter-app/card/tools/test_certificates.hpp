// Certificates for test ID cards (evote-test-card): a P-384 test CA (root
// and issuing CA) and the two certificates of a card, issued for public keys
// generated on the tokens. Profile: specs/voter-app.md, "Test cards".
// Every failure throws std::runtime_error with OpenSSL's reason.
#pragma once

#include <openssl/types.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::card::tools {

using KeyPtr = std::shared_ptr<EVP_PKEY>;
using CertPtr = std::shared_ptr<X509>;

struct CaFiles {
  CertPtr root;
  KeyPtr root_key;
  CertPtr issuing;
  KeyPtr issuing_key;
};

// A self-signed P-384 root "<name> Root CA" and an issuing CA "<name>
// Issuing CA" below it (pathlen 0), valid from a day ago for `days`.
CaFiles make_test_ca(const std::string& name, int days);

std::string certificate_pem(X509* cert);
std::string private_key_pem(EVP_PKEY* key);  // unencrypted PKCS#8
crypto::Bytes certificate_der(X509* cert);
crypto::Bytes subject_der(X509* cert);
crypto::Bytes issuer_der(X509* cert);
crypto::Bytes serial_der(X509* cert);  // the serial number as a DER INTEGER

CertPtr read_certificate_pem(const std::string& path);
KeyPtr read_private_key_pem(const std::string& path);

// An EC P-384 public key from the token's CKA_EC_POINT (the DER OCTET
// STRING around the uncompressed point, or the bare point).
KeyPtr p384_public_key(crypto::BytesView ec_point);

struct Person {
  std::string given_name;     // "MARI-LIIS"
  std::string surname;        // "MÄNNIK"
  std::string personal_code;  // "38001085718"
};

enum class CardCertificate { authentication, signing };

struct IssueOptions {
  std::time_t not_before = 0;
  std::time_t not_after = 0;
  std::vector<std::string> policies;  // dotted OIDs; empty: no certificatePolicies
  std::string ocsp_url;               // empty: no authorityInfoAccess
};

// The card's certificate for `public_key`, signed by the issuing CA with
// SHA-384: subject C=EE, CN="SN,GN,code", SN, GN, serialNumber=PNOEE-code.
CertPtr issue_card_certificate(X509* ca, EVP_PKEY* ca_key, EVP_PKEY* public_key,
                               const Person& person, CardCertificate kind,
                               const IssueOptions& options);

}  // namespace evote::card::tools
