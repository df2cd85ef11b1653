// u1*G + u2*Q on P-384 by interleaved wNAF with shared doublings. Each
// scalar is split at 2^192 where a table of odd multiples of 2^192 times the
// point exists: always for G (tables built once, thread-safely), and for Q
// when the key was decoded for many uses; a split scalar needs half the
// doublings. Variable time; private to crypto/src/p384/.
#pragma once

#include <cstddef>

#include "p384_point.hpp"

namespace evote::crypto::p384 {

// A scalar below 2^384: six 64-bit limbs, little-endian.
struct Scalar {
  u64 v[6];
};

// The key's tables: low[i] = (2i + 1) * Q and, unless null,
// high[i] = (2i + 1) * 2^192 * Q, for i < 2^(window - 2).
struct KeyTables {
  const Affine* low;
  const Affine* high;
  int window;  // 3 to 9
};

// u1*G + u2*Q (any u1, u2 < 2^384; the identity is Z = 0). Thread-safe.
Jacobian double_mul(const Scalar& u1, const Scalar& u2, const KeyTables& q);

// 2^192 * p.
Affine times_2_192(const Affine& p);

}  // namespace evote::crypto::p384
