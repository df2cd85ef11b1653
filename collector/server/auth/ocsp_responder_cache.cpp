// The cache of validated responder certificates (specs/collector-auth.md §4.4).
#include "auth/ocsp_responder_cache.hpp"

#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>

#include "evote/crypto/p384_signatures.hpp"

namespace evote::collector::auth::detail {

namespace {

// The responderID names `cert`: by subject name, or by the SHA-1 of its key
// (as OpenSSL matches a responderID against a certificate).
bool responder_id_names(OCSP_BASICRESP* basic, X509* cert) {
  const ASN1_OCTET_STRING* key_hash = nullptr;
  const X509_NAME* name = nullptr;
  if (OCSP_resp_get0_id(basic, &key_hash, &name) != 1) return false;
  if (name) return X509_NAME_cmp(name, X509_get_subject_name(cert)) == 0;
  if (!key_hash || ASN1_STRING_length(key_hash) != SHA_DIGEST_LENGTH) return false;
  unsigned char digest[SHA_DIGEST_LENGTH];
  unsigned int length = 0;
  return X509_pubkey_digest(cert, EVP_sha1(), digest, &length) == 1 &&
         length == SHA_DIGEST_LENGTH &&
         std::memcmp(digest, ASN1_STRING_get0_data(key_hash), SHA_DIGEST_LENGTH) == 0;
}

bool same_bytes(const ASN1_OCTET_STRING* hash, const unsigned char* digest, unsigned int length) {
  return hash && static_cast<unsigned int>(ASN1_STRING_length(hash)) == length &&
         std::memcmp(ASN1_STRING_get0_data(hash), digest, length) == 0;
}

// Every CertID of the response names `ca` as the issuer: issuerNameHash and
// issuerKeyHash are `ca`'s subject and key under the CertID's own hash.
bool all_cert_ids_name(OCSP_BASICRESP* basic, X509* ca) {
  const int count = OCSP_resp_count(basic);
  if (count <= 0) return false;
  for (int i = 0; i < count; ++i) {
    ASN1_OCTET_STRING* name_hash = nullptr;
    ASN1_OCTET_STRING* key_hash = nullptr;
    ASN1_OBJECT* hash_oid = nullptr;
    OCSP_CERTID* id = const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(OCSP_resp_get0(basic, i)));
    if (OCSP_id_get0_info(&name_hash, &hash_oid, &key_hash, nullptr, id) != 1) return false;
    const EVP_MD* hash = hash_oid ? EVP_get_digestbyobj(hash_oid) : nullptr;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!hash || X509_NAME_digest(X509_get_subject_name(ca), hash, digest, &length) != 1 ||
        !same_bytes(name_hash, digest, length))
      return false;
    if (X509_pubkey_digest(ca, hash, digest, &length) != 1 || !same_bytes(key_hash, digest, length))
      return false;
  }
  return true;
}

bool has_ocsp_signing(X509* cert) {
  return (X509_get_extension_flags(cert) & EXFLAG_XKUSAGE) &&
         (X509_get_extended_key_usage(cert) & XKU_OCSP_SIGN);
}

// OCSP_basic_verify's rule on the verified path: when the CertIDs name the
// signer's issuer, the signer must carry id-kp-OCSPSigning; otherwise they
// must name the signer itself.
bool may_answer(OCSP_BASICRESP* basic, X509* signer, X509* signer_issuer) {
  if (signer_issuer && all_cert_ids_name(basic, signer_issuer)) return has_ocsp_signing(signer);
  return all_cert_ids_name(basic, signer);
}

// The one configured CA carrying `cert`'s issuer name; null when none or several.
X509* sole_ca_named_as_issuer(X509* cert, const std::vector<X509Ptr>& cas) {
  X509* found = nullptr;
  for (const X509Ptr& ca : cas) {
    if (X509_NAME_cmp(X509_get_subject_name(ca.get()), X509_get_issuer_name(cert)) != 0) continue;
    if (found) return nullptr;
    found = ca.get();
  }
  return found;
}

}  // namespace

X509* response_signer(OCSP_BASICRESP* basic, X509* issuer) {
  if (responder_id_names(basic, issuer)) return issuer;
  X509* signer = nullptr;
  return OCSP_resp_get0_signer(basic, &signer, nullptr) == 1 ? signer : nullptr;
}

