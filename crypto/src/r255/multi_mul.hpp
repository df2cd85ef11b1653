// Multi-scalar multiplication sum k_i * P_i on edwards25519, variable time
// (public scalars only). Private to the ristretto255 implementation.
//
//  - Straus: a table of odd multiples per point, then one pass of 253
//    doublings shared by all terms, adding wNAF digits: ~43 additions per
//    term plus the table; best for small n.
//  - Pippenger: per c-bit signed digit position, each point joins the bucket
//    of its digit (one mixed addition with the point in affine form), then
//    sum_d d * bucket_d costs 2 * 2^(c-1) additions; c grows with log n, so
//    the cost per term falls to ~22 additions at n = 100,000.
#pragma once

#include <cstddef>
#include <span>

#include "edwards.hpp"
#include "scalar25519.hpp"

namespace evote::crypto::r255 {

// points.size() must equal scalars.size() (the caller checks).
Point straus(std::span<const Point> points, std::span<const ScalarWords> scalars);

// Uses up to `threads` threads (1: the calling thread only).
Point pippenger(std::span<const Point> points, std::span<const ScalarWords> scalars,
                unsigned threads);

// The bucket window Pippenger uses for n terms.
unsigned pippenger_window(std::size_t n);

// Straus or Pippenger, whichever takes fewer field multiplications for n
// terms; Pippenger runs on up to `threads` threads (Straus on one).
Point multi_mul(std::span<const Point> points, std::span<const ScalarWords> scalars,
                unsigned threads);

}  // namespace evote::crypto::r255
