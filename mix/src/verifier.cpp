// The Terelius–Wikström verifier for rows of width w (specs/mix.md,
// "Verifier"). Every check is written with non-negative exponents on both
// sides, so that short challenges stay short exponents. The N checks on t̂_i
// are batched with random 128-bit weights into multi-exponentiations; only if
// the batch fails are they checked one by one, to name the row.
#include <sodium.h>

#include <memory>
#include <string>

#include "challenges.hpp"
#include "evote/mix/shuffle.hpp"
#include "parallel_multi_exp.hpp"
#include "proof_layout.hpp"
#include "statement.hpp"
#include "t_hat_batch.hpp"

namespace evote::mix {

using crypto::Element;
using crypto::Scalar;
using crypto::Verdict;

namespace {

struct Context {
  const crypto::Group& group;
  const Element& public_key;
  const Rows& input;
  const Rows& output;
  const ShuffleProof& proof;
  const CommitmentGenerators& generators;
  std::size_t n;
  std::size_t width;
  std::shared_ptr<const crypto::FixedBase> g;
  std::vector<Scalar> u;
  Scalar c;
};

Element product(const crypto::Group& group, std::span<const Element> elements) {
  Element out = group.identity();
  for (const Element& e : elements) out = group.mul(out, e);
  return out;
}

// g^{s1} = t1 · c̄^c with c̄ = prod c_j / prod h_i.
bool check_t1(const Context& x) {
  const Element c_bar = x.group.div(product(x.group, x.proof.permutation_commitment),
                                    product(x.group, x.generators.h_i()));
  return x.g->exp(x.proof.s1) == x.group.mul(x.proof.t1, x.group.exp_vartime(c_bar, x.c));
}

// g^{s2} = t2 · ĉ^c with ĉ = ĉ_N / h^{prod u_j}.
bool check_t2(const Context& x) {
  Scalar u_product = x.group.scalars().one();
  for (const Scalar& u : x.u) u_product *= u;
  const Element c_hat = x.group.div(x.proof.commitment_chain.back(),
                                    x.group.exp_vartime(x.generators.h(), u_product));
  return x.g->exp(x.proof.s2) == x.group.mul(x.proof.t2, x.group.exp_vartime(c_hat, x.c));
}

// t3 · (prod c_j^{u_j})^c = g^{s3} · prod h_i^{s'_i}.
bool check_t3(const Context& x) {
  const Element c_tilde = detail::parallel_multi_exp(x.group, x.proof.permutation_commitment, x.u);
  const Element left = x.group.mul(x.proof.t3, x.group.exp_vartime(c_tilde, x.c));
  const Element right =
      x.group.mul(x.g->exp(x.proof.s3),
                  detail::parallel_multi_exp(x.group, x.generators.h_i(), x.proof.s_prime));
  return left == right;
}

// t4 · (prod x_j^{u_j})^c · base^{s4} = prod x'_i^{s'_i}, for one half of column k.
bool check_t4_half(const Context& x, std::size_t k, detail::Half half) {
  const bool is_a = half == detail::Half::a;
  const Element aggregate =
      detail::parallel_multi_exp(x.group, detail::column(x.input, k, half), x.u);
  const Element key_part =
      is_a ? x.g->exp(x.proof.s4[k]) : x.group.exp_vartime(x.public_key, x.proof.s4[k]);
  const Element& t4 = is_a ? x.proof.t4[k].a : x.proof.t4[k].b;
  const Element left = x.group.mul(x.group.mul(t4, x.group.exp_vartime(aggregate, x.c)), key_part);
  const Element right =
      detail::parallel_multi_exp(x.group, detail::column(x.output, k, half), x.proof.s_prime);
  return left == right;
}

// ĉ_{i-1}: h for i = 1.
const Element& chain_before(const Context& x, std::size_t i) {
  return i == 0 ? x.generators.h() : x.proof.commitment_chain[i - 1];
}

// t̂_i · ĉ_i^c = g^{ŝ_i} · ĉ_{i-1}^{s'_i} for one row (0-based i).
bool check_t_hat_row(const Context& x, std::size_t i) {
  const Element left =
      x.group.mul(x.proof.t_hat[i], x.group.exp_vartime(x.proof.commitment_chain[i], x.c));
  const Element right = x.group.mul(x.g->exp(x.proof.s_hat[i]),
                                    x.group.exp_vartime(chain_before(x, i), x.proof.s_prime[i]));
  return left == right;
}

// The t̂ checks batched; on failure, the first failing row.
std::string check_t_hat(const Context& x) {
  const std::vector<Scalar> delta = detail::batch_weights(x.group.scalars(), x.n);
  if (detail::check_t_hat_batch(x.group, *x.g, x.generators.h(), x.proof, x.c, delta)) return {};
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!check_t_hat_row(x, i)) return " (row " + std::to_string(i + 1) + ")";
  }
  return " (batch)";  // unreachable: the batch fails only if a row does
}

