// Multi-exponentiation prod b_i^(e_i) for the modp groups, variable time.
//
// Two methods, chosen by counting multiplications (squarings count as one):
//  - Straus (interleaved sliding windows): per base a table of its odd powers
//    up to 2^w - 1, then one pass over the exponent bits sharing the
//    squarings; ~bits/(w+1) + 2^(w-1) multiplications per term. Bases go in
//    chunks so the tables stay a few MB.
//  - Pippenger (buckets): per c-bit window, each base joins the bucket of its
//    digit, then sum d * bucket_d costs 2 * 2^c; ~bits/c * (1 + 2^(c+1)/n)
//    per term, better than Straus once n is in the thousands.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "modp_group.hpp"

namespace evote::crypto::modp {
namespace {

// Straus handles bases in chunks of this many (memory: chunk * 2^(w-1) residues).
constexpr std::size_t straus_chunk = 256;
constexpr unsigned straus_max_window = 7;
constexpr unsigned pippenger_max_window = 14;

struct Exponent {
  const Limb* limbs;
  std::size_t size;
};

Exponent exponent_of(const Scalar& e) {
  const mpz_srcptr v = e.value().get_mpz_t();
  return {mpz_limbs_read(v), mpz_size(v)};
}

// A running product that starts as 1 without storing it, so that the first
// factor is a copy rather than a multiplication.
class Product {
 public:
  explicit Product(std::size_t limbs) : value_(limbs) {}
  bool is_one() const { return one_; }
  const Limb* data() const { return value_.data(); }
  void reset() { one_ = true; }
  void mul(ModMul& mm, const Limb* factor) {
    if (one_) {
      std::copy_n(factor, value_.size(), value_.data());
      one_ = false;
    } else {
      mm.mul(value_.data(), value_.data(), factor);
    }
  }
  void sqr(ModMul& mm) {
    if (!one_) mm.sqr(value_.data(), value_.data());
  }
  Element to_element(const ModpGroup& group) const {
    return one_ ? group.identity() : group.element_from_limbs(value_.data(), value_.size());
  }

