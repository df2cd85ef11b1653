// ristretto255 encoding, decoding, equality and element derivation, written
// from the formulas of RFC 9496 section 4.3 (variable names follow the RFC).
#include "ristretto.hpp"

#include <cstdlib>
#include <cstring>

namespace evote::crypto::r255 {
namespace {

// RFC 9496 section 4.1 constants, in radix 2^51.
constexpr Fe kSqrtAdMinusOne = {
    {2241493124984347, 425987919032274, 2207028919301688, 1220490630685848, 974799131293748}};
constexpr Fe kInvSqrtAMinusD = {
    {278908739862762, 821645201101625, 8113234426968, 1777959178193151, 2118520810568447}};
constexpr Fe kOneMinusDSq = {
    {1136626929484150, 1998550399581263, 496427632559748, 118527312129759, 45110755273534}};
constexpr Fe kDMinusOneSq = {
    {1507062230895904, 1572317787530805, 683053064812840, 317374165784489, 1572899562415810}};

constexpr unsigned char kGeneratorEncoding[kEncodingBytes] = {
    0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
    0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76};

// Fe for the field element s of `in`, or false if s >= p or bit 255 is set:
// exactly the inputs whose canonical re-encoding differs.
bool canonical_field_element(const unsigned char in[kEncodingBytes], Fe& s) {
  s = fe_from_bytes(in);
  unsigned char again[kEncodingBytes];
  fe_to_bytes(s, again);
  return std::memcmp(again, in, kEncodingBytes) == 0;
}

// RFC 9496 section 4.3.4 MAP on 32 bytes.
Point map(const unsigned char in[32]) {
  const Fe t = fe_from_bytes(in);  // bit 255 masked; values >= p are fine
  const Fe r = fe_mul(kSqrtM1, fe_sq(t));
  const Fe u = fe_mul(fe_add(r, kOne), kOneMinusDSq);
  const Fe v = fe_mul(fe_sub(fe_neg(kOne), fe_mul(r, kD)), fe_add(r, kD));

  const SqrtRatio sr = sqrt_ratio_m1(u, v);
  Fe s = fe_neg(fe_abs(fe_mul(sr.root, t)));  // s_prime
  fe_cmov(s, sr.root, sr.was_square);
  Fe c = r;
  fe_cmov(c, fe_neg(kOne), sr.was_square);

  const Fe n = fe_sub(fe_mul(fe_mul(c, fe_sub(r, kOne)), kDMinusOneSq), v);
  const Fe s2 = fe_sq(s);
  const Fe w0 = fe_mul(fe_add(s, s), v);
  const Fe w1 = fe_mul(n, kSqrtAdMinusOne);
  const Fe w2 = fe_sub(kOne, s2);
  const Fe w3 = fe_add(kOne, s2);
  return {fe_mul(w0, w3), fe_mul(w2, w1), fe_mul(w1, w3), fe_mul(w0, w2)};
}

}  // namespace

bool decode(const unsigned char in[kEncodingBytes], Point& out) {
  Fe s;
  if (!canonical_field_element(in, s) || fe_is_negative(s)) return false;
  const Fe ss = fe_sq(s);
  const Fe u1 = fe_sub(kOne, ss);
  const Fe u2 = fe_add(kOne, ss);
  const Fe u2_sqr = fe_sq(u2);
  const Fe v = fe_sub(fe_neg(fe_mul(kD, fe_sq(u1))), u2_sqr);

  const SqrtRatio inv = sqrt_ratio_m1(kOne, fe_mul(v, u2_sqr));
  const Fe den_x = fe_mul(inv.root, u2);
  const Fe den_y = fe_mul(fe_mul(inv.root, den_x), v);
  const Fe x = fe_abs(fe_mul(fe_add(s, s), den_x));
  const Fe y = fe_mul(u1, den_y);
  const Fe t = fe_mul(x, y);
  if (!inv.was_square || fe_is_negative(t) || fe_is_zero(y)) return false;
  out = {x, y, kOne, t};
  return true;
}

void encode(const Point& p, unsigned char out[kEncodingBytes]) {
  const Fe u1 = fe_mul(fe_add(p.z, p.y), fe_sub(p.z, p.y));
  const Fe u2 = fe_mul(p.x, p.y);
  // Always square for a valid point, so was_square is ignored (as the RFC says).
  const Fe inv = sqrt_ratio_m1(kOne, fe_mul(u1, fe_sq(u2))).root;
  const Fe den1 = fe_mul(inv, u1);
  const Fe den2 = fe_mul(inv, u2);
  const Fe z_inv = fe_mul(fe_mul(den1, den2), p.t);

  const u64 rotate = fe_is_negative(fe_mul(p.t, z_inv));
  Fe x = p.x, y = p.y, den_inv = den2;
  fe_cmov(x, fe_mul(p.y, kSqrtM1), rotate);
  fe_cmov(y, fe_mul(p.x, kSqrtM1), rotate);
  fe_cmov(den_inv, fe_mul(den1, kInvSqrtAMinusD), rotate);

  fe_cneg(y, fe_is_negative(fe_mul(x, z_inv)));
  fe_to_bytes(fe_abs(fe_mul(den_inv, fe_sub(p.z, y))), out);
}

bool equal(const Point& a, const Point& b) {
  const u64 same_xy = fe_eq(fe_mul(a.x, b.y), fe_mul(a.y, b.x));
  const u64 same_yx = fe_eq(fe_mul(a.y, b.y), fe_mul(a.x, b.x));
  return (same_xy | same_yx) != 0;
}

Point from_uniform(const unsigned char in[kUniformBytes]) { return add(map(in), map(in + 32)); }

const Point& generator() {
  static const Point g = [] {
    Point p;
    if (!decode(kGeneratorEncoding, p)) std::abort();  // a constant: cannot fail
    return p;
  }();
  return g;
}

}  // namespace evote::crypto::r255
