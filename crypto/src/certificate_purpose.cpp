// Key usage, extended key usage and certificate policies of a voter's
// certificate (specs/crypto.md §9). The leaf has passed path validation;
// its extensions are still the voter's input, so every failure is a Verdict.
#include "certificate_purpose.hpp"
#include "openssl_ptr.hpp"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace evote::crypto {

bool is_dotted_oid(std::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  std::vector<std::string_view> arcs;
  for (std::size_t start = 0;;) {
    const std::size_t dot = text.find('.', start);
    arcs.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (arcs.size() < 2) return false;
  for (std::string_view arc : arcs) {
    if (arc.empty() ||
        !std::all_of(arc.begin(), arc.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    if (arc.size() > 1 && arc[0] == '0') return false;
  }
  if (arcs[0].size() != 1 || arcs[0][0] > '2') return false;
  if (arcs[0][0] < '2' && (arcs[1].size() > 2 || (arcs[1].size() == 2 && arcs[1] > "39")))
    return false;
  return true;
}

namespace certificate_detail {
namespace {

constexpr std::string_view kClientAuth = "1.3.6.1.5.5.7.3.2";
constexpr std::string_view kAnyExtendedKeyUsage = "2.5.29.37.0";
constexpr std::string_view kDocumentSigning = "1.3.6.1.5.5.7.3.36";

using EkuPtr = std::unique_ptr<EXTENDED_KEY_USAGE, OpensslFree<EXTENDED_KEY_USAGE_free>>;
using PoliciesPtr = std::unique_ptr<CERTIFICATEPOLICIES, OpensslFree<CERTIFICATEPOLICIES_free>>;

Verdict fail(const std::string& why) { return Verdict::fail("signer certificate: " + why); }

// The OID as dotted text ("" if it does not fit: such an OID matches nothing).
std::string dotted(const ASN1_OBJECT* object) {
  char text[160];
  const int length = OBJ_obj2txt(text, sizeof text, object, 1);
  if (length <= 0 || static_cast<std::size_t>(length) >= sizeof text) return {};
  return std::string(text, static_cast<std::size_t>(length));
}

// For messages: OpenSSL's short name when it has one ("serverAuth"), else dotted.
std::string usage_name(const ASN1_OBJECT* object) {
  const int nid = OBJ_obj2nid(object);
  if (nid != NID_undef) return OBJ_nid2sn(nid);
  return dotted(object);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Verdict check_key_usage(X509* leaf, CertificatePurpose purpose) {
  const std::uint32_t flags = X509_get_extension_flags(leaf);
  if (flags & EXFLAG_CA) return fail("is a CA certificate (basicConstraints CA:TRUE)");
  if (!(flags & EXFLAG_KUSAGE)) return fail("has no key usage extension");
  const bool authentication = purpose == CertificatePurpose::authentication;
  const std::uint32_t needed = authentication ? KU_DIGITAL_SIGNATURE : KU_NON_REPUDIATION;
  if (!(X509_get_key_usage(leaf) & needed))
    return fail(std::string("key usage does not allow ") +
                (authentication ? "digitalSignature" : "nonRepudiation"));
  return Verdict::pass();
}

Verdict check_extended_key_usage(X509* leaf, CertificatePurpose purpose) {
  const bool authentication = purpose == CertificatePurpose::authentication;
  const std::string wanted =
      authentication ? "clientAuth"
                     : "document signing (anyExtendedKeyUsage or documentSigning, or no "
                       "extendedKeyUsage extension)";
  int critical = 0;
  EkuPtr usages(static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(leaf, NID_ext_key_usage, &critical, nullptr)));
  if (!usages) {
    if (critical != -1) return fail("cannot read its extendedKeyUsage extension");
    if (authentication) return fail("has no extendedKeyUsage extension (clientAuth required)");
    return Verdict::pass();  // absent: no restriction (RFC 5280 §4.2.1.12)
  }
  std::vector<std::string> listed;
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages.get()); ++i) {
    const ASN1_OBJECT* usage = sk_ASN1_OBJECT_value(usages.get(), i);
    const std::string oid = dotted(usage);
    if (authentication ? oid == kClientAuth
                       : (oid == kAnyExtendedKeyUsage || oid == kDocumentSigning))
      return Verdict::pass();
    listed.push_back(usage_name(usage));
  }
  return fail("extendedKeyUsage does not allow " + wanted + "; it lists " +
              (listed.empty() ? std::string("nothing") : joined(listed)));
}

}  // namespace

Verdict check_leaf_purpose(X509* leaf, CertificatePurpose purpose) {
  if (Verdict v = check_key_usage(leaf, purpose); !v) return v;
  return check_extended_key_usage(leaf, purpose);
}

Verdict check_leaf_policies(X509* leaf, std::span<const std::string> accepted) {
  for (const std::string& oid : accepted) {
    if (!is_dotted_oid(oid))
      throw Error("accepted certificate policy \"" + oid + "\": not a dotted OID");
  }
  if (accepted.empty()) return Verdict::pass();
  const std::string policies_text =
      "the accepted certificate policies " +
      joined(std::vector<std::string>(accepted.begin(), accepted.end()));
  int critical = 0;
  PoliciesPtr policies(static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(leaf, NID_certificate_policies, &critical, nullptr)));
  if (!policies) {
    if (critical != -1) return fail("cannot read its certificatePolicies extension");
    return fail("has no certificatePolicies extension (one of " + policies_text + " required)");
  }
  std::vector<std::string> listed;
  for (int i = 0; i < sk_POLICYINFO_num(policies.get()); ++i) {
    const std::string oid = dotted(sk_POLICYINFO_value(policies.get(), i)->policyid);
    if (std::find(accepted.begin(), accepted.end(), oid) != accepted.end()) return Verdict::pass();
    listed.push_back(oid);
  }
  return fail("carries none of " + policies_text + " (it has " + joined(listed) + ")");
}

}  // namespace certificate_detail
}  // namespace evote::crypto
