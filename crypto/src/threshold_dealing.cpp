// Dealing: a trustee's random polynomial, its Feldman commitments with a
// proof of knowledge of the constant term, and the shares f(1)..f(n).
#include "evote/crypto/error.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

using threshold_detail::index_scalar;

// f(x) by Horner's rule; coefficients[k] is the coefficient of x^k.
Scalar evaluate(std::span<const Scalar> coefficients, const Scalar& x) {
  Scalar acc = coefficients.back();
  for (std::size_t k = coefficients.size() - 1; k-- > 0;) acc = acc * x + coefficients[k];
  return acc;
}

}  // namespace

Dealing deal(const Group& group, const ThresholdParams& params, std::uint32_t dealer) {
  check_params(params);
  threshold_detail::require_trustee(params, dealer, "deal");
  const ScalarField& field = group.scalars();
  // a_0 nonzero so that C_0 is never the identity. The vector's scalars are
  // wiped by the library's GMP allocator when it goes out of scope.
  std::vector<Scalar> a;
  a.reserve(params.threshold);
  a.push_back(field.random_nonzero());
  while (a.size() < params.threshold) a.push_back(field.random());

  std::vector<Element> commitments;
  for (const Scalar& coefficient : a) commitments.push_back(group.exp_generator(coefficient));
  const Bytes context = dealer_proof_context(params, dealer, commitments);
  SchnorrProof proof = prove_schnorr(a[0], commitments[0], context);
  std::vector<Share> shares;
  shares.reserve(params.trustees);
  for (std::uint32_t j = 1; j <= params.trustees; ++j) {
    shares.push_back({dealer, j, evaluate(a, index_scalar(field, j))});
  }
  return {{dealer, std::move(commitments), std::move(proof)}, std::move(shares)};
}

Verdict verify_dealer_commitments(const Group& group, const ThresholdParams& params,
                                  const DealerCommitments& commitments) {
  check_params(params);
  const std::string who = "dealer " + std::to_string(commitments.dealer);
  if (commitments.dealer < 1 || commitments.dealer > params.trustees) {
    return Verdict::fail(who + ": index outside 1.." + std::to_string(params.trustees));
  }
  if (commitments.coefficients.size() != params.threshold) {
    return Verdict::fail(who + ": " + std::to_string(commitments.coefficients.size()) +
                         " commitments, expected t = " + std::to_string(params.threshold));
  }
  for (const Element& c : commitments.coefficients) {
    if (!threshold_detail::in_group(group, c)) {
      return Verdict::fail(who + ": a commitment is not in group " + std::string(group.name()));
    }
  }
  if (!threshold_detail::in_group(group, commitments.proof.commitment) ||
      &commitments.proof.response.field() != &group.scalars()) {
    return Verdict::fail(who + ": proof is not in group " + std::string(group.name()));
  }
  const Bytes context = dealer_proof_context(params, commitments.dealer, commitments.coefficients);
  const Verdict proof = verify_schnorr(commitments.coefficients[0], commitments.proof, context);
  if (!proof) return Verdict::fail(who + ": " + proof.reason);
  return Verdict::pass();
}

}  // namespace evote::crypto
