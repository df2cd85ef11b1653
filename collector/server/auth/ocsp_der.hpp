// An OCSPResponse's DER with its BasicOCSPResponse's `certs` field split off
// (RFC 6960 §4.2.1), so that a response whose only certificate is a
// responder already validated can be opened without OpenSSL parsing that
// certificate again: OpenSSL 3.0 decodes a certificate's public key through
// its provider decoders, which costs about as much as checking a signature,
// and every ballot's response carries the same responder certificate.
//
// The `certs` field is outside the signed tbsResponseData, so the response
// without it says and proves the same; only where to find the signer's
// certificate changes. Not part of the library's interface (used by ocsp.cpp).
#pragma once

#include <optional>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::collector::auth::detail {

struct ResponseWithoutCertificates {
  crypto::Bytes response;  // the OCSPResponse DER without `certs`
  std::vector<crypto::BytesView>
      certificates;  // each certificate's DER, in order (views into the input)
};

// Nullopt unless `der` is exactly an OCSPResponse laid out in DER (single
// byte tags, minimal definite lengths, nothing after any element) holding a
// BasicOCSPResponse with a `certs` field: in any doubt the caller opens the
// response as it is. The elements kept are copied byte for byte.
std::optional<ResponseWithoutCertificates> split_off_certificates(crypto::BytesView der);

}  // namespace evote::collector::auth::detail
