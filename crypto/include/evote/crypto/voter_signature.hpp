// Voter signatures made by an ID card (PKCS#11) and checked with OpenSSL
// against the election's CA certificates. specs/crypto.md, "Voter signatures".
//
// Accepted signatures:
//  - ECDSA on P-384 (SHA-384) or P-256 (SHA-256), as the raw r || s that
//    PKCS#11 CKM_ECDSA returns (96 or 64 bytes);
//  - RSA PKCS#1 v1.5 with SHA-256 (>= 2048-bit keys).
// The signer certificate must chain to one of the CA certificates (through
// the given intermediates), be valid at the given time, be fit for the
// purpose asked for (key usage and extended key usage), and carry one of the
// accepted certificate policies when the election lists any.
#pragma once

#include <ctime>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"

namespace evote::crypto {

// What the voter's certificate is used for (specs/crypto.md §9):
enum class CertificatePurpose {
  // Web eID authentication, checked by the collector: keyUsage has
  // digitalSignature; extendedKeyUsage is present and lists id-kp-clientAuth
  // (1.3.6.1.5.5.7.3.2), as on every Estonian authentication certificate.
  authentication,
  // Ballot signing with the ID card's signing certificate: keyUsage has
  // nonRepudiation; extendedKeyUsage is absent (Estonian signing
  // certificates carry none) or lists anyExtendedKeyUsage (2.5.29.37.0) or
  // id-kp-documentSigning (1.3.6.1.5.5.7.3.36, RFC 9336).
  document_signing,
};

// True for a dotted object identifier as the election config writes one:
// at least two arcs separated by '.', each decimal digits without leading
// zeros ("0" itself allowed), the first arc 0, 1 or 2, the second at most
// 39 when the first is 0 or 1, at most 128 characters (e.g. "0.4.0.194112.1.2").
bool is_dotted_oid(std::string_view text);

// The election's trust anchors (officials' configuration), built once and
// shared: verify_voter_signature may use one TrustedCas from many threads.
class TrustedCas {
 public:
  // Each element is one certificate, DER or PEM (the first CERTIFICATE block).
  // Throws DecodeError "CA certificate #i: ..." (i counts from 1) for one
  // that does not parse or is not a CA (basicConstraints CA:TRUE), and Error
  // for an empty list. Trust anchors are full anchors: a configured
  // intermediate only helps when its root is configured too. Such an
  // intermediate (an issuing CA) is checked against its root here, once,
  // so that each voter certificate it issued costs one signature check
  // (specs/crypto.md §9.1); decisions are those of the full path.
  explicit TrustedCas(std::span<const Bytes> ca_certificates);
  ~TrustedCas();
  TrustedCas(TrustedCas&&) noexcept;
  TrustedCas& operator=(TrustedCas&&) noexcept;
  std::size_t size() const;  // number of certificates; not on a moved-from object
  // How many configured issuing CAs verified up to a configured root at
  // construction (the shorter path's anchors); for tests and metrics.
  std::size_t anchored_issuing_cas() const;

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

struct VoterCertificateResult {
  Verdict verdict;
  SignerInfo signer;  // filled whenever the certificate parsed, even on failure
};
using VoterSignatureResult = VoterCertificateResult;

// Checks, in this order, and stops at the first failure (Verdict::fail):
//  1. the signer certificate parses (DER, or PEM) and its public key decodes;
//  2. the intermediates parse (at most 8), and OpenSSL path validation at
//     at_time with X509_V_FLAG_X509_STRICT succeeds; the reason is then
//     "signer certificate: " + X509_verify_cert_error_string(...);
//  3. the signer certificate is not a CA, and its key usage and extended key
//     usage allow `purpose` (see CertificatePurpose);
//  4. when accepted_policies is not empty: the certificate has a
//     certificatePolicies extension listing at least one of them (compared
//     as dotted OIDs; anyPolicy matches only if listed itself); the failure
//     names the accepted policies it lacks.
// Never throws for bad input: it all comes from the voter (only bad_alloc).
// Throws Error for an accepted policy that is not is_dotted_oid (the
// caller's list, checked when the election config is read).
// Leaves OpenSSL's error queue empty.
VoterCertificateResult verify_voter_certificate(
    const TrustedCas& cas, BytesView signer_certificate, std::span<const Bytes> intermediates,
    std::time_t at_time, CertificatePurpose purpose,
    std::span<const std::string> accepted_policies = {});

// verify_voter_certificate, then:
//  5. its key is EC P-384/P-256 or RSA >= 2048 bits, and `signature` (format
//     above, exact length) verifies over `message`.
VoterSignatureResult verify_voter_signature(const TrustedCas& cas, BytesView signer_certificate,
                                            std::span<const Bytes> intermediates, BytesView message,
                                            BytesView signature, std::time_t at_time,
                                            CertificatePurpose purpose,
                                            std::span<const std::string> accepted_policies = {});

// The DER encoding of one X.509 certificate given as DER or PEM; throws
// DecodeError "certificate: cannot parse (not DER or PEM X.509)".
Bytes certificate_to_der(BytesView der_or_pem);

}  // namespace evote::crypto
