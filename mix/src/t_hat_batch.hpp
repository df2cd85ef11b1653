// The N checks t̂_i · ĉ_i^c = g^{ŝ_i} · ĉ_{i-1}^{s'_i} (ĉ_0 = h) of a shuffle
// proof as one randomised batch: each check raised to a random weight δ_i and
// all multiplied together, so that N pairs of exponentiations become
// multi-exponentiations. If any row fails, the batch fails except with
// probability 2^-128 over the weights.
#pragma once

#include <vector>

#include "evote/mix/shuffle.hpp"

namespace evote::mix::detail {

bool check_t_hat_batch(const crypto::Group& group, const crypto::FixedBase& g,
                       const crypto::Element& h, const ShuffleProof& proof, const crypto::Scalar& c,
                       const std::vector<crypto::Scalar>& delta);

}  // namespace evote::mix::detail
