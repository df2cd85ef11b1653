// The certificate steps of a Web eID token check (specs/collector-auth.md
// §2.2 steps 7-9 and 12, §2.3): each on one parsed certificate, answering
// with the reason code the spec gives. Internal to the auth library.
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <span>
#include <string>

#include "auth/web_eid_token.hpp"

namespace evote::collector::auth::detail {

// Step 7: notBefore <= at_time < notAfter (cert_not_yet_valid, cert_expired).
AuthVerdict check_validity_period(const X509* cert, std::time_t at_time);

// Step 8: not a CA, keyUsage with digitalSignature, extendedKeyUsage with
// clientAuth (wrong_purpose); extensions that do not decode (cert_invalid).
AuthVerdict check_authentication_purpose(X509* cert);

// Step 9: when `accepted` is not empty, the certificate's certificatePolicies
// list one of them (wrong_policy).
AuthVerdict check_policies(X509* cert, std::span<const std::string> accepted);

// Step 12: the identity (§3) from the subject (bad_identity, not_estonian,
// bad_personal_code); fills `identity` (not its certificate) when valid.
AuthVerdict read_identity(const X509* cert, VoterIdentity& identity);

// §2.3 (web-eid:1.1): the signing certificate names the same subject (as a
// set of attributes) and the same authorityKeyIdentifier as the
// authentication certificate (signing_cert_invalid).
AuthVerdict check_signing_certificate_matches(X509* authentication, X509* signing);

}  // namespace evote::collector::auth::detail
