// Points of edwards25519, -x^2 + y^2 = 1 + d x^2 y^2, the curve under
// ristretto255. Private to the ristretto255 implementation.
//
// Forms (Hisil-Wong-Carter-Dawson, "Twisted Edwards Curves Revisited"):
//  - Point: extended (X:Y:Z:T), x = X/Z, y = Y/Z, T = XY/Z. The general form.
//  - Projective: (X:Y:Z) only; enough as the input of a doubling.
//  - Completed: ((X:Z), (Y:T)), the raw output of an addition or doubling;
//    turning it into a Point costs 4 multiplications, into Projective 3.
//  - Cached: (Y+X, Y-X, Z, 2dT) of an addend, so additions skip that work.
//  - Niels: the affine (y+x, y-x, 2dxy) of an addend (Z = 1): "mixed"
//    additions save one more multiplication.
// The formulas are unified and complete on the prime-order subgroup and its
// cosets that ristretto255 uses, so there are no special cases (no branches).
#pragma once

#include <span>

#include "field25519.hpp"

namespace evote::crypto::r255 {

struct Point {
  Fe x, y, z, t;
};
struct Projective {
  Fe x, y, z;
};
struct Completed {
  Fe x, y, z, t;
};
struct Cached {
  Fe y_plus_x, y_minus_x, z, t2d;
};
struct Niels {
  Fe y_plus_x, y_minus_x, xy2d;
};

// d = -121665/121666, the curve constant (RFC 9496 section 4.1 D), and 2d.
inline constexpr Fe kD = {
    {929955233495203, 466365720129213, 1662059464998953, 2033849074728123, 1442794654840575}};
inline constexpr Fe kD2 = {
    {1859910466990425, 932731440258426, 1072319116312658, 1815898335770999, 633789495995903}};

inline constexpr Point kIdentity = {kZero, kOne, kOne, kZero};
inline constexpr Cached kCachedIdentity = {kOne, kOne, kOne, kZero};
inline constexpr Niels kNielsIdentity = {kOne, kOne, kZero};
inline constexpr Completed kCompletedIdentity = {kZero, kOne, kOne, kOne};

inline Point to_point(const Completed& c) {
  return {fe_mul(c.x, c.t), fe_mul(c.y, c.z), fe_mul(c.z, c.t), fe_mul(c.x, c.y)};
}

inline Projective to_projective(const Completed& c) {
  return {fe_mul(c.x, c.t), fe_mul(c.y, c.z), fe_mul(c.z, c.t)};
}

inline Projective to_projective(const Point& p) { return {p.x, p.y, p.z}; }

inline Cached to_cached(const Point& p) {
  return {fe_add(p.y, p.x), fe_sub(p.y, p.x), p.z, fe_mul(p.t, kD2)};
}

// 2p (dbl-2008-hwcd with a = -1; every output coordinate negated, which
// leaves the completed point unchanged and saves a negation).
inline Completed dbl(const Projective& p) {
  const Fe a = fe_sq(p.x);
  const Fe b = fe_sq(p.y);
  const Fe z2 = fe_sq(p.z);
  const Fe h = fe_add(a, b);
  const Fe g = fe_sub(a, b);
  return {fe_sub(h, fe_sq(fe_add(p.x, p.y))), h, g, fe_add(fe_add(z2, z2), g)};
}

// p + q (add-2008-hwcd-3 with a = -1).
inline Completed add(const Point& p, const Cached& q) {
  const Fe a = fe_mul(fe_sub(p.y, p.x), q.y_minus_x);
  const Fe b = fe_mul(fe_add(p.y, p.x), q.y_plus_x);
  const Fe c = fe_mul(p.t, q.t2d);
  const Fe zz = fe_mul(p.z, q.z);
  const Fe d = fe_add(zz, zz);
  return {fe_sub(b, a), fe_add(b, a), fe_add(d, c), fe_sub(d, c)};
}

// p - q: the same with -q = (Y-X, Y+X, Z, -2dT).
inline Completed sub(const Point& p, const Cached& q) {
  const Fe a = fe_mul(fe_sub(p.y, p.x), q.y_plus_x);
  const Fe b = fe_mul(fe_add(p.y, p.x), q.y_minus_x);
  const Fe c = fe_mul(p.t, q.t2d);
  const Fe zz = fe_mul(p.z, q.z);
  const Fe d = fe_add(zz, zz);
  return {fe_sub(b, a), fe_add(b, a), fe_sub(d, c), fe_add(d, c)};
}

// p + q for an affine q (madd-2008-hwcd-3).
inline Completed add(const Point& p, const Niels& q) {
  const Fe a = fe_mul(fe_sub(p.y, p.x), q.y_minus_x);
  const Fe b = fe_mul(fe_add(p.y, p.x), q.y_plus_x);
  const Fe c = fe_mul(p.t, q.xy2d);
  const Fe d = fe_add(p.z, p.z);
  return {fe_sub(b, a), fe_add(b, a), fe_add(d, c), fe_sub(d, c)};
}

inline Completed sub(const Point& p, const Niels& q) {
  const Fe a = fe_mul(fe_sub(p.y, p.x), q.y_plus_x);
  const Fe b = fe_mul(fe_add(p.y, p.x), q.y_minus_x);
  const Fe c = fe_mul(p.t, q.xy2d);
  const Fe d = fe_add(p.z, p.z);
  return {fe_sub(b, a), fe_add(b, a), fe_sub(d, c), fe_add(d, c)};
}

inline Point add(const Point& p, const Point& q) { return to_point(add(p, to_cached(q))); }

inline Point dbl(const Point& p) { return to_point(dbl(to_projective(p))); }

inline Point neg(const Point& p) { return {fe_neg(p.x), p.y, p.z, fe_neg(p.t)}; }

// Constant-time conditional copy and negation (flag is 0 or 1).
inline void cmov(Cached& a, const Cached& b, u64 flag) {
  fe_cmov(a.y_plus_x, b.y_plus_x, flag);
  fe_cmov(a.y_minus_x, b.y_minus_x, flag);
  fe_cmov(a.z, b.z, flag);
  fe_cmov(a.t2d, b.t2d, flag);
}

inline void cmov(Niels& a, const Niels& b, u64 flag) {
  fe_cmov(a.y_plus_x, b.y_plus_x, flag);
  fe_cmov(a.y_minus_x, b.y_minus_x, flag);
  fe_cmov(a.xy2d, b.xy2d, flag);
}

inline void cneg(Cached& a, u64 flag) {
  const Cached swapped = {a.y_minus_x, a.y_plus_x, a.z, fe_neg(a.t2d)};
  cmov(a, swapped, flag);
}

inline void cneg(Niels& a, u64 flag) {
  const Niels swapped = {a.y_minus_x, a.y_plus_x, fe_neg(a.xy2d)};
  cmov(a, swapped, flag);
}

// --- edwards.cpp ----------------------------------------------------------

// out[i] = the affine Niels form of points[i], with one field inversion for
// the whole batch (Montgomery's trick). Variable time; public points only.
void to_niels_batch(std::span<const Point> points, std::span<Niels> out);

// 2^k p, k >= 1.
Point dbl_n(const Point& p, int k);

}  // namespace evote::crypto::r255
