// u1*G + u2*Q by interleaved wNAF (see p384_double_mul.hpp).
#include "p384_double_mul.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace evote::crypto::p384 {

namespace {

// The wNAF window of G's two tables (2^(kGWindow-2) affine points each).
constexpr int kGWindow = 9;
constexpr std::size_t kGTableSize = std::size_t{1} << (kGWindow - 2);
// A scalar below 2^384 has a wNAF of at most 385 digits.
constexpr int kMaxDigits = 386;

using Digits = std::array<std::int16_t, kMaxDigits>;

struct GeneratorTables {
  std::vector<Affine> low, high;  // odd multiples of G and of 2^192 G
};

const GeneratorTables& generator_tables() {
  static const GeneratorTables tables = [] {
    GeneratorTables t{std::vector<Affine>(kGTableSize), std::vector<Affine>(kGTableSize)};
    odd_multiples(kG, t.low.data(), kGTableSize);
    odd_multiples(times_2_192(kG), t.high.data(), kGTableSize);
    return t;
  }();
  return tables;
}

// The width-`w` NAF of the `limbs`-limb number k: k = sum digits[i] * 2^i,
// each digit 0 or odd with |digit| < 2^(w-1), and any nonzero digit followed
// by w-1 zeros. Returns the number of digits (0 for k = 0).
int wnaf(const u64* k_in, int limbs, int w, Digits& digits) {
  u64 k[7] = {0, 0, 0, 0, 0, 0, 0};
  std::copy(k_in, k_in + limbs, k);
  const u64 mask = (u64{1} << w) - 1;
  const std::int64_t half = std::int64_t{1} << (w - 1);
  int length = 0;
  while ((k[0] | k[1] | k[2] | k[3] | k[4] | k[5] | k[6]) != 0) {
    if ((k[0] & 1) == 0) {
      // A run of zero digits, written at once: the trailing zero bits of k
      // (a whole limb if k[0] is 0; k != 0, so a nonzero digit still follows).
      const int zeros = k[0] == 0 ? 64 : __builtin_ctzll(k[0]);
      std::fill(digits.begin() + length, digits.begin() + length + zeros, std::int16_t{0});
      length += zeros;
      if (zeros == 64) {
        for (int i = 0; i < 6; ++i) k[i] = k[i + 1];
        k[6] = 0;
      } else {
        for (int i = 0; i < 6; ++i) k[i] = (k[i] >> zeros) | (k[i + 1] << (64 - zeros));
        k[6] >>= zeros;
      }
      continue;
    }
    std::int64_t digit = std::int64_t(k[0] & mask);
    if (digit >= half) digit -= std::int64_t{1} << w;
    if (digit > 0) {
      k[0] -= u64(digit);  // clears the low bits, never borrows
    } else {
      u64 carry = u64(-digit);  // k - digit = k + |digit|
      for (int i = 0; i < 7 && carry != 0; ++i) {
        k[i] += carry;
        carry = k[i] < carry ? 1 : 0;
      }
    }
    digits[length++] = std::int16_t(digit);
    for (int i = 0; i < 6; ++i) k[i] = (k[i] >> 1) | (k[i + 1] << 63);
    k[6] >>= 1;
  }
  return length;
}

// One scalar of the sum with its table of odd multiples.
struct Term {
  Digits digits;
  int length;
  const Affine* odd_multiples;
};

void set_term(Term& term, const u64* limbs, int limb_count, int window, const Affine* table) {
  term.length = wnaf(limbs, limb_count, window, term.digits);
  term.odd_multiples = table;
}

Jacobian add_digit(const Jacobian& acc, int digit, const Affine* odd_multiples) {
  if (digit > 0) return add_affine(acc, odd_multiples[digit / 2]);
  return add_affine(acc, negate(odd_multiples[-digit / 2]));
}

// sum of the terms' scalars times their points, with shared doublings.
Jacobian interleave(const Term* terms, int count) {
  int top = 0;
  for (int t = 0; t < count; ++t) top = std::max(top, terms[t].length);
  Jacobian acc = kIdentity;
  for (int i = top - 1; i >= 0; --i) {
    if (!is_identity(acc)) acc = dbl(acc);
    for (int t = 0; t < count; ++t) {
      if (i < terms[t].length && terms[t].digits[i] != 0)
        acc = add_digit(acc, terms[t].digits[i], terms[t].odd_multiples);
    }
  }
  return acc;
}

}  // namespace

Affine times_2_192(const Affine& p) {
  Jacobian acc = to_jacobian(p);
  for (int i = 0; i < 192; ++i) acc = dbl(acc);
  Affine out;
  to_affine_batch(&acc, &out, 1);  // 2^192 p is not the identity: p has prime order n > 2^192
  return out;
}

Jacobian double_mul(const Scalar& u1, const Scalar& u2, const KeyTables& q) {
  const GeneratorTables& g = generator_tables();
  Term terms[4];
  // u = low + high * 2^192, with low and high three limbs each.
  set_term(terms[0], u1.v, 3, kGWindow, g.low.data());
  set_term(terms[1], u1.v + 3, 3, kGWindow, g.high.data());
  if (q.high == nullptr) {
    set_term(terms[2], u2.v, 6, q.window, q.low);
    return interleave(terms, 3);
  }
  set_term(terms[2], u2.v, 3, q.window, q.low);
  set_term(terms[3], u2.v + 3, 3, q.window, q.high);
  return interleave(terms, 4);
}

}  // namespace evote::crypto::p384