void ResponderCache::remember(X509* signer, const X509* issuer, STACK_OF(X509) * chain,
                              const std::vector<X509Ptr>& cas) {
  const int length = sk_X509_num(chain);
  if (length <= 0 || X509_cmp(sk_X509_value(chain, 0), signer) != 0) return;
  Entry entry;
  entry.signer_der = certificate_der(signer);
  if (X509_up_ref(signer) != 1) return;
  entry.signer.reset(signer);
  entry.issuer = issuer;
  entry.valid_from = std::numeric_limits<std::int64_t>::min();
  entry.valid_until = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < length; ++i) {
    X509* cert = sk_X509_value(chain, i);
    // Each link must come from the configured CAs, and from only one of
    // them: then the path is the same whatever certificates a response carries.
    if (i + 1 < length) {
      X509* next = sk_X509_value(chain, i + 1);
      X509* configured = sole_ca_named_as_issuer(cert, cas);
      if (!configured || X509_cmp(configured, next) != 0) return;
    }
    const auto not_before = asn1_time_seconds(X509_get0_notBefore(cert));
    const auto not_after = asn1_time_seconds(X509_get0_notAfter(cert));
    if (!not_before || !not_after) return;
    entry.valid_from = std::max(entry.valid_from, *not_before);
    entry.valid_until = std::min(entry.valid_until, *not_after);
  }
  if (length > 1) {
    X509* second = sk_X509_value(chain, 1);
    if (X509_up_ref(second) != 1) return;
    entry.signer_issuer.reset(second);
  }

  std::unique_lock lock(mutex_);
  entry.added = next_added_++;
  auto same = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return e.issuer == issuer && e.signer_der == entry.signer_der;
  });
  if (same != entries_.end()) {
    *same = std::move(entry);
    return;
  }
  if (entries_.size() >= kCapacity)
    entries_.erase(
        std::min_element(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.added < b.added; }));
  entries_.push_back(std::move(entry));
}

namespace {

// The response's signature, with exactly this signer's key: it is the only
// extra certificate, and the responderID names it (response_signer found it
// so). A P-384 signer is checked by crypto's own arithmetic, any other by
// OCSP_basic_verify; both over tbsResponseData as OpenSSL encodes it.
bool signed_by(OCSP_BASICRESP* basic, X509* signer) {
  unsigned char* data = nullptr;
  const int length = i2d_OCSP_RESPDATA(OCSP_resp_get0_respdata(basic), &data);
  if (length > 0) {
    const std::optional<bool> fast = crypto::p384_signature_verifies(
        X509_get0_pubkey(signer), OCSP_resp_get0_tbs_sigalg(basic), OCSP_resp_get0_signature(basic),
        crypto::BytesView(data, static_cast<std::size_t>(length)));
    OPENSSL_free(data);
    if (fast) return *fast;
  }
  ERR_clear_error();
  STACK_OF(X509)* signer_only = sk_X509_new_null();
  if (!signer_only) return false;
  const bool pushed = sk_X509_push(signer_only, signer) > 0;
  const bool verified =
      pushed && OCSP_basic_verify(basic, signer_only, nullptr, OCSP_NOVERIFY) == 1;
  sk_X509_free(signer_only);  // the certificate stays the response's
  return verified;
}

}  // namespace

bool ResponderCache::accepts(OCSP_BASICRESP* basic, X509* signer, const X509* issuer,
                             std::time_t at_time) const {
  const crypto::Bytes signer_der = certificate_der(signer);
  X509Ptr signer_issuer;
  {
    std::shared_lock lock(mutex_);
    auto entry = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
      return e.issuer == issuer && e.signer_der == signer_der;
    });
    if (entry == entries_.end()) return false;
    const std::int64_t at = at_time;
    if (at < entry->valid_from || at >= entry->valid_until) return false;
    if (entry->signer_issuer) {
      if (X509_up_ref(entry->signer_issuer.get()) != 1) return false;
      signer_issuer.reset(entry->signer_issuer.get());
    }
  }
  if (!signed_by(basic, signer) || !may_answer(basic, signer, signer_issuer.get())) return false;
  hits_.fetch_add(1, std::memory_order_relaxed);
  return true;
}

X509Ptr ResponderCache::signer_with_der(crypto::BytesView der, const X509* issuer) const {
  std::shared_lock lock(mutex_);
  for (const Entry& e : entries_) {
    if (e.issuer != issuer ||
        !std::equal(der.begin(), der.end(), e.signer_der.begin(), e.signer_der.end()))
      continue;
    if (X509_up_ref(e.signer.get()) != 1) return nullptr;
    return X509Ptr(e.signer.get());
  }
  return nullptr;
}

std::size_t ResponderCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace evote::collector::auth::detail
