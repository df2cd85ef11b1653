// validate_auth_token: the order of specs/collector-auth.md §2.2, each step in
// its own function (token_parse.cpp, auth_certificate.cpp,
// token_signature.cpp).
#include "auth/web_eid_token.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <stdexcept>

#include "auth/auth_certificate.hpp"
#include "auth/base64.hpp"
#include "auth/openssl_helpers.hpp"
#include "auth/token_signature.hpp"
#include "evote/crypto/random.hpp"

namespace evote::collector::auth {
namespace {

using detail::X509Ptr;

// "https://" host [":" port]: no path, query, fragment, user or trailing slash.
bool is_origin(std::string_view origin) {
  constexpr std::string_view scheme = "https://";
  if (!origin.starts_with(scheme)) return false;
  std::string_view rest = origin.substr(scheme.size());
  std::string_view host = rest.substr(0, rest.find(':'));
  if (host.empty()) return false;
  auto host_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  };
  if (!std::all_of(host.begin(), host.end(), host_char)) return false;
  if (host.size() == rest.size()) return true;
  std::string_view port = rest.substr(host.size() + 1);
  if (port.empty() || port.size() > 5 || port.front() == '0') return false;
  if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return std::stoul(std::string(port)) <= 65535;
}

void check_policy(const AuthTokenPolicy& policy) {
  if (!is_origin(policy.origin))
    throw std::invalid_argument("auth token policy: origin \"" + policy.origin +
                                "\" is not https://host[:port] without a trailing slash");
  if (policy.nonce.empty()) throw std::invalid_argument("auth token policy: empty nonce");
  if (!policy.trusted_cas) throw std::invalid_argument("auth token policy: no trusted CAs");
  for (const std::string& oid : policy.accepted_policies)
    if (!crypto::is_dotted_oid(oid))
      throw crypto::Error("accepted certificate policy \"" + oid + "\": not a dotted OID");
}

AuthVerdict cert_invalid(std::string message) {
  return {AuthTokenReason::cert_invalid, std::move(message)};
}

// Step 6: base64, DER X.509 (the whole input), a public key that decodes.
AuthVerdict decode_certificate(const std::string& base64, const char* member, crypto::Bytes& der,
                               X509Ptr& cert) {
  std::string problem;
  std::optional<crypto::Bytes> decoded = decode_base64(base64, problem);
  if (!decoded) return cert_invalid(std::string(member) + ": not base64: " + problem);
  cert = detail::parse_der_certificate(*decoded);
  if (!cert) return cert_invalid(std::string(member) + ": not a DER X.509 certificate");
  if (!X509_get0_pubkey(cert.get()))
    return cert_invalid(std::string(member) + ": its public key does not decode");
  der = std::move(*decoded);
  return {};
}

// Step 10: crypto::verify_voter_certificate (path validation, and again the
// purpose and policies; those passed steps 8-9 already).
AuthVerdict check_chain(const AuthTokenPolicy& policy, const crypto::Bytes& der,
                        crypto::CertificatePurpose purpose, AuthTokenReason reason) {
  crypto::VoterCertificateResult chain =
      crypto::verify_voter_certificate(*policy.trusted_cas, der, policy.intermediates,
                                       policy.at_time, purpose, policy.accepted_policies);
  if (chain.verdict) return {};
  std::string why = chain.verdict.reason;
  constexpr std::string_view prefix = "signer certificate: ";
  if (why.starts_with(prefix)) why.erase(0, prefix.size());
  return {reason, "certificate: " + why};
}

// §2.3: every signing certificate of a web-eid:1.1 token.
AuthVerdict check_signing_certificates(const AuthToken& token, X509* authentication,
                                       const AuthTokenPolicy& policy,
                                       std::vector<crypto::Bytes>& out) {
  for (std::size_t i = 0; i < token.unverified_signing_certificates.size(); ++i) {
    const std::string where = "unverifiedSigningCertificates[" + std::to_string(i + 1) + "]";
    crypto::Bytes der;
    X509Ptr cert;
    AuthVerdict v =
        decode_certificate(token.unverified_signing_certificates[i], where.c_str(), der, cert);
    if (!v) return {AuthTokenReason::signing_cert_invalid, v.message};
    v = detail::check_signing_certificate_matches(authentication, cert.get());
    if (v)
      v = check_chain(policy, der, crypto::CertificatePurpose::document_signing,
                      AuthTokenReason::signing_cert_invalid);
    if (!v) return {AuthTokenReason::signing_cert_invalid, where + ": " + v.message};
    out.push_back(std::move(der));
  }
  return {};
}

// Steps 6-10 on the authentication certificate.
AuthVerdict check_authentication_certificate(const AuthToken& token, const AuthTokenPolicy& policy,
                                             crypto::Bytes& der, X509Ptr& cert) {
  AuthVerdict v =
      decode_certificate(token.unverified_certificate, "unverifiedCertificate", der, cert);
  if (!v) return v;
  if (v = detail::check_validity_period(cert.get(), policy.at_time); !v) return v;
  if (v = detail::check_authentication_purpose(cert.get()); !v) return v;
  if (v = detail::check_policies(cert.get(), policy.accepted_policies); !v) return v;
  return check_chain(policy, der, crypto::CertificatePurpose::authentication,
                     AuthTokenReason::chain_untrusted);
}

}  // namespace

