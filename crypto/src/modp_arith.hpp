// Fixed-width arithmetic modulo an odd p on raw GMP limbs, for the hot loops
// of the modp groups (fixed-base tables, multi-exponentiation).
//
// Every residue is exactly size() limbs, least significant first, zero-padded,
// and below p. No heap allocation per operation: a ModMul owns its scratch
// space, so keep one per thread and per loop. Variable time; public values only.
#pragma once

#include <gmp.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace evote::crypto::modp {

using Limb = mp_limb_t;

// Element::repr() holds GMP limbs in std::uint64_t; the two must be one type.
static_assert(std::is_same_v<Limb, std::uint64_t>, "evote needs 64-bit GMP limbs");
static_assert(GMP_NAIL_BITS == 0, "evote needs GMP without nail bits");

inline constexpr unsigned limb_bits = 64;

// r = a * b mod p and r = a^2 mod p, with p's limbs {p, n}, p[n-1] != 0.
class ModMul {
 public:
  ModMul(const Limb* p, std::size_t n) : p_(p), n_(n), product_(2 * n), quotient_(n + 1) {}

  std::size_t size() const { return n_; }

  // r may alias a or b.
  void mul(Limb* r, const Limb* a, const Limb* b) {
    mpn_mul_n(product_.data(), a, b, static_cast<mp_size_t>(n_));
    reduce(r);
  }
  void sqr(Limb* r, const Limb* a) {
    mpn_sqr(product_.data(), a, static_cast<mp_size_t>(n_));
    reduce(r);
  }

 private:
  void reduce(Limb* r) {
    mpn_tdiv_qr(quotient_.data(), r, 0, product_.data(), static_cast<mp_size_t>(2 * n_), p_,
                static_cast<mp_size_t>(n_));
  }

  const Limb* p_;
  std::size_t n_;
  std::vector<Limb> product_;
  std::vector<Limb> quotient_;
};

// Bits [bit, bit + width) of the number {limbs, size} as an integer; width < 32.
inline unsigned digit_at(const Limb* limbs, std::size_t size, std::size_t bit, unsigned width) {
  const std::size_t index = bit / limb_bits;
  const unsigned offset = bit % limb_bits;
  if (index >= size) return 0;
  Limb value = limbs[index] >> offset;
  if (offset + width > limb_bits && index + 1 < size)
    value |= limbs[index + 1] << (limb_bits - offset);
  return static_cast<unsigned>(value & ((Limb{1} << width) - 1));
}

// Bit `bit` of {limbs, size}.
inline bool bit_at(const Limb* limbs, std::size_t size, std::size_t bit) {
  const std::size_t index = bit / limb_bits;
  return index < size && ((limbs[index] >> (bit % limb_bits)) & 1) != 0;
}

}  // namespace evote::crypto::modp
