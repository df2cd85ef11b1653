// Straus and Pippenger multi-scalar multiplication, chosen by a cost model
// that counts field multiplications (squarings count as one).
#include "multi_mul.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "evote/crypto/parallel.hpp"
#include "scalarmult.hpp"

namespace evote::crypto::r255 {
namespace {

// Wider windows would pay on paper for n in the hundreds of thousands, but
// their bucket arrays (2^(c-1) points of 160 bytes per thread) leave the L2
// cache: measured at n = 100,000 and 300,000, c = 12 beat 13 to 15.
constexpr unsigned kMaxWindow = 12;

// Field multiplications per operation (see edwards.hpp), with two measured
// corrections: the bucket sums are chains of dependent additions (latency,
// not throughput, counts: x2), and Straus's per-term tables (1280 bytes
// each) make its additions slower than their count says (x1.5).
constexpr double kAddToPoint = 8;  // Completed add + conversion to Point
constexpr double kMixedAdd = 7;    // affine addend
constexpr double kCachedAdd = 9;   // Point + Point
constexpr double kDouble = 7;      // doubling + conversion to Projective
constexpr double kToAffine = 7;    // batch inversion share + affine Niels form
constexpr double kChainFactor = 2;
constexpr double kStrausMemoryFactor = 1.5;

double straus_cost(std::size_t n) {
  const double per_term = 8 * kCachedAdd + (kScalarBits / (kNafWidth + 1.0)) * kAddToPoint;
  return kStrausMemoryFactor * static_cast<double>(n) * per_term + kScalarBits * kDouble;
}

double pippenger_cost(std::size_t n, unsigned c) {
  const double rows = static_cast<double>(digit_count(c));
  const double buckets = static_cast<double>(std::size_t{1} << (c - 1));
  const double bucket_sums = 2 * buckets * kCachedAdd * kChainFactor;
  return rows * (static_cast<double>(n) * kMixedAdd + bucket_sums) +
         static_cast<double>(n) * kToAffine + rows * c * kDouble;
}

// Returns sum_d d * bucket_d over the buckets filled from one digit row.
Point bucket_sum(std::span<const Niels> affine, const std::int32_t* digits,
                 std::vector<Point>& buckets) {
  std::fill(buckets.begin(), buckets.end(), kIdentity);
  for (std::size_t i = 0; i < affine.size(); ++i) {
    const std::int32_t d = digits[i];
    if (d > 0) buckets[d - 1] = to_point(add(buckets[d - 1], affine[i]));
    if (d < 0) buckets[-d - 1] = to_point(sub(buckets[-d - 1], affine[i]));
  }
  // sum_d d * B_d = sum_k (B_top + ... + B_k): a running sum, added up.
  Point running = kIdentity, total = kIdentity;
  for (std::size_t k = buckets.size(); k-- > 0;) {
    running = add(running, buckets[k]);
    total = add(total, running);
  }
  return total;
}

// Terms [lo, hi) of thread t out of `threads`.
struct Range {
  std::size_t lo, hi;
};
Range share(std::size_t n, unsigned t, unsigned threads) {
  return {n * t / threads, n * (t + 1) / threads};
}

}  // namespace

Point straus(std::span<const Point> points, std::span<const ScalarWords> scalars) {
  const std::size_t n = points.size();
  std::vector<OddMultiples> tables(n);
  std::vector<std::int8_t> digits(256 * n);  // digits[bit * n + i]: one bit's row is contiguous
  std::size_t top = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::int8_t naf[256];
    top = std::max(top, wnaf(scalars[i], kNafWidth, naf));
    for (std::size_t bit = 0; bit < 256; ++bit) digits[bit * n + i] = naf[bit];
    odd_multiples(points[i], tables[i]);
  }
  Completed c = kCompletedIdentity;
  for (std::size_t bit = top; bit-- > 0;) {
    c = dbl(to_projective(c));
    const std::int8_t* row = digits.data() + bit * n;
    for (std::size_t i = 0; i < n; ++i) {
      if (row[i] > 0) c = add(to_point(c), tables[i][row[i] / 2]);
      if (row[i] < 0) c = sub(to_point(c), tables[i][-row[i] / 2]);
    }
  }
  return to_point(c);
}

unsigned pippenger_window(std::size_t n) {
  unsigned best = 2;
  for (unsigned c = 3; c <= kMaxWindow; ++c) {
    if (pippenger_cost(n, c) < pippenger_cost(n, best)) best = c;
  }
  return best;
}

Point pippenger(std::span<const Point> points, std::span<const ScalarWords> scalars,
                unsigned threads) {
  const std::size_t n = points.size();
  if (n == 0) return kIdentity;
  const unsigned c = pippenger_window(n);
  const std::size_t rows = digit_count(c);
  threads = std::clamp<unsigned>(threads, 1, static_cast<unsigned>(rows));

  std::vector<Niels> affine(n);
  std::vector<std::int32_t> digits(rows * n);  // digits[j * n + i]: digit j of term i
  parallel_for(
      threads,
      [&](std::size_t t) {
        const auto [lo, hi] = share(n, static_cast<unsigned>(t), threads);
        to_niels_batch(points.subspan(lo, hi - lo), std::span(affine).subspan(lo, hi - lo));
        std::array<std::int32_t, kScalarBits + 1> row;
        for (std::size_t i = lo; i < hi; ++i) {
          signed_digits(scalars[i], c, std::span(row.data(), rows));
          for (std::size_t j = 0; j < rows; ++j) digits[j * n + i] = row[j];
        }
      },
      threads);

  std::vector<Point> sums(rows);
  std::vector<std::vector<Point>> buckets(threads, std::vector<Point>(std::size_t{1} << (c - 1)));
  parallel_for(
      threads,
      [&](std::size_t t) {
        for (std::size_t j = t; j < rows; j += threads) {
          sums[j] = bucket_sum(affine, digits.data() + j * n, buckets[t]);
        }
      },
      threads);

  Point acc = sums[rows - 1];
  for (std::size_t j = rows - 1; j-- > 0;) acc = add(dbl_n(acc, static_cast<int>(c)), sums[j]);
  return acc;
}

Point multi_mul(std::span<const Point> points, std::span<const ScalarWords> scalars,
                unsigned threads) {
  const std::size_t n = points.size();
  if (n == 0) return kIdentity;
  if (straus_cost(n) <= pippenger_cost(n, pippenger_window(n))) return straus(points, scalars);
  return pippenger(points, scalars, threads);
}

}  // namespace evote::crypto::r255
