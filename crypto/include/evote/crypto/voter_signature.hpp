// Voter signatures made by an ID card (PKCS#11) and checked with OpenSSL
// against the election's CA certificates. specs/crypto.md, "Voter signatures".
//
// Accepted signatures:
//  - ECDSA on P-384 (SHA-384) or P-256 (SHA-256), as the raw r || s that
//    PKCS#11 CKM_ECDSA returns (96 or 64 bytes);
//  - RSA PKCS#1 v1.5 with SHA-256 (>= 2048-bit keys).
// The signer certificate must chain to one of the CA certificates (through
// the given intermediates), be valid at the given time, and carry the key
// usage asked for.
#pragma once

#include <ctime>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"

namespace evote::crypto {

enum class RequiredKeyUsage {
  digital_signature,  // authentication certificates
  non_repudiation,    // qualified signing certificates
};

// The election's trust anchors (officials' configuration), built once and
// shared: verify_voter_signature may use one TrustedCas from many threads.
class TrustedCas {
 public:
  // Each element is one certificate, DER or PEM (the first CERTIFICATE block).
  // Throws DecodeError "CA certificate #i: ..." (i counts from 1) for one
  // that does not parse or is not a CA (basicConstraints CA:TRUE), and Error
  // for an empty list. Trust anchors are full anchors: a configured
  // intermediate only helps when its root is configured too.
  explicit TrustedCas(std::span<const Bytes> ca_certificates);
  ~TrustedCas();
  TrustedCas(TrustedCas&&) noexcept;
  TrustedCas& operator=(TrustedCas&&) noexcept;
  std::size_t size() const;  // number of certificates; not on a moved-from object

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// From the signer certificate's subject: the first serialNumber and CN
// attributes as UTF-8, empty when absent. Trust them only when ok.
struct SignerInfo {
  std::string subject_serial_number;  // e.g. "PNOEE-38001085718"
  std::string common_name;            // e.g. "MÄNNIK,MARI-LIIS,38001085718"
};

struct VoterSignatureResult {
  Verdict verdict;
  SignerInfo signer;  // filled whenever the certificate parsed, even on failure
};

// Checks, in this order, and stops at the first failure (Verdict::fail):
//  1. the signer certificate parses (DER, or PEM) and its public key decodes;
//  2. the intermediates parse (at most 8), and OpenSSL path validation at
//     at_time with X509_V_FLAG_X509_STRICT succeeds; the reason is then
//     "signer certificate: " + X509_verify_cert_error_string(...);
//  3. the signer certificate is not a CA and its key usage extension is
//     present and allows `usage`;
//  4. its key is EC P-384/P-256 or RSA >= 2048 bits, and `signature` (format
//     above, exact length) verifies over `message`.
// Never throws for bad input: it all comes from the voter (only bad_alloc).
// Leaves OpenSSL's error queue empty.
VoterSignatureResult verify_voter_signature(const TrustedCas& cas,
                                            BytesView signer_certificate,
                                            std::span<const Bytes> intermediates,
                                            BytesView message, BytesView signature,
                                            std::time_t at_time, RequiredKeyUsage usage);

// The DER encoding of one X.509 certificate given as DER or PEM; throws
// DecodeError "certificate: cannot parse (not DER or PEM X.509)".
Bytes certificate_to_der(BytesView der_or_pem);

}  // namespace evote::crypto