 private:
  std::vector<Limb> value_;
  bool one_ = true;
};

double straus_cost(std::size_t n, std::size_t bits, unsigned w) {
  const double chunks = std::ceil(static_cast<double>(n) / straus_chunk);
  return static_cast<double>(n) * (std::ldexp(1.0, static_cast<int>(w) - 1) + bits / (w + 1.0)) +
         chunks * static_cast<double>(bits);
}

double pippenger_cost(std::size_t n, std::size_t bits, unsigned c) {
  const double windows = std::ceil(static_cast<double>(bits) / c);
  return windows * (static_cast<double>(n) + std::ldexp(1.0, static_cast<int>(c) + 1)) +
         static_cast<double>(bits);
}

// --- Straus ---------------------------------------------------------------

// One multiplication of the Straus pass: at bit `position`, multiply by
// base `base`'s odd power `digit`.
struct Step {
  std::uint32_t position;
  std::uint32_t base;
  std::uint32_t digit;
};

// Left-to-right sliding windows of e: odd digits d < 2^w with e = sum d * 2^position.
void add_sliding_windows(Exponent e, unsigned w, std::uint32_t base, std::vector<Step>& steps) {
  if (e.size == 0) return;
  std::ptrdiff_t i =
      static_cast<std::ptrdiff_t>(e.size * limb_bits - std::countl_zero(e.limbs[e.size - 1])) - 1;
  while (i >= 0) {
    if (!bit_at(e.limbs, e.size, static_cast<std::size_t>(i))) {
      --i;
      continue;
    }
    std::ptrdiff_t j = std::max<std::ptrdiff_t>(i - static_cast<std::ptrdiff_t>(w) + 1, 0);
    while (!bit_at(e.limbs, e.size, static_cast<std::size_t>(j))) ++j;
    const unsigned digit =
        digit_at(e.limbs, e.size, static_cast<std::size_t>(j), static_cast<unsigned>(i - j + 1));
    steps.push_back({static_cast<std::uint32_t>(j), base, digit});
    i = j - 1;
  }
}

// prod bases[i]^exps[i] for one chunk, multiplied into `result`.
void straus_chunk_into(const ModpGroup& group, std::span<const Element> bases,
                       std::span<const Scalar> exps, unsigned w, ModMul& mm, Product& result) {
  const std::size_t limbs = group.limb_count();
  const std::size_t odd_powers = std::size_t{1} << (w - 1);
  std::vector<Limb> table(bases.size() * odd_powers * limbs);
  std::vector<Limb> square(limbs);
  auto power = [&](std::size_t base, std::size_t digit) {
    return table.data() + (base * odd_powers + digit / 2) * limbs;
  };
  std::vector<Step> steps;
  for (std::size_t k = 0; k < bases.size(); ++k) {
    group.load_padded(bases[k], power(k, 1));
    if (odd_powers > 1) mm.sqr(square.data(), power(k, 1));
    for (std::size_t d = 3; d < 2 * odd_powers; d += 2)
      mm.mul(power(k, d), power(k, d - 2), square.data());
    add_sliding_windows(exponent_of(exps[k]), w, static_cast<std::uint32_t>(k), steps);
  }
  if (steps.empty()) return;
  std::sort(steps.begin(), steps.end(),
            [](const Step& a, const Step& b) { return a.position > b.position; });

  Product acc(limbs);
  auto next = steps.begin();
  for (std::int64_t position = steps.front().position; position >= 0; --position) {
    acc.sqr(mm);
    for (; next != steps.end() && next->position == position; ++next)
      acc.mul(mm, power(next->base, next->digit));
  }
  result.mul(mm, acc.data());
}

}  // namespace

Element multi_exp_straus(const ModpGroup& group, std::span<const Element> bases,
                         std::span<const Scalar> exps, unsigned w) {
  ModMul mm = group.mod_mul();
  Product result(group.limb_count());
  for (std::size_t start = 0; start < bases.size(); start += straus_chunk) {
    const std::size_t count = std::min(straus_chunk, bases.size() - start);
    straus_chunk_into(group, bases.subspan(start, count), exps.subspan(start, count), w, mm,
                      result);
  }
  return result.to_element(group);
}

namespace {

// --- Pippenger ------------------------------------------------------------

// sum over d of d * bucket_d (written multiplicatively), as the product of
// the running products of buckets from the top digit down.
void add_weighted_buckets(const std::vector<Limb>& buckets, const std::vector<char>& filled,
                          std::size_t limbs, ModMul& mm, Product& running, Product& total) {
  running.reset();
  total.reset();
  for (std::size_t d = filled.size(); d-- > 1;) {
    if (filled[d]) running.mul(mm, buckets.data() + d * limbs);
    if (!running.is_one()) total.mul(mm, running.data());
  }
}

}  // namespace

Element multi_exp_pippenger(const ModpGroup& group, std::span<const Element> bases,
                            std::span<const Scalar> exps, unsigned c) {
  const std::size_t limbs = group.limb_count();
  const std::size_t n = bases.size();
  std::vector<Limb> padded(n * limbs);
  std::vector<Exponent> exponents(n);
  for (std::size_t i = 0; i < n; ++i) {
    group.load_padded(bases[i], padded.data() + i * limbs);
    exponents[i] = exponent_of(exps[i]);
  }

  ModMul mm = group.mod_mul();
  const std::size_t bucket_count = std::size_t{1} << c;  // bucket 0 unused
  std::vector<Limb> buckets(bucket_count * limbs);
  std::vector<char> filled(bucket_count);
  Product acc(limbs), running(limbs), total(limbs);
  const std::size_t windows = (group.scalars().bit_length() + c - 1) / c;
  for (std::size_t window = windows; window-- > 0;) {
    for (unsigned s = 0; s < c; ++s) acc.sqr(mm);
    std::fill(filled.begin(), filled.end(), 0);
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned d = digit_at(exponents[i].limbs, exponents[i].size, window * c, c);
      if (d == 0) continue;
      Limb* bucket = buckets.data() + d * limbs;
      const Limb* base = padded.data() + i * limbs;
      if (filled[d]) {
        mm.mul(bucket, bucket, base);
      } else {
        std::copy_n(base, limbs, bucket);
        filled[d] = 1;
      }
    }
    add_weighted_buckets(buckets, filled, limbs, mm, running, total);
    if (!total.is_one()) acc.mul(mm, total.data());
  }
  return acc.to_element(group);
}

Element multi_exp(const ModpGroup& group, std::span<const Element> bases,
                  std::span<const Scalar> exps) {
  const std::size_t n = bases.size();
  const std::size_t bits = group.scalars().bit_length();
  unsigned best_w = 1;
  for (unsigned w = 2; w <= straus_max_window; ++w)
    if (straus_cost(n, bits, w) < straus_cost(n, bits, best_w)) best_w = w;
  unsigned best_c = 2;
  for (unsigned c = 3; c <= pippenger_max_window; ++c)
    if (pippenger_cost(n, bits, c) < pippenger_cost(n, bits, best_c)) best_c = c;
  if (pippenger_cost(n, bits, best_c) < straus_cost(n, bits, best_w))
    return multi_exp_pippenger(group, bases, exps, best_c);
  return multi_exp_straus(group, bases, exps, best_w);
}

}  // namespace evote::crypto::modp
