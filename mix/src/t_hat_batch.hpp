// The N checks t̂_i · ĉ_i^c = g^{ŝ_i} · ĉ_{i-1}^{s'_i} (ĉ_0 = h) of a shuffle
// proof as one randomised batch: each check raised to a random weight δ_i and
// all multiplied together, so that N pairs of exponentiations become
// multi-exponentiations. If any row fails, the batch fails except with
// probability 2^-128 over the weights.
#pragma once

#include <vector>

#include "evote/mix/shuffle.hpp"

namespace evote::mix::detail {

// The two sides of an equation as products of powers, built term by term.
struct Side {
  std::vector<crypto::Element> bases;
  std::vector<crypto::Scalar> exps;
  void add(const crypto::Element& base, crypto::Scalar exp) {
    bases.push_back(base);
    exps.push_back(std::move(exp));
  }
};

// Puts base^e on the left, or base^{-e} on the right, whichever exponent is
// the shorter: e is an integer of either sign reduced mod q, and where q is
// long (modp3072) the honest values are short integers (see the .cpp).
void add_signed(Side& left, Side& right, const crypto::Element& base, const crypto::Scalar& e);

// n random 128-bit weights δ_i (libsodium), the verifier's private choice.
std::vector<crypto::Scalar> batch_weights(const crypto::ScalarField& field, std::size_t n);

bool check_t_hat_batch(const crypto::Group& group, const crypto::FixedBase& g,
                       const crypto::Element& h, const ShuffleProof& proof, const crypto::Scalar& c,
                       const std::vector<crypto::Scalar>& delta);

}  // namespace evote::mix::detail
