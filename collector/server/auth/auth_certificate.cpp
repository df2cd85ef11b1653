#include "auth/auth_certificate.hpp"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "auth/openssl_helpers.hpp"
#include "auth/personal_code.hpp"

namespace evote::collector::auth::detail {
namespace {

AuthVerdict fail(AuthTokenReason reason, std::string message) {
  return {reason, std::move(message)};
}

std::string oid_text(const ASN1_OBJECT* object) {
  char text[128];
  int length = OBJ_obj2txt(text, sizeof text, object, 1);
  if (length <= 0 || static_cast<std::size_t>(length) >= sizeof text) return {};
  return text;
}

// (dotted OID, UTF-8 value) of every subject attribute, sorted.
std::optional<std::vector<std::pair<std::string, std::string>>> attribute_set(
    const X509_NAME* name) {
  std::vector<std::pair<std::string, std::string>> out;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    unsigned char* utf8 = nullptr;
    int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
    if (length < 0) return std::nullopt;
    std::string value(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    out.emplace_back(oid_text(X509_NAME_ENTRY_get_object(entry)), std::move(value));
  }
  std::sort(out.begin(), out.end());
  return out;
}

int count_entries(const X509_NAME* name, int nid) {
  int count = 0;
  for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, nid, i))
    ++count;
  return count;
}

}  // namespace

AuthVerdict check_validity_period(const X509* cert, std::time_t at_time) {
  std::optional<std::int64_t> not_before = asn1_time_seconds(X509_get0_notBefore(cert));
  std::optional<std::int64_t> not_after = asn1_time_seconds(X509_get0_notAfter(cert));
  if (!not_before || !not_after)
    return fail(AuthTokenReason::cert_invalid, "certificate: validity times do not decode");
  if (at_time < *not_before)
    return fail(
        AuthTokenReason::cert_not_yet_valid,
        "certificate: valid from " + utc_text(*not_before) + ", checked at " + utc_text(at_time));
  if (*not_after <= at_time)
    return fail(AuthTokenReason::cert_expired, "certificate: expired at " + utc_text(*not_after) +
                                                   ", checked at " + utc_text(at_time));
  return {};
}

AuthVerdict check_authentication_purpose(X509* cert) {
  const std::uint32_t flags = X509_get_extension_flags(cert);
  if (flags & EXFLAG_INVALID)
    return fail(AuthTokenReason::cert_invalid, "certificate: an extension does not decode");
  if (flags & EXFLAG_CA)
    return fail(AuthTokenReason::wrong_purpose,
                "certificate: is a CA certificate (basicConstraints CA:TRUE)");
  if (!(flags & EXFLAG_KUSAGE))
    return fail(AuthTokenReason::wrong_purpose, "certificate: has no keyUsage extension");
  if (!(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE))
    return fail(AuthTokenReason::wrong_purpose,
                "certificate: keyUsage does not allow digitalSignature");
  if (!(flags & EXFLAG_XKUSAGE))
    return fail(AuthTokenReason::wrong_purpose,
                "certificate: has no extendedKeyUsage extension (clientAuth required)");
  if (!(X509_get_extended_key_usage(cert) & XKU_SSL_CLIENT))
    return fail(AuthTokenReason::wrong_purpose,
                "certificate: extendedKeyUsage does not list clientAuth");
  return {};
}

AuthVerdict check_policies(X509* cert, std::span<const std::string> accepted) {
  if (accepted.empty()) return {};
  int critical = -1;
  auto* policies = static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(cert, NID_certificate_policies, &critical, nullptr));
  if (!policies) {
    if (critical == -1)
      return fail(AuthTokenReason::wrong_policy,
                  "certificate: has no certificatePolicies extension");
    return fail(AuthTokenReason::cert_invalid,
                "certificate: certificatePolicies extension does not decode");
  }
  std::vector<std::string> listed;
  for (int i = 0; i < sk_POLICYINFO_num(policies); ++i)
    listed.push_back(oid_text(sk_POLICYINFO_value(policies, i)->policyid));
  CERTIFICATEPOLICIES_free(policies);
  for (const std::string& oid : listed)
    if (std::find(accepted.begin(), accepted.end(), oid) != accepted.end()) return {};
  std::string names;
  for (const std::string& oid : listed) names += (names.empty() ? "" : ", ") + oid;
  return fail(AuthTokenReason::wrong_policy,
              "certificate: carries none of the accepted certificate policies (it has " +
                  (names.empty() ? std::string("none") : names) + ")");
}

AuthVerdict read_identity(const X509* cert, VoterIdentity& identity) {
  const X509_NAME* subject = X509_get_subject_name(cert);
  const int serial_count = count_entries(subject, NID_serialNumber);
  if (serial_count == 0)
    return fail(AuthTokenReason::bad_identity, "certificate: subject has no serialNumber");
  if (serial_count > 1)
    return fail(AuthTokenReason::bad_identity,
                "certificate: subject has more than one serialNumber");
  const std::string serial = name_entry(subject, NID_serialNumber);
  // "PNO" + two upper-case letters (ISO 3166 country) + "-" + the national code.
  const bool pno = serial.size() > 6 && serial.compare(0, 3, "PNO") == 0 && serial[5] == '-' &&
                   std::isupper(static_cast<unsigned char>(serial[3])) &&
                   std::isupper(static_cast<unsigned char>(serial[4]));
  // Messages never quote the serialNumber: it holds the personal code.
  if (!pno)
    return fail(
        AuthTokenReason::bad_identity,
        "certificate: serialNumber is not a personal number (PNO + country + \"-\" + code)");
  const std::string country = serial.substr(3, 2);
  if (country != "EE")
    return fail(AuthTokenReason::not_estonian,
                "certificate: serialNumber is a personal number of " + country +
                    "; only PNOEE- (Estonia) is accepted");
  const std::string code = serial.substr(6);
  if (!is_valid_personal_code(code))
    return fail(AuthTokenReason::bad_personal_code,
                code.size() == 11 && personal_code_check_digit(code.substr(0, 10))
                    ? "certificate: serialNumber PNOEE-: the personal code's check digit is wrong"
                    : "certificate: serialNumber PNOEE- is not followed by 11 digits");
  identity.serial_number = serial;
  identity.personal_code = code;
  identity.given_name = name_entry(subject, NID_givenName);
  identity.surname = name_entry(subject, NID_surname);
  identity.common_name = name_entry(subject, NID_commonName);
  return {};
}

AuthVerdict check_signing_certificate_matches(X509* authentication, X509* signing) {
  auto auth_subject = attribute_set(X509_get_subject_name(authentication));
  auto signing_subject = attribute_set(X509_get_subject_name(signing));
  if (!auth_subject || !signing_subject || *auth_subject != *signing_subject)
    return fail(AuthTokenReason::signing_cert_invalid,
                "subject differs from the authentication certificate's");
  const ASN1_OCTET_STRING* auth_key_id = X509_get0_authority_key_id(authentication);
  const ASN1_OCTET_STRING* signing_key_id = X509_get0_authority_key_id(signing);
  if (!auth_key_id || !signing_key_id || ASN1_STRING_length(auth_key_id) == 0 ||
      ASN1_OCTET_STRING_cmp(auth_key_id, signing_key_id) != 0)
    return fail(AuthTokenReason::signing_cert_invalid,
                "authorityKeyIdentifier differs from the authentication certificate's (another "
                "issuer)");
  return {};
}

}  // namespace evote::collector::auth::detail
