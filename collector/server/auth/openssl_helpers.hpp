// Small OpenSSL helpers shared by the auth sources (not part of the
// library's interface): owning pointers, the error queue, certificate
// parsing and ASN.1 times.
#pragma once

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "evote/crypto/bytes.hpp"

namespace evote::collector::auth::detail {

// unique_ptr deleter calling an OpenSSL free function.
template <auto free_fn>
struct OpensslFree {
  template <class T>
  void operator()(T* p) const noexcept {
    free_fn(p);
  }
};

using X509Ptr = std::unique_ptr<X509, OpensslFree<X509_free>>;

struct X509StackFree {
  void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;

// Empties OpenSSL's thread-local error queue on leaving scope, so that one
// call's failures never surface in an unrelated later call.
class ErrorQueueGuard {
 public:
  ErrorQueueGuard() = default;
  ErrorQueueGuard(const ErrorQueueGuard&) = delete;
  ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
  ~ErrorQueueGuard() { ERR_clear_error(); }
};

// The reason of the oldest queued OpenSSL error ("" if none); empties the queue.
std::string take_openssl_error();

// One DER certificate: the whole input, no trailing bytes. Null if it does not parse.
X509Ptr parse_der_certificate(crypto::BytesView der);
// DER (whole input) or the first PEM CERTIFICATE block. Null if neither.
X509Ptr parse_certificate(crypto::BytesView der_or_pem);
crypto::Bytes certificate_der(const X509* cert);

// The first attribute `nid` of a name as UTF-8; "" when absent or undecodable.
std::string name_entry(const X509_NAME* name, int nid);

// UTC seconds; nullopt if the time does not decode.
std::optional<std::int64_t> asn1_time_seconds(const ASN1_TIME* time);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_text(std::int64_t seconds);

}  // namespace evote::collector::auth::detail
