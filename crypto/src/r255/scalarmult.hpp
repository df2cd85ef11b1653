// Single scalar multiplication k*P on edwards25519. Private to the
// ristretto255 implementation.
#pragma once

#include <array>

#include "edwards.hpp"
#include "scalar25519.hpp"

namespace evote::crypto::r255 {

// Constant time in k (signed 4-bit windows, every table entry read for
// every window, no branch on k). For secret scalars.
Point mul_ct(const Point& p, const ScalarWords& k);

// Variable time (width-5 NAF); public scalars only.
Point mul_vartime(const Point& p, const ScalarWords& k);

// The width of the NAF that mul_vartime() and Straus multi-multiplication
// use, and the table they need: out[i] = (2i + 1) * p.
inline constexpr unsigned kNafWidth = 5;
using OddMultiples = std::array<Cached, 8>;
void odd_multiples(const Point& p, OddMultiples& out);

}  // namespace evote::crypto::r255
