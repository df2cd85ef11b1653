#include "stream_nonces.hpp"

#include <sodium.h>

#include "challenges.hpp"
#include "evote/crypto/hash.hpp"
#include "prover_nonces.hpp"

namespace evote::mix::io {

namespace {
constexpr std::string_view kPrfTag = "evote/shuffle/prover-prf/v1";
}

crypto::Scalar NonceSource::omega_prime(std::uint64_t i) const {
  return draw("omega_prime", i, 0, detail::uses_short_masks(field_));
}

crypto::Scalar NonceSource::draw(std::string_view label, std::uint64_t i, std::uint64_t k,
                                 bool short_mask) const {
  crypto::SecretBytes msg(key_.size() + 8 + label.size() + 16);
  std::uint8_t* at = msg.data();
  const auto put_be64 = [&](std::uint64_t v) {
    for (int b = 7; b >= 0; --b) *at++ = static_cast<std::uint8_t>(v >> (8 * b));
  };
  std::copy(key_.data(), key_.data() + key_.size(), at);
  at += key_.size();
  put_be64(label.size());
  std::copy(label.begin(), label.end(), at);
  at += label.size();
  put_be64(i);
  put_be64(k);
  const std::size_t length = short_mask ? detail::kShortMaskBits / 8 : field_.byte_length() + 16;
  crypto::Bytes wide = crypto::xof(kPrfTag, msg.view(), length);
  crypto::Scalar value = detail::scalar_from_be(field_, wide);
  sodium_memzero(wide.data(), wide.size());
  return value;
}

}  // namespace evote::mix::io
