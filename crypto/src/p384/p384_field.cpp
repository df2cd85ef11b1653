// GF(p) for P-384: byte decoding and inversion (the rest is inline in the header).
#include "p384_field.hpp"

#include <gmp.h>

namespace evote::crypto::p384 {

namespace {

// a >= p, for raw limbs.
bool at_least_p(const Fe& a) {
  for (int i = 5; i >= 0; --i) {
    if (a.v[i] != kP.v[i]) return a.v[i] > kP.v[i];
  }
  return true;
}

}  // namespace

bool fe_raw_from_bytes(const std::uint8_t* bytes48, Fe& out) {
  Fe value{};
  for (int i = 0; i < 48; ++i) {
    const int from_end = 47 - i;
    value.v[from_end / 8] |= u64(bytes48[i]) << (8 * (from_end % 8));
  }
  if (at_least_p(value)) return false;
  out = value;
  return true;
}

Fe fe_invert(const Fe& a) {
  if (fe_is_zero(a)) return kZero;
  // a holds x*R; GMP gives (x*R)^-1, and a Montgomery product with R^3 turns
  // it into x^-1 * R. The values are public, so GMP's variable time is fine.
  mpz_t value, modulus;
  mpz_init(value);
  mpz_init(modulus);
  mpz_import(value, 6, -1, sizeof(u64), 0, 0, a.v);
  mpz_import(modulus, 6, -1, sizeof(u64), 0, 0, kP.v);
  mpz_invert(value, value, modulus);
  Fe inverse{};
  std::size_t count = 0;
  mpz_export(inverse.v, &count, -1, sizeof(u64), 0, 0, value);
  mpz_clear(value);
  mpz_clear(modulus);
  return fe_mul(inverse, kRCubed);
}

}  // namespace evote::crypto::p384
