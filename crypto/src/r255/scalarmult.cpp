// k*P: constant-time fixed windows and variable-time wNAF.
#include "scalarmult.hpp"

#include <sodium.h>

#include <array>

namespace evote::crypto::r255 {
namespace {

constexpr unsigned kCtWindow = 4;  // digits in [-8, 8]: a table of P..8P
constexpr std::size_t kCtDigits = digit_count(kCtWindow);

// |d| * P from table[i] = (i + 1) * P, negated if d < 0, reading every entry.
Cached select_ct(const std::array<Cached, 8>& table, std::int32_t d) {
  const std::int64_t sign = static_cast<std::int64_t>(d) >> 63;  // -1 or 0, no branch
  const u64 negative = static_cast<u64>(sign) & 1;
  const u64 magnitude = static_cast<u64>((d ^ sign) - sign);
  Cached r = kCachedIdentity;
  for (u64 i = 0; i < table.size(); ++i) cmov(r, table[i], ct_eq_u64(magnitude, i + 1));
  cneg(r, negative);
  return r;
}

}  // namespace

Point mul_ct(const Point& p, const ScalarWords& k) {
  std::array<Cached, 8> table;
  Point multiple = p;
  table[0] = to_cached(p);
  for (std::size_t i = 1; i < table.size(); ++i) {
    multiple = to_point(add(multiple, table[0]));
    table[i] = to_cached(multiple);
  }
  std::array<std::int32_t, kCtDigits> digits;
  signed_digits(k, kCtWindow, digits);

  Point acc = to_point(add(kIdentity, select_ct(table, digits[kCtDigits - 1])));
  for (std::size_t j = kCtDigits - 1; j-- > 0;) {
    acc = dbl_n(acc, kCtWindow);
    acc = to_point(add(acc, select_ct(table, digits[j])));
  }
  sodium_memzero(digits.data(), sizeof digits);
  return acc;
}

void odd_multiples(const Point& p, OddMultiples& out) {
  const Cached twice = to_cached(dbl(p));
  Point multiple = p;
  out[0] = to_cached(p);
  for (std::size_t i = 1; i < out.size(); ++i) {
    multiple = to_point(add(multiple, twice));
    out[i] = to_cached(multiple);
  }
}

Point mul_vartime(const Point& p, const ScalarWords& k) {
  static_assert(std::tuple_size_v<OddMultiples> == std::size_t{1} << (kNafWidth - 2));
  std::int8_t naf[256];
  const std::size_t top = wnaf(k, kNafWidth, naf);
  if (top == 0) return kIdentity;
  OddMultiples odd;
  odd_multiples(p, odd);
  // Doublings stay projective; a Point is formed only before an addition.
  Completed c = add(kIdentity, odd[(naf[top - 1] - 1) / 2]);  // the top digit is positive
  for (std::size_t i = top - 1; i-- > 0;) {
    c = dbl(to_projective(c));
    if (naf[i] > 0) c = add(to_point(c), odd[naf[i] / 2]);
    if (naf[i] < 0) c = sub(to_point(c), odd[-naf[i] / 2]);
  }
  return to_point(c);
}

}  // namespace evote::crypto::r255
