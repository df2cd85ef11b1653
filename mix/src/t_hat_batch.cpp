#include "t_hat_batch.hpp"

#include <sodium.h>

#include "challenges.hpp"
#include "parallel_multi_exp.hpp"

namespace evote::mix::detail {

using crypto::Element;
using crypto::Scalar;

void add_signed(Side& left, Side& right, const Element& base, const Scalar& e) {
  if (2 * e.value() < e.field().order()) {
    left.add(base, e);
  } else {
    right.add(base, -e);
  }
}

// Raising row i's check to δ_i and multiplying over i gives
//   g^{Σ δ_i ŝ_i} · prod_{i=0}^{N-1} ĉ_i^{δ_{i+1} s'_{i+1}}
//     = prod_{i=1}^{N} t̂_i^{δ_i} · prod_{i=1}^{N} ĉ_i^{c δ_i},
// where each ĉ_i's two exponents merge into δ_{i+1} s'_{i+1} − c δ_i. In
// modp3072 that is a positive integer of ~768 bits (δ: 128, s': ~640, c: 256)
// rather than a 3071-bit residue, so it goes on the side where it is positive.
std::vector<Scalar> batch_weights(const crypto::ScalarField& field, std::size_t n) {
  constexpr std::size_t kBatchBytes = 16;
  crypto::Bytes random(n * kBatchBytes);
  randombytes_buf(random.data(), random.size());
  std::vector<Scalar> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(
        scalar_from_be(field, crypto::BytesView(random).subspan(i * kBatchBytes, kBatchBytes)));
  return out;
}

bool check_t_hat_batch(const crypto::Group& group, const crypto::FixedBase& g, const Element& h,
                       const ShuffleProof& p, const Scalar& c, const std::vector<Scalar>& delta) {
  const std::size_t n = delta.size();
  Side left, right;
  left.bases.reserve(n + 1);
  left.exps.reserve(n + 1);
  right.bases.reserve(2 * n);
  right.exps.reserve(2 * n);
  Scalar weighted_s_hat = group.scalars().zero();
  for (std::size_t i = 0; i < n; ++i) {
    weighted_s_hat += delta[i] * p.s_hat[i];
    right.add(p.t_hat[i], delta[i]);
  }
  add_signed(left, right, h, delta[0] * p.s_prime[0]);  // ĉ_0 = h
  for (std::size_t i = 1; i < n; ++i)
    add_signed(left, right, p.commitment_chain[i - 1], delta[i] * p.s_prime[i] - c * delta[i - 1]);
  right.add(p.commitment_chain[n - 1], c * delta[n - 1]);
  const Element lhs =
      group.mul(g.exp(weighted_s_hat), parallel_multi_exp(group, left.bases, left.exps));
  return lhs == parallel_multi_exp(group, right.bases, right.exps);
}

}  // namespace evote::mix::detail
