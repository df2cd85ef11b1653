// The Terelius–Wikström prover for rows of width w (specs/mix.md, "Prover").
//
// The commitment chain ĉ_i = g^{r̂_i} ĉ_{i-1}^{u'_i} is computed in the closed
// form ĉ_i = g^{R_i} h^{U_i} (R_i = r̂_i + u'_i R_{i-1}, U_i = u'_i U_{i-1}),
// and t̂_i = g^{ω̂_i} ĉ_{i-1}^{ω'_i} likewise: two fixed-base exponentiations
// each instead of a chain of variable-base ones, and no sequential step, so
// the work spreads over the cores.
#include <memory>
#include <string>

#include "challenges.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/mix/shuffle.hpp"
#include "parallel_multi_exp.hpp"
#include "proof_layout.hpp"
#include "prover_nonces.hpp"
#include "statement.hpp"

namespace evote::mix {

using crypto::Element;
using crypto::Error;
using crypto::Scalar;

namespace {

struct Context {
  const crypto::Group& group;
  const Element& public_key;
  const Rows& input;
  const Rows& output;
  const ShuffleWitness& witness;
  const CommitmentGenerators& generators;
  const ProverNonces& nonces;
  std::size_t n;
  std::size_t width;
  std::shared_ptr<const crypto::FixedBase> g;  // table for g
  std::shared_ptr<const crypto::FixedBase> h;  // table for h
};

void check_arguments(const Context& x) {
  auto fail = [](const std::string& why) { throw Error("shuffle proof: " + why); };
  if (auto problem = detail::statement_problem(x.public_key, x.input, x.output); !problem.empty())
    fail(problem);
  if (auto problem = detail::generators_problem(x.group, x.generators, x.input); !problem.empty())
    fail(problem);
  if (auto problem = detail::witness_problem(x.group, x.witness, x.n, x.width); !problem.empty())
    fail(problem);
  if (auto problem = detail::nonces_problem(x.group, x.nonces, x.n, x.width); !problem.empty())
    fail(problem);
}

// c_j = g^{r_j} h_{i} for the output row i that input row j goes to.
std::vector<Element> commit_permutation(const Context& x) {
  const Permutation inverse = x.witness.permutation.inverse();
  std::vector<Element> c(x.n, x.group.identity());
  crypto::parallel_ranges(x.n, 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t j = begin; j < end; ++j)
      c[j] = x.group.mul(x.g->exp(x.nonces.r[j]), x.generators.h_i()[inverse[j]]);
  });
  return c;
}

// R_0..R_N and U_0..U_N of the closed form (R_0 = 0, U_0 = 1).
struct ChainExponents {
  std::vector<Scalar> R;
  std::vector<Scalar> U;
};

ChainExponents chain_exponents(const Context& x, const std::vector<Scalar>& u_prime) {
  const crypto::ScalarField& f = x.group.scalars();
  ChainExponents e{{f.zero()}, {f.one()}};
  e.R.reserve(x.n + 1);
  e.U.reserve(x.n + 1);
  for (std::size_t i = 0; i < x.n; ++i) {
    e.R.push_back(x.nonces.r_hat[i] + u_prime[i] * e.R[i]);
    e.U.push_back(u_prime[i] * e.U[i]);
  }
  return e;
}

// ĉ_i = g^{R_i} h^{U_i} and t̂_i = g^{ω̂_i + ω'_i R_{i-1}} h^{ω'_i U_{i-1}}.
void chain_and_t_hat(const Context& x, const ChainExponents& e, ShuffleProof& proof) {
  proof.commitment_chain.assign(x.n, x.group.identity());
  proof.t_hat.assign(x.n, x.group.identity());
  crypto::parallel_ranges(x.n, 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const Scalar& w = x.nonces.omega_prime[i];
      proof.commitment_chain[i] = x.group.mul(x.g->exp(e.R[i + 1]), x.h->exp(e.U[i + 1]));
      proof.t_hat[i] =
          x.group.mul(x.g->exp(x.nonces.omega_hat[i] + w * e.R[i]), x.h->exp(w * e.U[i]));
    }
  });
}

