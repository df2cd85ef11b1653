// Key derivation after the dealing: the qualified set Q, the joint public
// key, the trustees' verification keys and a trustee's secret share.
#include <algorithm>

#include "evote/crypto/error.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

void require_qualified_set(const ThresholdParams& params, std::span<const std::uint32_t> q) {
  for (std::size_t k = 0; k < q.size(); ++k) {
    threshold_detail::require_trustee(params, q[k], "qualified set");
    if (k > 0 && q[k] <= q[k - 1]) throw Error("qualified set: not strictly ascending");
  }
  if (q.size() < params.threshold) {
    throw Error("qualified set: " + std::to_string(q.size()) +
                " dealers, at least t = " + std::to_string(params.threshold) + " needed");
  }
}

const DealerCommitments& commitments_of(std::span<const DealerCommitments> dealers,
                                        std::uint32_t dealer) {
  const DealerCommitments* found = nullptr;
  for (const DealerCommitments& d : dealers) {
    if (d.dealer != dealer) continue;
    if (found)
      throw Error("joint key: two sets of commitments from dealer " + std::to_string(dealer));
    found = &d;
  }
  if (!found)
    throw Error("joint key: no commitments from qualified dealer " + std::to_string(dealer));
  return *found;
}

}  // namespace

std::vector<std::uint32_t> qualified_dealers(const ThresholdParams& params,
                                             std::span<const std::uint32_t> disqualified) {
  check_params(params);
  for (std::uint32_t d : disqualified) threshold_detail::require_trustee(params, d, "disqualified");
  std::vector<std::uint32_t> q;
  for (std::uint32_t i = 1; i <= params.trustees; ++i) {
    if (std::find(disqualified.begin(), disqualified.end(), i) == disqualified.end())
      q.push_back(i);
  }
  if (q.size() < params.threshold) {
    throw Error("qualified set: only " + std::to_string(q.size()) + " of " +
                std::to_string(params.trustees) +
                " dealers remain, t = " + std::to_string(params.threshold) + " needed");
  }
  return q;
}

JointKey derive_joint_key(const Group& group, const ThresholdParams& params,
                          std::span<const DealerCommitments> dealers,
                          std::span<const std::uint32_t> qualified) {
  check_params(params);
  require_qualified_set(params, qualified);
  std::vector<Element> sum(params.threshold, group.identity());
  for (std::uint32_t i : qualified) {
    const DealerCommitments& d = commitments_of(dealers, i);
    if (const Verdict v = verify_dealer_commitments(group, params, d); !v) {
      throw Error("joint key: qualified " + v.reason + " (disqualify it first)");
    }
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] = group.mul(sum[k], d.coefficients[k]);
  }
  Element y = sum[0];
  return {{qualified.begin(), qualified.end()}, std::move(sum), std::move(y)};
}

Element verification_key(const JointKey& key, std::uint32_t trustee) {
  if (trustee < 1) throw Error("verification key: trustee index 0 (trustees are 1..n)");
  return share_commitment(key.public_key.group(), key.coefficients, trustee);
}

Scalar derive_secret_share(const JointKey& key, std::uint32_t trustee,
                           std::span<const Share> received) {
  const Group& group = key.public_key.group();
  Scalar x = group.scalars().zero();
  for (std::uint32_t i : key.qualified) {
    const Share* found = nullptr;
    for (const Share& s : received) {
      if (s.dealer != i || s.recipient != trustee) continue;
      if (found)
        throw Error("secret share of trustee " + std::to_string(trustee) +
                    ": two shares from dealer " + std::to_string(i));
      found = &s;
    }
    if (!found)
      throw Error("secret share of trustee " + std::to_string(trustee) +
                  ": no share from qualified dealer " + std::to_string(i));
    x += found->value;
  }
  // A mismatch means a share was not checked (check_share) before use.
  if (group.exp_generator(x) != verification_key(key, trustee)) {
    throw Error("secret share of trustee " + std::to_string(trustee) +
                " does not match its verification key (an unchecked share?)");
  }
  return x;
}

}  // namespace evote::crypto
