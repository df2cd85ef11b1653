// The streaming prover's secret scalars by index (internal): every one is
// int(xof("evote/shuffle/prover-prf/v1", key || be64(len(label)) || label
// || be64(i) || be64(k), L + 16)) mod q, or for the short masks ω'_i of
// long groups the first 640 bits of that xof. Deterministic in the key, so
// the prover recomputes them chunk by chunk instead of storing them.
#pragma once

#include <cstdint>
#include <string_view>

#include "evote/crypto/scalar.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::mix::io {

class NonceSource {
 public:
  NonceSource(const crypto::ScalarField& field, const crypto::SecretBytes& key)
      : field_(field), key_(key) {}

  crypto::Scalar rho(std::uint64_t row, std::uint64_t column) const { return draw("rho", row, column, false); }
  crypto::Scalar r(std::uint64_t j) const { return draw("r", j, 0, false); }
  crypto::Scalar r_hat(std::uint64_t i) const { return draw("r_hat", i, 0, false); }
  crypto::Scalar omega(std::uint64_t which) const { return draw("omega", which, 0, false); }
  crypto::Scalar omega4(std::uint64_t column) const { return draw("omega4", column, 0, false); }
  crypto::Scalar omega_hat(std::uint64_t i) const { return draw("omega_hat", i, 0, false); }
  crypto::Scalar omega_prime(std::uint64_t i) const;

 private:
  crypto::Scalar draw(std::string_view label, std::uint64_t i, std::uint64_t k,
                      bool short_mask) const;
  const crypto::ScalarField& field_;
  const crypto::SecretBytes& key_;
};

}  // namespace evote::mix::io
