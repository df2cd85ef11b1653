// Issuing CAs as partial-chain anchors (issuing_ca_anchors.hpp).
#include "issuing_ca_anchors.hpp"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <limits>
#include <optional>
#include <utility>

#include "evote/crypto/p384_signatures.hpp"

namespace evote::crypto::certificate_detail {
namespace {

using StoreCtxPtr = OpensslPtr<X509_STORE_CTX, X509_STORE_CTX_free>;

std::optional<std::time_t> seconds(const ASN1_TIME* time) {
  std::tm tm{};
  if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return std::nullopt;
  return timegm(&tm);
}

bool is_self_signed(X509* cert) { return (X509_get_extension_flags(cert) & EXFLAG_SS) != 0; }

// Extensions of a CA above the anchor that the partial path would not apply
// to the leaf: with any of them the anchor is not made.
bool constrains_the_leaf(X509* cert) {
  for (int nid : {NID_name_constraints, NID_policy_constraints, NID_inhibit_any_policy})
    if (X509_get_ext_by_NID(cert, nid, -1) >= 0) return true;
  return false;
}

// OpenSSL's X509_STORE "verify" step (X509_STORE_set_verify) for the chain
// leaf -> anchor: what its own step checks (the issuer's keyUsage allows
// certificate signing, the leaf's signature, both certificates' validity
// at the check time), with a P-384 signature checked by
// p384_certificate_verifies. Any other chain, and every failure, is left
// to the full path (verifies() then answers false), which names the reason.
int verify_leaf_and_anchor(X509_STORE_CTX* ctx) {
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx);
  if (sk_X509_num(chain) != 2) {
    X509_STORE_CTX_set_error(ctx, X509_V_ERR_UNSPECIFIED);
    return 0;
  }
  X509* leaf = sk_X509_value(chain, 0);
  X509* anchor = sk_X509_value(chain, 1);
  const bool may_sign = (X509_get_extension_flags(anchor) & EXFLAG_KUSAGE) == 0 ||
                        (X509_get_key_usage(anchor) & KU_KEY_CERT_SIGN) != 0;
  EVP_PKEY* key = X509_get0_pubkey(anchor);
  bool signed_by_anchor = false;
  if (may_sign && key) {
    const std::optional<bool> fast = p384_certificate_verifies(leaf, key);
    signed_by_anchor = fast ? *fast : X509_verify(leaf, key) > 0;
  }
  std::time_t at = X509_VERIFY_PARAM_get_time(X509_STORE_CTX_get0_param(ctx));
  // X509_cmp_time: -1 when the certificate's time is at or before `at`.
  auto valid_at = [&](X509* cert) {
    return X509_cmp_time(X509_get0_notBefore(cert), &at) == -1 &&
           X509_cmp_time(X509_get0_notAfter(cert), &at) == 1;
  };
  if (!signed_by_anchor || !valid_at(leaf) || !valid_at(anchor)) {
    X509_STORE_CTX_set_error(ctx, X509_V_ERR_UNSPECIFIED);
    return 0;
  }
  return 1;
}

}  // namespace

IssuingCaAnchors::IssuingCaAnchors(X509_STORE* store, std::span<X509* const> configured)
    : anchor_store_(X509_STORE_new()) {
  if (!anchor_store_) return;  // no anchors: every check takes the full path
  X509_STORE_set_verify(anchor_store_.get(), verify_leaf_and_anchor);
  for (X509* ca : configured) {
    if (is_self_signed(ca)) continue;
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store, ca, nullptr) != 1) continue;
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT | X509_V_FLAG_NO_CHECK_TIME);
    const bool verified = X509_verify_cert(ctx.get()) == 1;
    ERR_clear_error();
    if (!verified) continue;
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    const int length = sk_X509_num(chain);
    if (length < 2 || !is_self_signed(sk_X509_value(chain, length - 1))) continue;
    Anchor anchor{nullptr, std::numeric_limits<std::time_t>::min(),
                  std::numeric_limits<std::time_t>::max()};
    bool usable = true;
    for (int i = 0; i < length && usable; ++i) {
      X509* cert = sk_X509_value(chain, i);
      // Above the anchor: i CA certificates (the anchor and those between)
      // follow this one on a leaf's path before the leaf.
      if (i > 0) {
        const long path_length = X509_get_pathlen(cert);
        usable = !constrains_the_leaf(cert) && (path_length < 0 || path_length >= i);
      }
      const auto from = seconds(X509_get0_notBefore(cert));
      const auto until = seconds(X509_get0_notAfter(cert));
      if (!from || !until) usable = false;
      if (!usable) break;
      anchor.not_before = std::max(anchor.not_before, *from);
      anchor.not_after = std::min(anchor.not_after, *until);
    }
    if (!usable || X509_up_ref(ca) != 1) continue;
    anchor.certificate.reset(ca);
    if (X509_STORE_add_cert(anchor_store_.get(), ca) != 1) {
      ERR_clear_error();
      continue;
    }
    anchors_.push_back(std::move(anchor));
  }
}

IssuingCaAnchors::~IssuingCaAnchors() = default;

bool IssuingCaAnchors::verifies(X509* leaf, std::time_t at_time) const {
  if (anchors_.empty()) return false;
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), anchor_store_.get(), leaf, nullptr) != 1) return false;
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, at_time);
  X509_VERIFY_PARAM_set_flags(
      param, X509_V_FLAG_USE_CHECK_TIME | X509_V_FLAG_X509_STRICT | X509_V_FLAG_PARTIAL_CHAIN);
  const bool verified = X509_verify_cert(ctx.get()) == 1;
  ERR_clear_error();
  if (!verified) return false;
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  if (sk_X509_num(chain) != 2) return false;  // only leaf -> anchor is decided here
  X509* top = sk_X509_value(chain, 1);
  for (const Anchor& anchor : anchors_)
    if (X509_cmp(anchor.certificate.get(), top) == 0)
      // Strictly inside, as OpenSSL's own time check: notBefore <= t < notAfter.
      return anchor.not_before <= at_time && at_time < anchor.not_after;
  return false;
}

}  // namespace evote::crypto::certificate_detail
