// Lagrange interpolation at 0 in the exponent: M = b / prod_j d_j^{lambda_j}.
//
// lambda_j mod q is a full-size exponent, but as a rational number it is
// small: lambda_j = Delta_j / D with small integers Delta_j (signed) and D.
// So prod d_j^{lambda_j} = (prod d_j^{Delta_j})^{1/D}: small exponents, and
// one full exponent 1/D mod q only when D > 1 (for S = {1..t}, D = 1). The
// result is the same element; it is only faster.
#include <algorithm>
#include <optional>

#include "evote/crypto/error.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

// Ciphertexts per parallel job: at most 512, and at least 8 jobs per thread
// (threads finish together also for short lists in slow groups).
std::size_t job_size(std::size_t count) {
  return std::clamp<std::size_t>(count / (8 * std::size_t{hardware_threads()}), 1, 512);
}

void require_distinct_indices(std::span<const std::uint32_t> indices) {
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (indices[k] == 0) throw Error("Lagrange: trustee index 0 (trustees are 1..n)");
    for (std::size_t m = 0; m < k; ++m) {
      if (indices[m] == indices[k]) {
        throw Error("Lagrange: trustee " + std::to_string(indices[k]) + " appears twice");
      }
    }
  }
}

// lambda_j = delta[j] / denominator as integers (delta signed, denominator > 0).
struct IntegerLagrange {
  std::vector<mpz_class> delta;
  mpz_class denominator = 1;
};

IntegerLagrange integer_lagrange(std::span<const std::uint32_t> indices) {
  std::vector<mpz_class> num(indices.size(), 1), den(indices.size(), 1);
  IntegerLagrange out;
  for (std::size_t k = 0; k < indices.size(); ++k) {
    for (std::size_t m = 0; m < indices.size(); ++m) {
      if (m == k) continue;
      num[k] *= indices[m];
      den[k] *= mpz_class(indices[m]) - indices[k];
    }
    if (den[k] < 0) num[k] = -num[k], den[k] = -den[k];
    const mpz_class g = gcd(num[k], den[k]);
    num[k] /= g;
    den[k] /= g;
    out.denominator = lcm(out.denominator, den[k]);
  }
  for (std::size_t k = 0; k < indices.size(); ++k) {
    out.delta.push_back(num[k] * (out.denominator / den[k]));
  }
  return out;
}

// Worth it while the integers stay well below q (always, for realistic t).
bool is_small(const IntegerLagrange& l, const ScalarField& field) {
  const std::size_t limit = field.bit_length() / 2;
  if (mpz_sizeinbase(l.denominator.get_mpz_t(), 2) > limit) return false;
  return std::all_of(l.delta.begin(), l.delta.end(),
                     [&](const mpz_class& v) { return mpz_sizeinbase(v.get_mpz_t(), 2) <= limit; });
}

// b / prod d^{lambda} for one ciphertext with the integer form.
Element combine_one(const Group& group, const Ciphertext& c, std::span<const Element> d,
                    const IntegerLagrange& l, const std::optional<Scalar>& root) {
  const ScalarField& field = group.scalars();
  std::vector<Element> pos_bases, neg_bases;
  std::vector<Scalar> pos_exps, neg_exps;
  for (std::size_t k = 0; k < d.size(); ++k) {
    const bool negative = l.delta[k] < 0;
    (negative ? neg_bases : pos_bases).push_back(d[k]);
    (negative ? neg_exps : pos_exps).push_back(field.from_integer(abs(l.delta[k])));
  }
  // prod d^{-Delta} = neg / pos; then its D-th root.
  Element t = group.mul(group.multi_exp(neg_bases, neg_exps),
                        group.inverse(group.multi_exp(pos_bases, pos_exps)));
  if (root) t = group.exp_vartime(t, *root);
  return group.mul(c.b, t);
}

}  // namespace

std::vector<Scalar> lagrange_coefficients(const ScalarField& field,
                                          std::span<const std::uint32_t> indices) {
  require_distinct_indices(indices);
  std::vector<Scalar> out;
  out.reserve(indices.size());
  for (std::uint32_t j : indices) {
    Scalar num = field.one();
    Scalar den = field.one();
    for (std::uint32_t m : indices) {
      if (m == j) continue;
      num *= field.from_u64(m);
      den *= field.from_u64(m) - field.from_u64(j);
    }
    out.push_back(num * den.inverse());
  }
  return out;
}

namespace threshold_detail {

std::vector<Element> lagrange_combine_refs(std::span<const Ciphertext> ciphertexts,
                                           std::span<const TrusteeDecryptions* const> chosen) {
  if (chosen.empty()) throw Error("Lagrange combine: no partial decryptions");
  std::vector<std::uint32_t> indices;
  for (const TrusteeDecryptions* t : chosen) {
    if (t->parts.size() != ciphertexts.size()) {
      throw Error("Lagrange combine: trustee " + std::to_string(t->trustee) + " has " +
                  std::to_string(t->parts.size()) + " partial decryptions for " +
                  std::to_string(ciphertexts.size()) + " ciphertexts");
    }
    indices.push_back(t->trustee);
  }
  require_distinct_indices(indices);
  if (ciphertexts.empty()) return {};
  const Group& group = ciphertexts[0].a.group();
  const ScalarField& field = group.scalars();
  const IntegerLagrange integer = integer_lagrange(indices);
  const bool fast = is_small(integer, field);
  const std::vector<Scalar> lambda =
      fast ? std::vector<Scalar>{} : lagrange_coefficients(field, indices);
  std::optional<Scalar> root;
  if (fast && integer.denominator != 1) root = field.from_integer(integer.denominator).inverse();

  std::vector<Element> out(ciphertexts.size(), group.identity());
  const std::size_t per_job = job_size(ciphertexts.size());
  const std::size_t jobs = (ciphertexts.size() + per_job - 1) / per_job;
  parallel_for(jobs, [&](std::size_t job) {
    const std::size_t lo = job * per_job, hi = std::min(ciphertexts.size(), lo + per_job);
    std::vector<Element> d;
    for (std::size_t i = lo; i < hi; ++i) {
      d.clear();
      for (const TrusteeDecryptions* t : chosen) d.push_back(t->parts[i].share);
      out[i] = fast ? combine_one(group, ciphertexts[i], d, integer, root)
                    : group.div(ciphertexts[i].b, group.multi_exp(d, lambda));
    }
  });
  return out;
}

}  // namespace threshold_detail

std::vector<Element> lagrange_combine(std::span<const Ciphertext> ciphertexts,
                                      std::span<const TrusteeDecryptions> chosen) {
  std::vector<const TrusteeDecryptions*> refs;
  for (const TrusteeDecryptions& t : chosen) refs.push_back(&t);
  return threshold_detail::lagrange_combine_refs(ciphertexts, refs);
}

}  // namespace evote::crypto
