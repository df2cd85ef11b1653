// GF(p) for the NIST P-384 curve, p = 2^384 - 2^128 - 2^96 + 2^32 - 1, in
// Montgomery form (R = 2^384): six 64-bit limbs, little-endian. Products are
// portable C++ with unsigned __int128 (no assembly: a MULX version was about
// 20% faster, not worth code few can review). Private to the P-384 verifier
// (crypto/src/p384/).
//
// Every Fe that leaves a function here is fully reduced (< p), so equality and
// the zero test are limb comparisons. Nothing here is constant time: the
// verifier only handles public values (keys, signatures, digests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace evote::crypto::p384 {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

// An element of GF(p), in Montgomery form unless a name says "raw".
struct Fe {
  u64 v[6];
};

// 96 hexadecimal digits (big-endian) as raw limbs; for the constants below.
constexpr Fe fe_raw_from_hex(const char* hex) {
  Fe out{};
  for (int i = 0; i < 96; ++i) {
    const char c = hex[i];
    const u64 digit = c <= '9' ? u64(c - '0') : c <= 'F' ? u64(c - 'A' + 10) : u64(c - 'a' + 10);
    const int nibble = 95 - i;  // nibble index from the least significant end
    out.v[nibble / 16] |= digit << (4 * (nibble % 16));
  }
  return out;
}

inline constexpr Fe kP = fe_raw_from_hex(
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
    "ffffffff0000000000000000ffffffff");

namespace detail {

// out = a + b + carry_in over six limbs; returns the carry out. The x86-64
// carry intrinsics give one ADC chain, which the u128 form does not.
constexpr u64 add6(const u64* a, const u64* b, u64* out) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) {
    unsigned char c = 0;
    unsigned long long r;
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) {
      c = _addcarry_u64(c, a[i], b[i], &r);
      out[i] = r;
    }
    return c;
  }
#endif
  u64 carry = 0;
  for (int i = 0; i < 6; ++i) {
    const u128 t = u128(a[i]) + b[i] + carry;
    out[i] = u64(t);
    carry = u64(t >> 64);
  }
  return carry;
}

// out = a - b over six limbs; returns the borrow out (0 or 1).
constexpr u64 sub6(const u64* a, const u64* b, u64* out) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) {
    unsigned char c = 0;
    unsigned long long r;
#pragma GCC unroll 6
    for (int i = 0; i < 6; ++i) {
      c = _subborrow_u64(c, a[i], b[i], &r);
      out[i] = r;
    }
    return c;
  }
#endif
  u64 borrow = 0;
  for (int i = 0; i < 6; ++i) {
    const u128 t = u128(a[i]) - b[i] - borrow;
    out[i] = u64(t);
    borrow = u64(t >> 64) & 1;
  }
  return borrow;
}

// -p^-1 mod 2^64, by Newton's iteration (each step doubles the correct bits).
constexpr u64 minus_p_inverse() {
  u64 inv = 1;
  for (int i = 0; i < 7; ++i) inv *= 2 - kP.v[0] * inv;
  return ~inv + 1;
}

// a - p if a (with a carry-in bit `top` above limb 5) is >= p, else a.
constexpr Fe reduce_once(const Fe& a, u64 top) {
  Fe d{};
  const u64 borrow = sub6(a.v, kP.v, d.v);
  // Keep a - p unless it borrowed past the carry-in.
  const u64 keep_a = u64(0) - (borrow & ~top & 1);
  Fe out{};
  for (int i = 0; i < 6; ++i) out.v[i] = (a.v[i] & keep_a) | (d.v[i] & ~keep_a);
  return out;
}

}  // namespace detail

inline constexpr u64 kMinusPInv = detail::minus_p_inverse();

// a + b mod p, for a, b < p.
constexpr Fe fe_add(const Fe& a, const Fe& b) {
  Fe sum{};
  const u64 carry = detail::add6(a.v, b.v, sum.v);
  return detail::reduce_once(sum, carry);
}

// a - b mod p, for a, b < p.
constexpr Fe fe_sub(const Fe& a, const Fe& b) {
  Fe d{};
  const u64 mask = u64(0) - detail::sub6(a.v, b.v, d.v);  // add p back if it went negative
  Fe p_or_zero{};
  for (int i = 0; i < 6; ++i) p_or_zero.v[i] = kP.v[i] & mask;
  Fe out{};
  detail::add6(d.v, p_or_zero.v, out.v);
  return out;
}

// a * b / R mod p (Montgomery product, CIOS), for a, b < p; portable C++.
constexpr Fe fe_mul_portable(const Fe& a, const Fe& b) {
  u64 t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
#pragma GCC unroll 6
  for (int i = 0; i < 6; ++i) {
    u64 carry = 0;
#pragma GCC unroll 6
    for (int j = 0; j < 6; ++j) {
      const u128 x = u128(a.v[j]) * b.v[i] + t[j] + carry;
      t[j] = u64(x);
      carry = u64(x >> 64);
    }
    u128 x = u128(t[6]) + carry;
    t[6] = u64(x);
    t[7] = u64(x >> 64);
    const u64 m = t[0] * kMinusPInv;
    x = u128(m) * kP.v[0] + t[0];  // low word is zero by the choice of m
    carry = u64(x >> 64);
#pragma GCC unroll 6
    for (int j = 1; j < 6; ++j) {
      x = u128(m) * kP.v[j] + t[j] + carry;
      t[j - 1] = u64(x);
      carry = u64(x >> 64);
    }
    x = u128(t[6]) + carry;
    t[5] = u64(x);
    t[6] = t[7] + u64(x >> 64);
  }
  return detail::reduce_once(Fe{{t[0], t[1], t[2], t[3], t[4], t[5]}}, t[6]);
}

