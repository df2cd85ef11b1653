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

// Parses DER or PEM certificates; throws DecodeError naming the problem.
class TrustedCas {
 public:
  explicit TrustedCas(std::span<const Bytes> ca_certificates);
  ~TrustedCas();
  TrustedCas(TrustedCas&&) noexcept;
  TrustedCas& operator=(TrustedCas&&) noexcept;
  std::size_t size() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct SignerInfo {
  std::string subject_serial_number;  // e.g. "PNOEE-38001085718"
  std::string common_name;
};

struct VoterSignatureResult {
  Verdict verdict;
  SignerInfo signer;  // filled when the certificate parsed
};

VoterSignatureResult verify_voter_signature(const TrustedCas& cas,
                                            BytesView signer_certificate,
                                            std::span<const Bytes> intermediates,
                                            BytesView message, BytesView signature,
                                            std::time_t at_time, RequiredKeyUsage usage);

}  // namespace evote::crypto
