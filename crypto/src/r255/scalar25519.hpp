// Scalar recodings for ristretto255 multiplication. A scalar is an integer
// 0 <= k < 2^253 (the group order l is below 2^253) in four 64-bit words,
// least significant first. Private to the ristretto255 implementation.
#pragma once

#include <gmp.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace evote::crypto::r255 {

struct ScalarWords {
  std::uint64_t w[4];
};

inline constexpr unsigned kScalarBits = 253;

// out = the words of v. Throws Error unless 0 <= v < 2^kScalarBits: the
// recodings below (and so every multiplication) are correct only there.
// Every evote Scalar of ristretto255 is below l < 2^253; this guards the
// private routines against a caller that passes something else.
void load_scalar_words(mpz_srcptr v, ScalarWords& out);

// Number of signed radix-2^c digits signed_digits() writes.
constexpr std::size_t digit_count(unsigned c) { return kScalarBits / c + 1; }

// k = sum out[j] * 2^(c*j), -2^(c-1) <= out[j] <= 2^(c-1), 1 <= c <= 30;
// out.size() must be digit_count(c). Constant time in k.
void signed_digits(const ScalarWords& k, unsigned c, std::span<std::int32_t> out);

// Width-w non-adjacent form: k = sum out[i] * 2^i, every nonzero out[i] odd
// with |out[i]| < 2^(w-1), and at least w-1 zeros after it; 2 <= w <= 8.
// Returns 1 + the index of the highest nonzero digit (0 for k = 0).
// Variable time; public scalars only.
std::size_t wnaf(const ScalarWords& k, unsigned w, std::int8_t out[256]);

}  // namespace evote::crypto::r255
