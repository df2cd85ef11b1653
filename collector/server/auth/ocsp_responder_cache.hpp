// Responder certificates whose path OCSP_basic_verify has already validated
// (specs/collector-auth.md §4.4, "Validated responders"): every ballot's
// response comes from the same responder, so its path (responder ->
// issuing CA -> root) need not be verified again for each one. A response
// whose signer is cached, at a check time inside the cached window, is
// accepted after its signature and the signer's authorisation for the
// CertIDs are checked; anything else takes the full path. The cache only
// ever saves work: it accepts nothing the full path would refuse.
//
// Not part of the library's interface (used by ocsp.cpp). Thread-safe: one
// cache serves every thread of an OcspTrust.
#pragma once

#include <openssl/ocsp.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "auth/openssl_helpers.hpp"
#include "evote/crypto/bytes.hpp"

namespace evote::collector::auth::detail {

// The certificate that signed `basic`, found as OCSP_basic_verify finds it
// with `issuer` as the one extra certificate: first the issuer when the
// responderID names it, then the response's own certificates. Null: none.
X509* response_signer(OCSP_BASICRESP* basic, X509* issuer);

class ResponderCache {
 public:
  static constexpr std::size_t kCapacity = 16;

  // Records that OCSP_basic_verify accepted a response of `signer` for
  // `issuer` (one of `cas`, the configured CAs) with the verified path
  // `chain` (signer first, as X509_STORE_CTX_get1_chain gives it). Nothing is
  // recorded when the path could come out otherwise for another response or
  // another time inside its window: a certificate after the signer that is
  // not one of `cas`, a link that more than one of `cas` could have issued,
  // or a validity time that does not decode. The oldest entry goes when full.
  void remember(X509* signer, const X509* issuer, STACK_OF(X509) * chain,
                const std::vector<X509Ptr>& cas);

  // True when `signer` (found by response_signer) is cached for `issuer`,
  // `at_time` lies in the window where every certificate of its path is
  // valid (latest notBefore <= at_time < earliest notAfter), the response's
  // signature verifies with `signer`'s key, and the signer may answer for
  // every CertID the response holds (the rule OCSP_basic_verify applies to
  // the path). False means only "not decided here": take the full path.
  bool accepts(OCSP_BASICRESP* basic, X509* signer, const X509* issuer, std::time_t at_time) const;

  // The remembered signer for `issuer` whose certificate's DER is `der` (a
  // new reference), or null: lets a response that carries only that
  // certificate be opened without it (ocsp_der.hpp). Nothing is decided here.
  X509Ptr signer_with_der(crypto::BytesView der, const X509* issuer) const;

  std::size_t size() const;
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  // Of the hits, those on a response opened without its certificates.
  std::uint64_t lean_hits() const { return lean_hits_.load(std::memory_order_relaxed); }
  void count_lean_hit() const { lean_hits_.fetch_add(1, std::memory_order_relaxed); }

 private:
  struct Entry {
    crypto::Bytes signer_der;
    X509Ptr signer;  // the certificate of signer_der
    const X509* issuer = nullptr;
    X509Ptr signer_issuer;  // the path's second certificate; null for a one-certificate path
    std::int64_t valid_from = 0;
    std::int64_t valid_until = 0;  // exclusive
    std::uint64_t added = 0;
  };

  mutable std::shared_mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t next_added_ = 0;
  mutable std::atomic<std::uint64_t> hits_{0};
  mutable std::atomic<std::uint64_t> lean_hits_{0};
};

}  // namespace evote::collector::auth::detail
