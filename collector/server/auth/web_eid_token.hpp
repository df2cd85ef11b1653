// Web eID authentication tokens (formats web-eid:1, web-eid:1.0 and
// web-eid:1.1): the voter's ID card signs hash(origin) || hash(nonce) with its
// authentication key, and the collector checks the token before it lets the
// voter in. Every rule, in order, with its reason code: specs/collector-auth.md.
//
//   AuthTokenPolicy policy{.origin = "https://vote.example", .nonce = issued,
//                          .at_time = now, .trusted_cas = &cas};
//   AuthTokenResult r = validate_auth_token(body, policy);
//   if (!r) reply 401 with to_string(r.verdict.reason);  // r.verdict.message for logs
//   else   r.identity.personal_code                      // "38001085718"
//
// A token is the voter's input: a bad one is a verdict, never an exception.
// The token holds no secret (no PIN reaches the server); messages quote
// neither the token nor the nonce. Thread-safe: validate_auth_token may run
// on many threads with one TrustedCas.
#pragma once

#include <cstddef>
#include <ctime>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/voter_signature.hpp"

namespace evote::collector::auth {

// Why a token was refused, or `valid` (specs/collector-auth.md §2.4).
enum class AuthTokenReason {
  valid,
  bad_format,             // not a JSON object as specified, unknown format, bad base64 signature
  unsupported_algorithm,  // "algorithm" is not one of ES256..ES512, PS256..PS512, RS256..RS512
  cert_invalid,           // unverifiedCertificate: not base64, not X.509 DER, key does not decode
  cert_not_yet_valid,     // the certificate's notBefore is after the check time
  cert_expired,           // its notAfter is at or before the check time
  wrong_purpose,          // a CA certificate, or no digitalSignature, or no clientAuth
  wrong_policy,           // none of the election's accepted certificate policies
  chain_untrusted,        // no path to the election's CA certificates at the check time
  signature_invalid,      // does not verify over H(origin) || H(nonce), or wrong size/key
  bad_identity,           // subject serialNumber absent or not "PNO" + country + "-" + code
  not_estonian,           // a personal number of another country (e.g. "PNOLV-...")
  bad_personal_code,      // "PNOEE-" but not 11 digits with the right check digit
  signing_cert_invalid,   // web-eid:1.1: a listed signing certificate does not fit
};

// The code as written in specs and API answers, e.g. "chain_untrusted".
std::string_view to_string(AuthTokenReason reason);
std::ostream& operator<<(std::ostream& out, AuthTokenReason reason);  // writes to_string

struct AuthVerdict {
  AuthTokenReason reason = AuthTokenReason::valid;
  std::string message;  // empty when valid; else names the check and what is wrong

  explicit operator bool() const { return reason == AuthTokenReason::valid; }
};

// What the collector expects of a token. The origin, nonce and time are the
// server's own; none of them comes from the token.
struct AuthTokenPolicy {
  // The site's origin exactly as the browser sends it: "https://" host
  // [":" port], no path, no trailing slash. A policy origin of another shape
  // is the caller's error (std::invalid_argument).
  std::string origin;
  // The challenge nonce as issued: its base64 text, hashed as that text.
  // Empty is the caller's error (std::invalid_argument).
  std::string nonce;
  // When to check the certificate (the server's clock; tests inject a date).
  std::time_t at_time = 0;
  // The election's voter CA certificates (config voter_ca_certificates).
  // Required (std::invalid_argument when null); must outlive the call.
  const crypto::TrustedCas* trusted_cas = nullptr;
  // Untrusted certificates that may help build the path (at most 8).
  std::vector<crypto::Bytes> intermediates;
  // The election's voter_certificate_policies; empty accepts any policy.
  std::vector<std::string> accepted_policies;
};

// The voter, from the authentication certificate's subject.
struct VoterIdentity {
  std::string personal_code;  // "38001085718"
  std::string serial_number;  // the subject serialNumber, "PNOEE-38001085718"
  std::string given_name;     // "JAAK-KRISTJAN" ("" if the subject has none)
  std::string surname;        // "JÕEORG" ("" if none)
  std::string common_name;    // "JÕEORG,JAAK-KRISTJAN,38001085718"
  crypto::Bytes certificate;  // the authentication certificate, DER
};

struct AuthTokenResult {
  AuthVerdict verdict;
  VoterIdentity identity;   // filled only when valid
  std::string format;       // "web-eid:1", "web-eid:1.0" or "web-eid:1.1" (when it parsed)
  std::string app_version;  // the token's appVersion, unchecked ("" if absent)
  // web-eid:1.1: the card's signing certificates (DER), checked as
  // specs/collector-auth.md §2.3 says. Informational: a ballot's signature is
  // checked against the certificate in the ballot, never against these.
  std::vector<crypto::Bytes> signing_certificates;

  explicit operator bool() const { return static_cast<bool>(verdict); }
};

// All the checks of specs/collector-auth.md §2.2, in order; stops at the first
// failure. Throws only for a bad policy (std::invalid_argument), the
// caller's accepted_policies (crypto::Error) and bad_alloc.
AuthTokenResult validate_auth_token(std::string_view token_json, const AuthTokenPolicy& policy);

// ---- The steps, for callers and tests that need one alone ----

// A token that parsed (§2.2 steps 1-5): fields as given, nothing verified yet.
struct AuthToken {
  std::string format;
  std::string algorithm;
  std::string app_version;
  std::string unverified_certificate;                        // base64 text
  crypto::Bytes signature;                                   // decoded from base64
  std::vector<std::string> unverified_signing_certificates;  // base64 texts (web-eid:1.1)
};

struct ParsedAuthToken {
  AuthVerdict verdict;  // bad_format or unsupported_algorithm on failure
  AuthToken token;
};

// Largest accepted token, in bytes (a web-eid:1.1 token with two signing
// certificates is about 5,000).
inline constexpr std::size_t kMaxAuthTokenBytes = 10'000;

// §2.2 steps 1-5: size, JSON shape and types, format, algorithm, signature base64.
ParsedAuthToken parse_auth_token(std::string_view token_json);

// §2.2 step 11 alone: the token's signature, by the key of `certificate`
// (DER), over H(origin) || H(nonce) with the algorithm's hash. Nothing about
// the certificate itself is checked (tests use it with a card evote does not
// trust). Returns valid, cert_invalid or signature_invalid.
AuthVerdict verify_auth_token_signature(const AuthToken& token, crypto::BytesView certificate,
                                        std::string_view origin, std::string_view nonce);

// A fresh challenge nonce for a login: 32 random bytes in base64 (44
// characters), as Web eID servers issue it. The server keeps it, sends it to
// the browser, and passes it back in AuthTokenPolicy::nonce once.
std::string make_challenge_nonce();

}  // namespace evote::collector::auth
