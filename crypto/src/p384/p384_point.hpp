// Points of the P-384 curve y^2 = x^3 - 3x + b over GF(p): affine points
// (never the identity) and Jacobian points (X/Z^2, Y/Z^3; Z = 0 is the
// identity). Formulas from the Explicit-Formulas Database (Jacobian
// coordinates, a = -3): dbl-2001-b for doubling, add-1998-cmo-2 with Z2 = 1
// for adding an affine point. Both handle every special case: the identity on
// either side, a point plus itself (doubles) and a point plus its negative
// (gives the identity). Variable time; private to crypto/src/p384/.
#pragma once

#include <cstddef>

#include "p384_field.hpp"

namespace evote::crypto::p384 {

struct Affine {
  Fe x, y;
};

struct Jacobian {
  Fe x, y, z;
};

// The curve's b, in Montgomery form.
inline constexpr Fe kB =
    fe_to_mont(fe_raw_from_hex("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
                               "c656398d8a2ed19d2a85c8edd3ec2aef"));

// The generator G (SEC 2 / FIPS 186-5), in Montgomery form.
inline constexpr Affine kG = {
    fe_to_mont(fe_raw_from_hex("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
                               "5502f25dbf55296c3a545e3872760ab7")),
    fe_to_mont(fe_raw_from_hex("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
                               "0a60b1ce1d7e819d7a431d7c90ea0e5f"))};

inline constexpr Jacobian kIdentity = {kOne, kOne, kZero};

inline bool is_identity(const Jacobian& p) { return fe_is_zero(p.z); }

inline Jacobian to_jacobian(const Affine& p) { return {p.x, p.y, kOne}; }

// -p (p is never the identity, so y != 0 and p - y < p).
inline Affine negate(const Affine& p) { return {p.x, fe_sub(kZero, p.y)}; }

// y^2 == x^3 - 3x + b.
inline bool on_curve(const Affine& p) {
  const Fe x3 = fe_mul(fe_sqr(p.x), p.x);
  const Fe three_x = fe_mul_small(p.x, 3);
  return fe_equal(fe_sqr(p.y), fe_add(fe_sub(x3, three_x), kB));
}

// 2p (dbl-2001-b, a = -3). The identity doubles to itself (Z3 = 2*Y*Z = 0);
// no point of odd order has Y = 0.
inline Jacobian dbl(const Jacobian& p) {
  const Fe delta = fe_sqr(p.z);
  const Fe gamma = fe_sqr(p.y);
  const Fe beta = fe_mul(p.x, gamma);
  const Fe alpha = fe_mul_small(fe_mul(fe_sub(p.x, delta), fe_add(p.x, delta)), 3);
  const Fe beta4 = fe_mul_small(beta, 4);
  Jacobian out;
  out.x = fe_sub(fe_sqr(alpha), fe_add(beta4, beta4));
  out.z = fe_sub(fe_sub(fe_sqr(fe_add(p.y, p.z)), gamma), delta);
  out.y = fe_sub(fe_mul(alpha, fe_sub(beta4, out.x)), fe_mul_small(fe_sqr(gamma), 8));
  return out;
}

// p + q (add-1998-cmo-2 with Z2 = 1), with every special case.
inline Jacobian add_affine(const Jacobian& p, const Affine& q) {
  if (is_identity(p)) return to_jacobian(q);
  const Fe z1z1 = fe_sqr(p.z);
  const Fe u2 = fe_mul(q.x, z1z1);
  const Fe s2 = fe_mul(q.y, fe_mul(p.z, z1z1));
  const Fe h = fe_sub(u2, p.x);
  const Fe r = fe_sub(s2, p.y);
  if (fe_is_zero(h)) {
    // Same x: p == q (double) or p == -q (identity).
    return fe_is_zero(r) ? dbl(p) : kIdentity;
  }
  const Fe hh = fe_sqr(h);
  const Fe hhh = fe_mul(h, hh);
  const Fe v = fe_mul(p.x, hh);
  Jacobian out;
  out.x = fe_sub(fe_sub(fe_sqr(r), hhh), fe_add(v, v));
  out.y = fe_sub(fe_mul(r, fe_sub(v, out.x)), fe_mul(p.y, hhh));
  out.z = fe_mul(p.z, h);
  return out;
}

// The affine form of Jacobian points that are not the identity (one field
// inversion for all of them, Montgomery's trick). `out` may alias nothing.
void to_affine_batch(const Jacobian* in, Affine* out, std::size_t count);

// out[i] = (2i + 1) * p for i < count (p not the identity).
void odd_multiples(const Affine& p, Affine* out, std::size_t count);

}  // namespace evote::crypto::p384
