// Fixed-base tables and the generator's table.
#include "fixed_table.hpp"

#include <sodium.h>

#include "ristretto.hpp"

namespace evote::crypto::r255 {
namespace {

// The generator's window: 64 rows of 8 entries (61 KB), 64 additions per
// multiplication. Wider windows cost fewer additions but the constant-time
// lookup must read the whole row; 4 measured best (see the bench notes).
constexpr unsigned kGeneratorWindow = 4;

constexpr unsigned kMaxDigits = kScalarBits / 2 + 1;

}  // namespace

FixedTable::FixedTable(const Point& base, unsigned window)
    : window_(window),
      rows_(digit_count(window)),
      entries_(std::size_t{1} << (window - 1)),
      table_(rows_ * entries_) {
  std::vector<Point> points(table_.size());
  Point row_base = base;  // 2^(w*j) * base
  for (std::size_t j = 0; j < rows_; ++j) {
    Point* row = points.data() + j * entries_;
    const Cached step = to_cached(row_base);
    row[0] = row_base;
    for (std::size_t d = 1; d < entries_; ++d) row[d] = to_point(add(row[d - 1], step));
    row_base = dbl(row[entries_ - 1]);  // 2 * 2^(w-1) * row_base
  }
  to_niels_batch(points, table_);
}

Niels FixedTable::select_ct(std::size_t j, std::int32_t d) const {
  const std::int64_t sign = static_cast<std::int64_t>(d) >> 63;  // -1 or 0, no branch
  const u64 magnitude = static_cast<u64>((d ^ sign) - sign);
  const Niels* entries = row(j);
  Niels r = kNielsIdentity;
  for (u64 i = 0; i < entries_; ++i) cmov(r, entries[i], ct_eq_u64(magnitude, i + 1));
  cneg(r, static_cast<u64>(sign) & 1);
  return r;
}

Point FixedTable::mul_ct(const ScalarWords& k) const {
  std::int32_t digits[kMaxDigits];
  const std::span<std::int32_t> d(digits, rows_);
  signed_digits(k, window_, d);
  Point acc = kIdentity;
  for (std::size_t j = 0; j < rows_; ++j) acc = to_point(add(acc, select_ct(j, d[j])));
  sodium_memzero(digits, sizeof digits);
  return acc;
}

Point FixedTable::mul_vartime(const ScalarWords& k) const {
  std::int32_t digits[kMaxDigits];
  const std::span<std::int32_t> d(digits, rows_);
  signed_digits(k, window_, d);
  Point acc = kIdentity;
  for (std::size_t j = 0; j < rows_; ++j) {
    if (d[j] > 0) acc = to_point(add(acc, row(j)[d[j] - 1]));
    if (d[j] < 0) acc = to_point(sub(acc, row(j)[-d[j] - 1]));
  }
  return acc;
}

const FixedTable& generator_table() {
  static const FixedTable table(generator(), kGeneratorWindow);
  return table;
}

}  // namespace evote::crypto::r255
