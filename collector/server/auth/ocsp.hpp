// Certificate status by OCSP (RFC 6960) for voters' certificates: the
// collector asks at vote time and stores the signed response with the
// ballot; the tally re-checks the stored response later
// (specs/collector-auth.md §4).
//
//   OcspTrust trust(config.voter_ca_certificates);       // once
//   OcspResult r = check_certificate_status(signing_cert, trust, now);
//   if (!r)                      refuse: r.failure, r.message (names the URL)
//   else if (r.status == good)   store r.response with the ballot
//   else                         refuse: revoked (r.revocation_time) or unknown
//
// Everything a responder or a stored file holds is input: a bad response is
// an OcspResult, never an exception. Thread-safe: one OcspTrust may serve
// many threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::collector::auth {

// The CA certificates that issue voters' certificates (the config's
// voter_ca_certificates: roots and issuing CAs), to find a certificate's
// issuer and to validate a responder's certificate. As crypto::TrustedCas,
// paths must end at one of these self-signed roots.
//
// It also remembers up to 16 responder certificates whose path it has
// validated, with the time window in which that holds, so that the next
// response of the same responder costs one signature check instead of a
// path validation (§4.4 "Validated responders"). This never changes an
// answer, only its cost.
class OcspTrust {
 public:
  // Each element one certificate, DER or PEM. Throws crypto::DecodeError
  // "CA certificate #i: ..." (from 1) for one that does not parse or is not
  // a CA, and crypto::Error for an empty list.
  explicit OcspTrust(std::span<const crypto::Bytes> ca_certificates);
  ~OcspTrust();
  OcspTrust(OcspTrust&&) noexcept;
  OcspTrust& operator=(OcspTrust&&) noexcept;

  // For tests and metrics: responder certificates remembered now (at most
  // 16), and responses accepted on a remembered one since construction.
  std::size_t validated_responders() const;
  std::uint64_t responder_cache_hits() const;
  // Of those, the responses opened without their certificate, the
  // remembered responder's (OpenSSL then does not parse it again).
  std::uint64_t lean_responder_cache_hits() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

enum class CertStatus { good, revoked, unknown };

// Why no verified answer came (specs/collector-auth.md §4.6), or none.
enum class OcspFailure {
  none,
  bad_certificate,        // the certificate to check does not parse
  issuer_not_found,       // none of the CA certificates issued it
  no_responder,           // no URL in the options and no OCSP URL in its AIA
  responder_unreachable,  // DNS, connection, timeout, HTTP status or content type
  bad_response,        // not an OCSPResponse, an error status, not one answer for this certificate
  response_untrusted,  // signature, or the signer neither the issuer nor delegated by it
  nonce_mismatch,      // the response does not echo the request's nonce
  bad_response_time,   // thisUpdate or nextUpdate not sane around the check time
};

std::string_view to_string(CertStatus status);                     // "good", "revoked", "unknown"
std::string_view to_string(OcspFailure failure);                   // "responder_unreachable", ...
std::ostream& operator<<(std::ostream& out, CertStatus status);    // writes to_string
std::ostream& operator<<(std::ostream& out, OcspFailure failure);  // writes to_string

struct OcspOptions {
  // "http://host[:port][/path]" (the election's responder); empty: the
  // first http:// OCSP URL in the certificate's authorityInfoAccess.
  std::string responder_url;
  std::chrono::milliseconds timeout{5000};  // the whole exchange, from connect to last byte
  // thisUpdate may be this far after the check time, and nextUpdate this far before it.
  std::int64_t allowed_skew_seconds = 15 * 60;
  // thisUpdate may be at most this long before the check time.
  std::int64_t max_age_seconds = 15 * 60;
};

struct OcspResult {
  OcspFailure failure = OcspFailure::none;
  std::string message;  // "" when failure is none; else what is wrong, naming the URL if any
  CertStatus status = CertStatus::unknown;  // meaningful when failure is none
  std::int64_t revocation_time = 0;         // UTC seconds, when revoked
  int revocation_reason = -1;  // CRLReason (0 unspecified, 1 keyCompromise, ...); -1 none given
  std::int64_t produced_at = 0;
  std::int64_t this_update = 0;
  std::int64_t next_update = 0;  // 0: the response has none
  std::string responder_url;     // the URL asked (live checks)
  // The DER OCSPResponse exactly as received: what the collector stores
  // with the ballot. Kept whenever a response arrived, even a refused one.
  crypto::Bytes response;

  // A verified answer (good, revoked or unknown): not "the certificate is good".
  explicit operator bool() const { return failure == OcspFailure::none; }
  bool good() const { return failure == OcspFailure::none && status == CertStatus::good; }
};

// Asks the responder about `certificate` (DER or PEM) at `at_time` (now):
// a request for one certificate (SHA-1 CertID) with a fresh 32-byte nonce,
// POSTed over HTTP; then check_ocsp_response with that nonce.
//
// The answer is the responder's word on the serial number under the
// issuer's name and key (the CertID): the certificate itself (its
// signature, validity, purpose) is not validated here. Callers validate its
// path first (the collector's step 8, specs/collector-api.md §2.5).
OcspResult check_certificate_status(crypto::BytesView certificate, const OcspTrust& trust,
                                    std::time_t at_time, const OcspOptions& options = {});

// The tally's re-check of a stored response: the checks of
// check_ocsp_response without the nonce; `at_time` is when the ballot was
// received. Only the skew and age of `options` are used.
OcspResult check_stored_ocsp_response(crypto::BytesView response_der, crypto::BytesView certificate,
                                      const OcspTrust& trust, std::time_t at_time,
                                      const OcspOptions& options = {});

// The response checks of specs/collector-auth.md §4.4 on `response_der`.
// `request_nonce` is the value of the request's nonce extension (the
// extnValue contents) exactly as sent; nullopt skips the nonce check.
OcspResult check_ocsp_response(crypto::BytesView response_der, crypto::BytesView certificate,
                               const OcspTrust& trust, std::time_t at_time,
                               std::optional<crypto::BytesView> request_nonce,
                               const OcspOptions& options = {});

}  // namespace evote::collector::auth