// t1, t2, t3 and t4 (per column: g^{-ω4} prod a'^{ω'}, y^{-ω4} prod b'^{ω'}).
void t1_to_t4(const Context& x, ShuffleProof& proof) {
  const auto& nonces = x.nonces;
  proof.t1 = x.g->exp(nonces.omega1);
  proof.t2 = x.g->exp(nonces.omega2);
  proof.t3 =
      x.group.mul(x.g->exp(nonces.omega3),
                  detail::parallel_multi_exp(x.group, x.generators.h_i(), nonces.omega_prime));
  proof.t4.clear();
  for (std::size_t k = 0; k < x.width; ++k) {
    const Scalar minus = -nonces.omega4[k];
    const auto a = detail::column(x.output, k, detail::Half::a);
    const auto b = detail::column(x.output, k, detail::Half::b);
    proof.t4.push_back(
        {x.group.mul(x.g->exp(minus), detail::parallel_multi_exp(x.group, a, nonces.omega_prime)),
         x.group.mul(x.group.exp(x.public_key, minus),
                     detail::parallel_multi_exp(x.group, b, nonces.omega_prime))});
  }
}

void responses(const Context& x, const Scalar& c, const std::vector<Scalar>& u,
               const std::vector<Scalar>& u_prime, const ChainExponents& e, ShuffleProof& proof) {
  const crypto::ScalarField& f = x.group.scalars();
  const auto& nonces = x.nonces;
  Scalar r_bar = f.zero(), r_tilde = f.zero();
  for (std::size_t j = 0; j < x.n; ++j) {
    r_bar += nonces.r[j];
    r_tilde += nonces.r[j] * u[j];
  }
  proof.s1 = nonces.omega1 + c * r_bar;
  proof.s2 = nonces.omega2 + c * e.R[x.n];
  proof.s3 = nonces.omega3 + c * r_tilde;
  proof.s4.clear();
  for (std::size_t k = 0; k < x.width; ++k) {
    Scalar r_prime = f.zero();
    for (std::size_t i = 0; i < x.n; ++i) r_prime += u_prime[i] * x.witness.randomness[i][k];
    proof.s4.push_back(nonces.omega4[k] + c * r_prime);
  }
  proof.s_hat.clear();
  proof.s_prime.clear();
  for (std::size_t i = 0; i < x.n; ++i) {
    proof.s_hat.push_back(nonces.omega_hat[i] + c * nonces.r_hat[i]);
    proof.s_prime.push_back(nonces.omega_prime[i] + c * u_prime[i]);
  }
}

}  // namespace

ShuffleProof prove_shuffle_with_nonces(const Element& public_key, const Rows& input,
                                       const Rows& output, const ShuffleWitness& witness,
                                       const CommitmentGenerators& generators,
                                       const ProverNonces& nonces) {
  const crypto::Group& group = public_key.group();
  Context x{group,   public_key,   input,
            output,  witness,      generators,
            nonces,  input.size(), detail::width_of(input),
            nullptr, nullptr};
  check_arguments(x);
  x.g = group.precompute(group.generator());
  x.h = group.precompute(generators.h());

  ShuffleProof proof = detail::blank_proof(group);
  proof.permutation_commitment = commit_permutation(x);
  crypto::Transcript transcript =
      detail::start_transcript(public_key, generators, input, output, proof.permutation_commitment);
  const std::vector<Scalar> u = detail::derive_u(transcript, group.scalars(), x.n);
  std::vector<Scalar> u_prime;  // u'_i = u_{π(i)}: secret, it reveals π
  u_prime.reserve(x.n);
  for (std::size_t i = 0; i < x.n; ++i) u_prime.push_back(u[witness.permutation[i]]);

  const ChainExponents e = chain_exponents(x, u_prime);
  chain_and_t_hat(x, e, proof);
  t1_to_t4(x, proof);
  detail::absorb_commitments(transcript, proof);
  const Scalar c = detail::derive_c(transcript, group.scalars());
  responses(x, c, u, u_prime, e, proof);
  return proof;
}

ShuffleProof prove_shuffle(const Element& public_key, const Rows& input, const Rows& output,
                           const ShuffleWitness& witness, const CommitmentGenerators& generators) {
  const ProverNonces nonces =
      detail::random_nonces(public_key.group(), input.size(), detail::width_of(input));
  return prove_shuffle_with_nonces(public_key, input, output, witness, generators, nonces);
}

ShuffleProof prove_shuffle(const Element& public_key, const Rows& input, const Rows& output,
                           const ShuffleWitness& witness, const ShuffleSeed& seed) {
  const std::size_t width = detail::width_of(input);
  if (input.empty() || width == 0) throw Error("shuffle proof: input has no rows or width 0");
  return prove_shuffle(public_key, input, output, witness,
                       CommitmentGenerators::derive(public_key.group(), seed, input.size(), width));
}

}  // namespace evote::mix