Verdict verify_checks(const Context& x) {
  const std::string prefix = "shuffle proof: ";
  if (!check_t1(x)) return Verdict::fail(prefix + "permutation commitment check t1 failed");
  if (!check_t2(x)) return Verdict::fail(prefix + "commitment chain check t2 failed");
  if (!check_t3(x)) return Verdict::fail(prefix + "permutation commitment check t3 failed");
  for (std::size_t k = 0; k < x.width; ++k) {
    for (const auto half : {detail::Half::a, detail::Half::b}) {
      if (!check_t4_half(x, k, half)) {
        return Verdict::fail(prefix + "ciphertext check t4 failed (column " +
                             std::to_string(k + 1) + ", " + (half == detail::Half::a ? "a" : "b") +
                             ")");
      }
    }
  }
  if (const std::string row = check_t_hat(x); !row.empty())
    return Verdict::fail(prefix + "commitment chain check t-hat failed" + row);
  return Verdict::pass();
}

Verdict verify_unchecked(const Element& public_key, const Rows& input, const Rows& output,
                         const ShuffleProof& proof, const CommitmentGenerators& generators) {
  const crypto::Group& group = public_key.group();
  if (auto problem = detail::statement_problem(public_key, input, output); !problem.empty())
    return Verdict::fail(problem);
  const std::size_t n = input.size(), width = detail::width_of(input);
  if (auto problem = detail::generators_problem(group, generators, input); !problem.empty())
    return Verdict::fail("shuffle proof: " + problem);
  if (auto problem = detail::proof_shape_problem(group, proof, n, width); !problem.empty())
    return Verdict::fail(problem);
  ShuffleChallenges challenges = shuffle_challenges(public_key, input, output, proof, generators);
  const Context x{group,
                  public_key,
                  input,
                  output,
                  proof,
                  generators,
                  n,
                  width,
                  group.precompute(group.generator()),
                  std::move(challenges.u),
                  std::move(challenges.c)};
  return verify_checks(x);
}

}  // namespace

Verdict verify_shuffle(const Element& public_key, const Rows& input, const Rows& output,
                       const ShuffleProof& proof, const CommitmentGenerators& generators) {
  try {
    return verify_unchecked(public_key, input, output, proof, generators);
  } catch (const crypto::Error& e) {
    // Arguments that mix groups end up here; a bad proof never does.
    return Verdict::fail(std::string("shuffle proof: ") + e.what());
  }
}

Verdict verify_shuffle(const Element& public_key, const Rows& input, const Rows& output,
                       const ShuffleProof& proof, const ShuffleSeed& seed) {
  const crypto::Group& group = public_key.group();
  if (auto problem = detail::statement_problem(public_key, input, output); !problem.empty())
    return Verdict::fail(problem);
  try {
    const auto generators =
        CommitmentGenerators::derive(group, seed, input.size(), detail::width_of(input));
    return verify_shuffle(public_key, input, output, proof, generators);
  } catch (const crypto::Error& e) {
    return Verdict::fail(std::string("shuffle proof: ") + e.what());
  }
}

}  // namespace evote::mix