std::string_view to_string(AuthTokenReason reason) {
  switch (reason) {
    case AuthTokenReason::valid:
      return "valid";
    case AuthTokenReason::bad_format:
      return "bad_format";
    case AuthTokenReason::unsupported_algorithm:
      return "unsupported_algorithm";
    case AuthTokenReason::cert_invalid:
      return "cert_invalid";
    case AuthTokenReason::cert_not_yet_valid:
      return "cert_not_yet_valid";
    case AuthTokenReason::cert_expired:
      return "cert_expired";
    case AuthTokenReason::wrong_purpose:
      return "wrong_purpose";
    case AuthTokenReason::wrong_policy:
      return "wrong_policy";
    case AuthTokenReason::chain_untrusted:
      return "chain_untrusted";
    case AuthTokenReason::signature_invalid:
      return "signature_invalid";
    case AuthTokenReason::bad_identity:
      return "bad_identity";
    case AuthTokenReason::not_estonian:
      return "not_estonian";
    case AuthTokenReason::bad_personal_code:
      return "bad_personal_code";
    case AuthTokenReason::signing_cert_invalid:
      return "signing_cert_invalid";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& out, AuthTokenReason reason) {
  return out << to_string(reason);
}

AuthTokenResult validate_auth_token(std::string_view token_json, const AuthTokenPolicy& policy) {
  check_policy(policy);
  detail::ErrorQueueGuard clear_errors;
  AuthTokenResult result;
  ParsedAuthToken parsed = parse_auth_token(token_json);
  result.format = parsed.token.format;
  result.app_version = parsed.token.app_version;
  if (!(result.verdict = parsed.verdict)) return result;
  const AuthToken& token = parsed.token;

  crypto::Bytes der;
  X509Ptr cert;
  if (!(result.verdict = check_authentication_certificate(token, policy, der, cert))) return result;
  result.verdict = detail::verify_token_signature(X509_get0_pubkey(cert.get()), token.algorithm,
                                                  token.signature, policy.origin, policy.nonce);
  if (!result.verdict) return result;
  VoterIdentity identity;
  if (!(result.verdict = detail::read_identity(cert.get(), identity))) return result;
  std::vector<crypto::Bytes> signing;
  result.verdict = check_signing_certificates(token, cert.get(), policy, signing);
  if (!result.verdict) return result;
  identity.certificate = std::move(der);
  result.identity = std::move(identity);
  result.signing_certificates = std::move(signing);
  return result;
}

AuthVerdict verify_auth_token_signature(const AuthToken& token, crypto::BytesView certificate,
                                        std::string_view origin, std::string_view nonce) {
  detail::ErrorQueueGuard clear_errors;
  X509Ptr cert = detail::parse_der_certificate(certificate);
  if (!cert) return cert_invalid("certificate: not a DER X.509 certificate");
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (!key) return cert_invalid("certificate: its public key does not decode");
  return detail::verify_token_signature(key, token.algorithm, token.signature, origin, nonce);
}

std::string make_challenge_nonce() { return encode_base64(crypto::random_bytes(32)); }

}  // namespace evote::collector::auth
