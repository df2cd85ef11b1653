// Scalar recodings: signed fixed windows and wNAF.
#include "scalar25519.hpp"

#include <string>

#include "evote/crypto/error.hpp"

namespace evote::crypto::r255 {
namespace {

using u64 = std::uint64_t;

// Bits [pos, pos + n) of k (n <= 32), zero beyond bit 255. The position is
// public; only the scalar's bits are read.
u64 bits_at(const ScalarWords& k, unsigned pos, unsigned n) {
  const unsigned word = pos / 64, shift = pos % 64;
  if (word >= 4) return 0;
  u64 v = k.w[word] >> shift;
  if (shift != 0 && word + 1 < 4) v |= k.w[word + 1] << (64 - shift);
  return v & ((u64{1} << n) - 1);
}

}  // namespace

void load_scalar_words(mpz_srcptr v, ScalarWords& out) {
  if (mpz_sgn(v) < 0) throw Error("ristretto255: negative exponent");
  if (mpz_sizeinbase(v, 2) > kScalarBits)
    throw Error("ristretto255: exponent of " + std::to_string(mpz_sizeinbase(v, 2)) +
                " bits (below 2^" + std::to_string(kScalarBits) + " required)");
  for (mp_size_t i = 0; i < 4; ++i) out.w[i] = mpz_getlimbn(v, i);  // 0 beyond the size
}

void signed_digits(const ScalarWords& k, unsigned c, std::span<std::int32_t> out) {
  const u64 half = u64{1} << (c - 1);
  u64 carry = 0;
  for (std::size_t j = 0; j < out.size(); ++j) {
    const u64 raw = bits_at(k, static_cast<unsigned>(j * c), c) + carry;  // 0 .. 2^c
    carry = (raw + half - 1) >> c;                                        // raw > 2^(c-1)
    out[j] = static_cast<std::int32_t>(static_cast<std::int64_t>(raw) -
                                       static_cast<std::int64_t>(carry << c));
  }
  // k < 2^253 and out.size() == digit_count(c): the top digit takes the last
  // carry, so `carry` ends at 0.
}

std::size_t wnaf(const ScalarWords& k, unsigned w, std::int8_t out[256]) {
  const u64 width = u64{1} << w, half = width / 2;
  for (int i = 0; i < 256; ++i) out[i] = 0;
  std::size_t top = 0;
  u64 carry = 0;
  unsigned pos = 0;
  while (pos < 256) {
    const u64 window = bits_at(k, pos, w) + carry;
    if ((window & 1) == 0) {  // digit 0 here; a carry moves on to the next bit
      ++pos;
      continue;
    }
    if (window < half) {
      out[pos] = static_cast<std::int8_t>(window);
      carry = 0;
    } else {
      out[pos] = static_cast<std::int8_t>(static_cast<std::int64_t>(window) -
                                          static_cast<std::int64_t>(width));
      carry = 1;
    }
    top = pos + 1;
    pos += w;
  }
  return top;
}

}  // namespace evote::crypto::r255
