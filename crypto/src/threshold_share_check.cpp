// The Feldman check of a received share against its dealer's commitments.
#include "evote/crypto/error.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

Element share_commitment(const Group& group, std::span<const Element> coefficients,
                         std::uint32_t trustee) {
  if (coefficients.empty()) throw Error("share commitment: no coefficients");
  const ScalarField& field = group.scalars();
  const Scalar j = threshold_detail::index_scalar(field, trustee);
  std::vector<Scalar> powers;  // j^0 .. j^(t-1): public and small
  powers.reserve(coefficients.size());
  powers.push_back(field.one());
  while (powers.size() < coefficients.size()) powers.push_back(powers.back() * j);
  return group.multi_exp(coefficients, powers);
}

Verdict check_share(const Group& group, const DealerCommitments& commitments, const Share& share) {
  const std::string what = "share from dealer " + std::to_string(share.dealer) + " to trustee " +
                           std::to_string(share.recipient);
  if (share.dealer != commitments.dealer) {
    throw Error(what + ": checked against the commitments of dealer " +
                std::to_string(commitments.dealer));
  }
  if (&share.value.field() != &group.scalars()) {
    throw Error(what + ": a scalar of " + share.value.field().name() + ", expected " +
                std::string(group.name()));
  }
  for (const Element& c : commitments.coefficients) {
    if (!threshold_detail::in_group(group, c)) {
      return Verdict::fail(what + ": a commitment is not in group " + std::string(group.name()));
    }
  }
  if (commitments.coefficients.empty()) return Verdict::fail(what + ": dealer has no commitments");
  // g^s is computed in constant time: s is the recipient's secret.
  const Element lhs = group.exp_generator(share.value);
  if (lhs != share_commitment(group, commitments.coefficients, share.recipient)) {
    return Verdict::fail(what + " fails the Feldman check: g^share != prod_k C_k^(j^k)");
  }
  return Verdict::pass();
}

}  // namespace evote::crypto
