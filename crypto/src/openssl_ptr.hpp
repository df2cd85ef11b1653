// unique_ptr for OpenSSL objects (internal to crypto/):
//   using X509Ptr = OpensslPtr<X509, X509_free>;
#pragma once

#include <memory>

namespace evote::crypto {

// unique_ptr deleter calling an OpenSSL free function.
template <auto free_fn>
struct OpensslFree {
  template <class T>
  void operator()(T* p) const noexcept {
    free_fn(p);
  }
};

template <class T, auto free_fn>
using OpensslPtr = std::unique_ptr<T, OpensslFree<free_fn>>;

}  // namespace evote::crypto
