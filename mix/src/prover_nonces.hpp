// The prover's random choices (ProverNonces): drawn fresh for every proof.
#pragma once

#include <string>

#include "evote/mix/shuffle.hpp"

namespace evote::mix::detail {

// The masks ω'_i hide c·u'_i < 2^512. Where q is much longer than that
// (modp3072: 3071 bits) they are drawn from [0, 2^640) instead of Z_q: the
// responses s'_i then stay statistically hiding (distance 2^-128 each) and
// are 640-bit exponents for the verifier rather than 3071-bit ones.
inline constexpr std::size_t kShortMaskBits = 640;
bool uses_short_masks(const crypto::ScalarField& field);

ProverNonces random_nonces(const crypto::Group& group, std::size_t rows, std::size_t width);

// Empty when the nonces fit N rows of width w in `group`; else what is wrong.
std::string nonces_problem(const crypto::Group& group, const ProverNonces& nonces, std::size_t rows,
                           std::size_t width);

}  // namespace evote::mix::detail