namespace detail {

// t * 2^-384 mod p for a 12-limb t < p * 2^384 (Montgomery reduction, one
// limb per round); t is used as scratch.
constexpr Fe mont_reduce(u64* t) {
  u64 top = 0;  // the carry out of t[i + 6], which belongs to t[i + 7]
#pragma GCC unroll 6
  for (int i = 0; i < 6; ++i) {
    const u64 m = t[i] * kMinusPInv;
    u64 carry = 0;
#pragma GCC unroll 6
    for (int j = 0; j < 6; ++j) {
      const u128 x = u128(m) * kP.v[j] + t[i + j] + carry;
      t[i + j] = u64(x);
      carry = u64(x >> 64);
    }
    const u128 x = u128(t[i + 6]) + carry + top;
    t[i + 6] = u64(x);
    top = u64(x >> 64);
  }
  return reduce_once(Fe{{t[6], t[7], t[8], t[9], t[10], t[11]}}, top);
}

}  // namespace detail

// a^2 / R mod p: the cross products once, doubled, plus the squares;
// portable C++.
constexpr Fe fe_sqr_portable(const Fe& a) {
  u64 t[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
#pragma GCC unroll 5
  for (int i = 0; i < 5; ++i) {
    u64 carry = 0;
#pragma GCC unroll 5
    for (int j = i + 1; j < 6; ++j) {
      const u128 x = u128(a.v[i]) * a.v[j] + t[i + j] + carry;
      t[i + j] = u64(x);
      carry = u64(x >> 64);
    }
    t[i + 6] = carry;
  }
  // The cross products sum to less than 2^767: doubling loses no bit.
#pragma GCC unroll 11
  for (int i = 11; i > 0; --i) t[i] = (t[i] << 1) | (t[i - 1] >> 63);
  t[0] <<= 1;
  u64 carry = 0;
#pragma GCC unroll 6
  for (int i = 0; i < 6; ++i) {
    const u128 square = u128(a.v[i]) * a.v[i];
    u128 x = u128(t[2 * i]) + u64(square) + carry;
    t[2 * i] = u64(x);
    x = u128(t[2 * i + 1]) + u64(square >> 64) + u64(x >> 64);
    t[2 * i + 1] = u64(x);
    carry = u64(x >> 64);
  }
  return detail::mont_reduce(t);
}

// a * b / R mod p, for a, b < p.
constexpr Fe fe_mul(const Fe& a, const Fe& b) { return fe_mul_portable(a, b); }

// a^2 / R mod p, for a < p.
constexpr Fe fe_sqr(const Fe& a) { return fe_sqr_portable(a); }

// a * k mod p, for a < p and 1 <= k <= 8 (the small multiples of the
// doubling formula). The overflow h < 8 above 2^384 is folded back as
// h * 2^384 = h * (2^128 + 2^96 - 2^32 + 1) (mod p).
constexpr Fe fe_mul_small(const Fe& a, u64 k) {
  Fe t{};
  u64 h = 0;
#pragma GCC unroll 6
  for (int i = 0; i < 6; ++i) {
    const u128 x = u128(a.v[i]) * k + h;
    t.v[i] = u64(x);
    h = u64(x >> 64);
  }
  // h * (2^128 + 2^96 - 2^32 + 1) as limbs (for h > 0; all zero for h = 0):
  // [2^64 - h * 2^32 + h, h * 2^32 - 1, h, 0, 0, 0].
  const u64 nonzero = u64(0) - u64(h != 0);
  const Fe fold = {{(h - (h << 32)) & nonzero, ((h << 32) - 1) & nonzero, h, 0, 0, 0}};
  Fe sum{};
  const u64 carry = detail::add6(t.v, fold.v, sum.v);
  // sum + carry * 2^384 < 2^384 + 2^131 < 2p: one subtraction of p reduces it.
  return detail::reduce_once(sum, carry);
}

constexpr bool fe_equal(const Fe& a, const Fe& b) {
  u64 diff = 0;
  for (int i = 0; i < 6; ++i) diff |= a.v[i] ^ b.v[i];
  return diff == 0;
}

constexpr bool fe_is_zero(const Fe& a) {
  return (a.v[0] | a.v[1] | a.v[2] | a.v[3] | a.v[4] | a.v[5]) == 0;
}

namespace detail {

// R^2 mod p (raw): R mod p doubled 384 times.
constexpr Fe r_squared() {
  Fe x{};
  // R mod p = 2^384 - p = 2^128 + 2^96 - 2^32 + 1.
  x.v[0] = 0xffffffff00000001;
  x.v[1] = 0x00000000ffffffff;
  x.v[2] = 1;
  for (int i = 0; i < 384; ++i) x = fe_add(x, x);
  return x;
}

}  // namespace detail

inline constexpr Fe kRSquared = detail::r_squared();
// R^3 mod p (raw): turns an inverse of a Montgomery form back into one.
inline constexpr Fe kRCubed = fe_mul(kRSquared, kRSquared);

// The Montgomery form of a raw value < p.
constexpr Fe fe_to_mont(const Fe& raw) { return fe_mul(raw, kRSquared); }
// The raw value of a Montgomery form.
constexpr Fe fe_from_mont(const Fe& a) { return fe_mul(a, Fe{{1, 0, 0, 0, 0, 0}}); }

inline constexpr Fe kOne = fe_to_mont(Fe{{1, 0, 0, 0, 0, 0}});
inline constexpr Fe kZero = Fe{};

// The raw value of 48 big-endian bytes; false (out untouched) if it is >= p.
bool fe_raw_from_bytes(const std::uint8_t* bytes48, Fe& out);
// 1/a mod p for a != 0 (variable time); 0 for a == 0.
Fe fe_invert(const Fe& a);

}  // namespace evote::crypto::p384
