// Settling a complaint about a dealt share (the rule is in threshold.hpp,
// resolve_complaint, and specs/keys.md).
#include "evote/crypto/error.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

ComplaintOutcome blame(Culprit who, const Complaint& complaint, std::string reason) {
  const std::uint32_t trustee = who == Culprit::dealer ? complaint.dealer : complaint.accuser;
  const std::string role = who == Culprit::dealer ? "dealer " : "accuser ";
  return {who, trustee, role + std::to_string(trustee) + " disqualified: " + std::move(reason)};
}

bool is_for(const SignedShare& s, const Complaint& complaint) {
  return s.share.dealer == complaint.dealer && s.share.recipient == complaint.accuser;
}

void check_arguments(const ThresholdParams& params, const DealerCommitments& commitments,
                     const Complaint& complaint) {
  check_params(params);
  threshold_detail::require_trustee(params, complaint.accuser, "complaint accuser");
  threshold_detail::require_trustee(params, complaint.dealer, "complaint dealer");
  if (complaint.accuser == complaint.dealer) {
    throw Error("complaint: trustee " + std::to_string(complaint.dealer) +
                " complains about itself");
  }
  if (commitments.dealer != complaint.dealer) {
    throw Error("complaint against dealer " + std::to_string(complaint.dealer) +
                " settled with the commitments of dealer " + std::to_string(commitments.dealer));
  }
}

// Rule 2: the accuser revealed the signed share it received.
ComplaintOutcome settle_revealed(const Group& group, const ThresholdParams& params,
                                 const DealerCommitments& commitments,
                                 const Ed25519PublicKey& dealer_key, const Complaint& complaint) {
  const SignedShare& revealed = *complaint.revealed;
  if (!is_for(revealed, complaint)) {
    return blame(Culprit::accuser, complaint, "the revealed share is for another dealer/recipient");
  }
  if (&revealed.share.value.field() != &group.scalars()) {
    return blame(Culprit::accuser, complaint, "the revealed share is not a scalar of the group");
  }
  if (const Verdict sig = verify_share_signature(group, params, commitments, revealed, dealer_key);
      !sig) {
    return blame(Culprit::accuser, complaint,
                 "the revealed share is not signed by the dealer (" + sig.reason + ")");
  }
  if (const Verdict check = check_share(group, commitments, revealed.share); !check) {
    return blame(Culprit::dealer, complaint, "it signed a bad share: " + check.reason);
  }
  return blame(Culprit::accuser, complaint, "false complaint: the revealed share passes the check");
}

// Rule 3: no valid share arrived; the dealer must answer with one in public.
ComplaintOutcome settle_missing(const Group& group, const ThresholdParams& params,
                                const DealerCommitments& commitments,
                                const Ed25519PublicKey& dealer_key, const Complaint& complaint,
                                const std::optional<SignedShare>& answer) {
  if (!answer) return blame(Culprit::dealer, complaint, "no answer to the complaint");
  if (!is_for(*answer, complaint)) {
    return blame(Culprit::dealer, complaint, "its answer is a share for another recipient");
  }
  if (&answer->share.value.field() != &group.scalars()) {
    return blame(Culprit::dealer, complaint, "its answer is not a scalar of the group");
  }
  if (const Verdict sig = verify_share_signature(group, params, commitments, *answer, dealer_key);
      !sig) {
    return blame(Culprit::dealer, complaint,
                 "its answer is not validly signed (" + sig.reason + ")");
  }
  if (const Verdict check = check_share(group, commitments, answer->share); !check) {
    return blame(Culprit::dealer, complaint, "its answer fails the check: " + check.reason);
  }
  return {Culprit::none, 0,
          "complaint settled: dealer " + std::to_string(complaint.dealer) +
              " published a valid share for trustee " + std::to_string(complaint.accuser)};
}

}  // namespace

ComplaintOutcome resolve_complaint(const Group& group, const ThresholdParams& params,
                                   const DealerCommitments& dealer_commitments,
                                   const Ed25519PublicKey& dealer_key, const Complaint& complaint,
                                   const std::optional<SignedShare>& answer) {
  check_arguments(params, dealer_commitments, complaint);
  if (const Verdict v = verify_dealer_commitments(group, params, dealer_commitments); !v) {
    return blame(Culprit::dealer, complaint, "its commitments do not verify: " + v.reason);
  }
  if (complaint.revealed) {
    return settle_revealed(group, params, dealer_commitments, dealer_key, complaint);
  }
  return settle_missing(group, params, dealer_commitments, dealer_key, complaint, answer);
}

}  // namespace evote::crypto
