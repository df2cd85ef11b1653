// GF(2^255 - 19): encoding, comparisons, inversion and square roots.
#include "field25519.hpp"

namespace evote::crypto::r255 {
namespace {

// Fully reduced limbs (each < 2^51, value < p) of a.
Fe fe_canonical(const Fe& a) {
  Fe h = fe_carry(a);  // value < 2^255 + 19 * 2^13 < 2p
  // q = 1 iff h >= p, i.e. iff h + 19 >= 2^255: propagate the carry of h + 19.
  u64 q = (h.v[0] + 19) >> 51;
  q = (h.v[1] + q) >> 51;
  q = (h.v[2] + q) >> 51;
  q = (h.v[3] + q) >> 51;
  q = (h.v[4] + q) >> 51;
  // h - q*p = h + 19q - q*2^255: add 19q, carry, drop bit 255.
  h.v[0] += 19 * q;
  for (int i = 0; i < 4; ++i) {
    h.v[i + 1] += h.v[i] >> 51;
    h.v[i] &= kMask51;
  }
  h.v[4] &= kMask51;
  return h;
}

// z^(2^250 - 1) and z^11, the common start of inversion and square root
// exponents (a fixed chain of squarings and multiplications).
struct ChainStart {
  Fe pow_2_250_1;
  Fe pow_11;
};

ChainStart chain_2_250_1(const Fe& z) {
  const Fe z2 = fe_sq(z);
  const Fe z9 = fe_mul(fe_sq_n(z2, 2), z);
  const Fe z11 = fe_mul(z9, z2);
  const Fe e5 = fe_mul(fe_sq(z11), z9);              // 2^5 - 1
  const Fe e10 = fe_mul(fe_sq_n(e5, 5), e5);         // 2^10 - 1
  const Fe e20 = fe_mul(fe_sq_n(e10, 10), e10);      // 2^20 - 1
  const Fe e40 = fe_mul(fe_sq_n(e20, 20), e20);      // 2^40 - 1
  const Fe e50 = fe_mul(fe_sq_n(e40, 10), e10);      // 2^50 - 1
  const Fe e100 = fe_mul(fe_sq_n(e50, 50), e50);     // 2^100 - 1
  const Fe e200 = fe_mul(fe_sq_n(e100, 100), e100);  // 2^200 - 1
  const Fe e250 = fe_mul(fe_sq_n(e200, 50), e50);    // 2^250 - 1
  return {e250, z11};
}

}  // namespace

void fe_to_bytes(const Fe& a, unsigned char out[32]) {
  const Fe h = fe_canonical(a);
  const u64 words[4] = {h.v[0] | (h.v[1] << 51), (h.v[1] >> 13) | (h.v[2] << 38),
                        (h.v[2] >> 26) | (h.v[3] << 25), (h.v[3] >> 39) | (h.v[4] << 12)};
  for (int w = 0; w < 4; ++w) {
    for (int b = 0; b < 8; ++b) out[8 * w + b] = static_cast<unsigned char>(words[w] >> (8 * b));
  }
}

Fe fe_from_bytes(const unsigned char in[32]) {
  u64 w[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    for (int b = 0; b < 8; ++b) w[i] |= static_cast<u64>(in[8 * i + b]) << (8 * b);
  }
  return {{w[0] & kMask51, ((w[0] >> 51) | (w[1] << 13)) & kMask51,
           ((w[1] >> 38) | (w[2] << 26)) & kMask51, ((w[2] >> 25) | (w[3] << 39)) & kMask51,
           (w[3] >> 12) & kMask51}};
}

u64 fe_is_zero(const Fe& a) {
  const Fe h = fe_canonical(a);
  return ct_eq_u64(h.v[0] | h.v[1] | h.v[2] | h.v[3] | h.v[4], 0);
}

u64 fe_eq(const Fe& a, const Fe& b) { return fe_is_zero(fe_sub(a, b)); }

u64 fe_is_negative(const Fe& a) { return fe_canonical(a).v[0] & 1; }

void fe_cneg(Fe& a, u64 flag) { fe_cmov(a, fe_neg(a), flag); }

Fe fe_abs(const Fe& a) {
  Fe r = a;
  fe_cneg(r, fe_is_negative(a));
  return r;
}

Fe fe_invert(const Fe& a) {
  const ChainStart s = chain_2_250_1(a);
  return fe_mul(fe_sq_n(s.pow_2_250_1, 5), s.pow_11);  // p - 2 = (2^250 - 1) * 2^5 + 11
}

Fe fe_pow_p58(const Fe& a) {
  const ChainStart s = chain_2_250_1(a);
  return fe_mul(fe_sq_n(s.pow_2_250_1, 2), a);  // (p - 5)/8 = (2^250 - 1) * 4 + 1
}

SqrtRatio sqrt_ratio_m1(const Fe& u, const Fe& v) {
  const Fe v3 = fe_mul(fe_sq(v), v);
  const Fe v7 = fe_mul(fe_sq(v3), v);
  Fe r = fe_mul(fe_mul(u, v3), fe_pow_p58(fe_mul(u, v7)));
  const Fe check = fe_mul(v, fe_sq(r));

  const Fe minus_u = fe_neg(u);
  const u64 correct_sign = fe_eq(check, u);
  const u64 flipped_sign = fe_eq(check, minus_u);
  const u64 flipped_sign_i = fe_eq(check, fe_mul(minus_u, kSqrtM1));

  fe_cmov(r, fe_mul(r, kSqrtM1), flipped_sign | flipped_sign_i);
  return {correct_sign | flipped_sign, fe_abs(r)};
}

}  // namespace evote::crypto::r255
