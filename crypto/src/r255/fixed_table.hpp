// Fixed-base tables: for one base P and window width w, the affine points
// d * 2^(w*j) * P for every digit position j and 1 <= d <= 2^(w-1), so that
// k*P is one table entry (or its negation) per signed digit of k, added up
// with no doubling at all. Private to the ristretto255 implementation.
#pragma once

#include <cstddef>
#include <vector>

#include "edwards.hpp"
#include "scalar25519.hpp"

namespace evote::crypto::r255 {

class FixedTable {
 public:
  // 2 <= window <= 10; the table has digit_count(window) * 2^(window-1)
  // entries of 120 bytes.
  FixedTable(const Point& base, unsigned window);

  // Constant time in k: every entry of every window is read.
  Point mul_ct(const ScalarWords& k) const;
  // Variable time: one entry per nonzero digit; public scalars only.
  Point mul_vartime(const ScalarWords& k) const;

 private:
  const Niels* row(std::size_t j) const { return table_.data() + j * entries_; }
  Niels select_ct(std::size_t j, std::int32_t d) const;

  unsigned window_;
  std::size_t rows_;
  std::size_t entries_;
  std::vector<Niels> table_;
};

// The generator's table, built on first use (thread-safe).
const FixedTable& generator_table();

}  // namespace evote::crypto::r255
