// GF(p), p = 2^255 - 19, in radix 2^51: five 64-bit limbs, products in
// unsigned __int128. Private to the ristretto255 implementation.
//
// Limb bounds, which let most steps skip a full reduction:
//  - "reduced" outputs (mul, sq, sub, carry, from_bytes, constants) have
//    limbs < 2^52;
//  - add() does not carry: two reduced inputs give limbs < 2^53;
//  - mul() and sq() accept limbs < 2^54 (five products of 2^54 * 19 * 2^54
//    stay below 2^128, and the top carry times 19 still fits a limb);
//  - sub() accepts a subtrahend with limbs < 2^54 (it adds 16p, whose limbs
//    exceed that, so nothing goes negative).
// Everything here is constant time: no branch or index depends on a value.
#pragma once

#include <cstdint>

namespace evote::crypto::r255 {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

struct Fe {
  u64 v[5];
};

inline constexpr u64 kMask51 = (u64{1} << 51) - 1;

inline constexpr Fe kZero = {{0, 0, 0, 0, 0}};
inline constexpr Fe kOne = {{1, 0, 0, 0, 0}};
// RFC 9496 section 4.1 SQRT_M1, a square root of -1.
inline constexpr Fe kSqrtM1 = {
    {1718705420411056, 234908883556509, 2233514472574048, 2117202627021982, 765476049583133}};

inline Fe fe_add(const Fe& a, const Fe& b) {
  return {{a.v[0] + b.v[0], a.v[1] + b.v[1], a.v[2] + b.v[2], a.v[3] + b.v[3], a.v[4] + b.v[4]}};
}

// Weak reduction: any limbs < 2^64 in, limbs < 2^51 out except limb 0,
// which may exceed 2^51 by at most 19 * 2^13.
inline Fe fe_carry(Fe a) {
  u64 c = a.v[0] >> 51;
  a.v[0] &= kMask51;
  a.v[1] += c;
  c = a.v[1] >> 51;
  a.v[1] &= kMask51;
  a.v[2] += c;
  c = a.v[2] >> 51;
  a.v[2] &= kMask51;
  a.v[3] += c;
  c = a.v[3] >> 51;
  a.v[3] &= kMask51;
  a.v[4] += c;
  c = a.v[4] >> 51;
  a.v[4] &= kMask51;
  a.v[0] += c * 19;  // 2^255 = 19 (mod p)
  return a;
}

// a - b computed as a + 16p - b, so no limb goes negative.
inline Fe fe_sub(const Fe& a, const Fe& b) {
  constexpr u64 p0x16 = 16 * (kMask51 - 18);  // 16 * (2^51 - 19)
  constexpr u64 pix16 = 16 * kMask51;         // 16 * (2^51 - 1)
  return fe_carry({{a.v[0] + p0x16 - b.v[0], a.v[1] + pix16 - b.v[1], a.v[2] + pix16 - b.v[2],
                    a.v[3] + pix16 - b.v[3], a.v[4] + pix16 - b.v[4]}});
}

inline Fe fe_neg(const Fe& a) { return fe_sub(kZero, a); }

// Carries five 128-bit column sums into a reduced element.
inline Fe fe_reduce_wide(u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
  Fe out;
  r1 += static_cast<u64>(r0 >> 51);
  out.v[0] = static_cast<u64>(r0) & kMask51;
  r2 += static_cast<u64>(r1 >> 51);
  out.v[1] = static_cast<u64>(r1) & kMask51;
  r3 += static_cast<u64>(r2 >> 51);
  out.v[2] = static_cast<u64>(r2) & kMask51;
  r4 += static_cast<u64>(r3 >> 51);
  out.v[3] = static_cast<u64>(r3) & kMask51;
  const u64 top = static_cast<u64>(r4 >> 51);  // < 2^60 for inputs < 2^54
  out.v[4] = static_cast<u64>(r4) & kMask51;
  out.v[0] += top * 19;
  out.v[1] += out.v[0] >> 51;
  out.v[0] &= kMask51;
  return out;
}

inline Fe fe_mul(const Fe& a, const Fe& b) {
  const u64 *x = a.v, *y = b.v;
  const u64 y1 = y[1] * 19, y2 = y[2] * 19, y3 = y[3] * 19, y4 = y[4] * 19;
  auto m = [](u64 s, u64 t) { return static_cast<u128>(s) * t; };
  return fe_reduce_wide(
      m(x[0], y[0]) + m(x[1], y4) + m(x[2], y3) + m(x[3], y2) + m(x[4], y1),
      m(x[0], y[1]) + m(x[1], y[0]) + m(x[2], y4) + m(x[3], y3) + m(x[4], y2),
      m(x[0], y[2]) + m(x[1], y[1]) + m(x[2], y[0]) + m(x[3], y4) + m(x[4], y3),
      m(x[0], y[3]) + m(x[1], y[2]) + m(x[2], y[1]) + m(x[3], y[0]) + m(x[4], y4),
      m(x[0], y[4]) + m(x[1], y[3]) + m(x[2], y[2]) + m(x[3], y[1]) + m(x[4], y[0]));
}

inline Fe fe_sq(const Fe& a) {
  const u64* x = a.v;
  const u64 d0 = 2 * x[0], d1 = 2 * x[1], d2 = 2 * x[2], d3 = 2 * x[3];
  const u64 x3_19 = 19 * x[3], x4_19 = 19 * x[4];
  auto m = [](u64 s, u64 t) { return static_cast<u128>(s) * t; };
  return fe_reduce_wide(
      m(x[0], x[0]) + m(d1, x4_19) + m(d2, x3_19), m(d0, x[1]) + m(d2, x4_19) + m(x[3], x3_19),
      m(d0, x[2]) + m(x[1], x[1]) + m(d3, x4_19), m(d0, x[3]) + m(d1, x[2]) + m(x[4], x4_19),
      m(d0, x[4]) + m(d1, x[3]) + m(x[2], x[2]));
}

// a^(2^n), n >= 1.
inline Fe fe_sq_n(Fe a, int n) {
  for (int i = 0; i < n; ++i) a = fe_sq(a);
  return a;
}

// All-ones mask if flag is 1, zero if 0.
inline u64 mask_of(u64 flag) { return u64{0} - flag; }

// a = b if flag (0 or 1) is set.
inline void fe_cmov(Fe& a, const Fe& b, u64 flag) {
  const u64 mask = mask_of(flag);
  for (int i = 0; i < 5; ++i) a.v[i] ^= mask & (a.v[i] ^ b.v[i]);
}

// 1 if a == b for small unsigned values (< 2^63), else 0.
inline u64 ct_eq_u64(u64 a, u64 b) { return ((a ^ b) - 1) >> 63; }

// --- field25519.cpp -------------------------------------------------------

// Canonical 32-byte little-endian encoding (value reduced below p).
void fe_to_bytes(const Fe& a, unsigned char out[32]);
// Reads 32 little-endian bytes, ignoring bit 255 (no canonicity check).
Fe fe_from_bytes(const unsigned char in[32]);
// 1 if a = 0 (mod p), else 0.
u64 fe_is_zero(const Fe& a);
// 1 if a = b (mod p), else 0.
u64 fe_eq(const Fe& a, const Fe& b);
// RFC 9496 IS_NEGATIVE: 1 if the canonical value is odd.
u64 fe_is_negative(const Fe& a);
// a = -a if flag (0 or 1) is set.
void fe_cneg(Fe& a, u64 flag);
// RFC 9496 CT_ABS.
Fe fe_abs(const Fe& a);
// 1/a (0 for a = 0), by Fermat: a^(p-2).
Fe fe_invert(const Fe& a);
// a^((p-5)/8), for square roots.
Fe fe_pow_p58(const Fe& a);

struct SqrtRatio {
  u64 was_square;  // 1 or 0
  Fe root;
};
// RFC 9496 section 4.2 SQRT_RATIO_M1(u, v).
SqrtRatio sqrt_ratio_m1(const Fe& u, const Fe& v);

}  // namespace evote::crypto::r255
