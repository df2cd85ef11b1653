// Combining: verify every trustee's partial decryptions, name and skip the
// bad ones, and interpolate t valid ones.
#include <algorithm>
#include <map>

#include "evote/crypto/error.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

std::string list_rejected(std::span<const RejectedTrustee> rejected) {
  std::string out;
  for (const RejectedTrustee& r : rejected)
    out += "; trustee " + std::to_string(r.trustee) + ": " + r.reason;
  return out;
}

std::string list_indices(std::span<const std::uint32_t> indices) {
  std::string out;
  for (std::uint32_t j : indices) out += (out.empty() ? "" : ", ") + std::to_string(j);
  return out.empty() ? "none" : out;
}

}  // namespace

CombinedDecryption combine_partial_decryptions(const ThresholdParams& params, const JointKey& key,
                                               std::span<const Ciphertext> ciphertexts,
                                               std::span<const TrusteeDecryptions> submissions,
                                               const DecryptionContext& context) {
  check_params(params);
  std::map<std::uint32_t, int> times;
  for (const TrusteeDecryptions& s : submissions) ++times[s.trustee];
  const std::vector<TrusteeVerdict> verdicts =
      verify_partial_decryptions(params, key, ciphertexts, submissions, context);

  CombinedDecryption out;
  std::vector<const TrusteeDecryptions*> valid;
  for (std::size_t s = 0; s < submissions.size(); ++s) {
    const std::uint32_t j = submissions[s].trustee;
    if (times[j] > 1) {
      out.rejected.push_back({j, "submitted " + std::to_string(times[j]) + " times"});
      times[j] = 0;  // named once; its other submissions are skipped
    } else if (times[j] == 0) {
      continue;
    } else if (!verdicts[s].ok()) {
      out.rejected.push_back({j, verdicts[s].reason});
    } else {
      valid.push_back(&submissions[s]);
    }
  }
  std::sort(valid.begin(), valid.end(),
            [](const auto* x, const auto* y) { return x->trustee < y->trustee; });
  std::vector<std::uint32_t> valid_indices;
  for (const TrusteeDecryptions* v : valid) valid_indices.push_back(v->trustee);
  if (valid.size() < params.threshold) {
    throw Error("combine: only " + std::to_string(valid.size()) + " trustees have valid partial " +
                "decryptions (" + list_indices(valid_indices) + "), t = " +
                std::to_string(params.threshold) + " needed" + list_rejected(out.rejected));
  }
  valid.resize(params.threshold);
  out.used.assign(valid_indices.begin(), valid_indices.begin() + params.threshold);
  out.plaintexts = threshold_detail::lagrange_combine_refs(ciphertexts, valid);
  return out;
}

}  // namespace evote::crypto
