#include "evote/crypto/ecdsa_der.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "openssl_ptr.hpp"

namespace evote::crypto {

std::optional<Bytes> ecdsa_raw_to_der(BytesView raw) {
  using BignumPtr = OpensslPtr<BIGNUM, BN_free>;
  using EcdsaSigPtr = OpensslPtr<ECDSA_SIG, ECDSA_SIG_free>;
  const int half = static_cast<int>(raw.size() / 2);
  BignumPtr r(BN_bin2bn(raw.data(), half, nullptr));
  BignumPtr s(BN_bin2bn(raw.data() + half, half, nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
  r.release();  // owned by sig now
  s.release();
  const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) return std::nullopt;
  Bytes der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  if (i2d_ECDSA_SIG(sig.get(), &out) != length) return std::nullopt;
  return der;
}

}  // namespace evote::crypto
