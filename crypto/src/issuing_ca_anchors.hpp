// Issuing CAs checked once against the configured roots, so that a voter's
// certificate costs one signature check on its path instead of two
// (specs/crypto.md §9, "Issuing CAs as anchors"). Private to
// voter_signature.cpp.
//
// The shortcut never changes a decision: verifies() answers true only when
// the full path leaf -> issuing CA -> ... -> root would pass too, and false
// means "not decided here, take the full path" (which then gives the reason).
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <span>
#include <vector>

#include "openssl_ptr.hpp"

namespace evote::crypto::certificate_detail {

class IssuingCaAnchors {
 public:
  // `store` holds every configured CA; `configured` the same certificates.
  // A configured CA that is not self-signed becomes an anchor when, at
  // construction: its path to a configured self-signed root verifies
  // strictly (signatures and extensions; times are checked per use), no
  // certificate above it has name constraints, policy constraints or
  // inhibitAnyPolicy, and each one's pathLenConstraint (if any) allows it.
  IssuingCaAnchors(X509_STORE* store, std::span<X509* const> configured);
  ~IssuingCaAnchors();
  IssuingCaAnchors(const IssuingCaAnchors&) = delete;
  IssuingCaAnchors& operator=(const IssuingCaAnchors&) = delete;

  // True when an anchor issued `leaf` directly and the path leaf -> anchor
  // verifies strictly at `at_time`, with `at_time` inside every validity
  // period of the anchor's path to its root. Thread-safe.
  bool verifies(X509* leaf, std::time_t at_time) const;

  std::size_t size() const { return anchors_.size(); }

 private:
  struct Anchor {
    OpensslPtr<X509, X509_free> certificate;  // our own reference
    std::time_t not_before;
    std::time_t not_after;
  };
  OpensslPtr<X509_STORE, X509_STORE_free> anchor_store_;
  std::vector<Anchor> anchors_;
};

}  // namespace evote::crypto::certificate_detail
