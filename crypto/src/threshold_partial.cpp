// Partial decryption: d_j = a^{x_j} with a Chaum–Pedersen proof that
// log_g Y_j = log_a d_j, bound to election, list, trustee and position.
#include <algorithm>
#include <iterator>

#include "evote/crypto/error.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

// Ciphertexts per parallel job: at most 256, and at least 8 jobs per thread
// so that the threads finish together also for short lists in slow groups
// (a modp3072 partial decryption takes tens of milliseconds).
std::size_t job_size(std::size_t count) {
  return std::clamp<std::size_t>(count / (8 * std::size_t{hardware_threads()}), 1, 256);
}

}  // namespace

PartialDecryption partial_decrypt(const Scalar& secret_share, const Element& verification_key,
                                  const Ciphertext& ciphertext, const DecryptionContext& context,
                                  std::uint32_t trustee, std::uint64_t position) {
  const Group& group = verification_key.group();
  // Constant time: the exponent is the trustee's secret share.
  Element d = group.exp(ciphertext.a, secret_share);
  const Bytes proof_context = partial_decryption_context(context, trustee, position);
  ChaumPedersenProof proof =
      prove_chaum_pedersen(secret_share, ciphertext.a, verification_key, d, proof_context);
  return {std::move(d), std::move(proof)};
}

TrusteeDecryptions partial_decrypt_all(const Scalar& secret_share, const Element& verification_key,
                                       std::span<const Ciphertext> ciphertexts,
                                       const DecryptionContext& context, std::uint32_t trustee) {
  if (trustee < 1) throw Error("partial decryption: trustee index 0 (trustees are 1..n)");
  const Group& group = verification_key.group();
  // A wrong share would only give proofs that fail; say so at once instead.
  if (group.exp_generator(secret_share) != verification_key) {
    throw Error("partial decryption: the secret share of trustee " + std::to_string(trustee) +
                " does not match its verification key");
  }
  const Element key = threshold_detail::with_encoding(verification_key);
  const std::size_t per_job = job_size(ciphertexts.size());
  std::vector<std::vector<PartialDecryption>> chunks((ciphertexts.size() + per_job - 1) / per_job);
  parallel_for(chunks.size(), [&](std::size_t job) {
    const std::size_t lo = job * per_job, hi = std::min(ciphertexts.size(), lo + per_job);
    auto& chunk = chunks[job];
    chunk.reserve(hi - lo);
    for (std::size_t p = lo; p < hi; ++p) {
      chunk.push_back(partial_decrypt(secret_share, key, ciphertexts[p], context, trustee, p));
    }
  });
  TrusteeDecryptions out{trustee, {}};
  out.parts.reserve(ciphertexts.size());
  for (auto& chunk : chunks) std::move(chunk.begin(), chunk.end(), std::back_inserter(out.parts));
  return out;
}

Verdict verify_partial_decryption(const Element& verification_key, const Ciphertext& ciphertext,
                                  const PartialDecryption& part, const DecryptionContext& context,
                                  std::uint32_t trustee, std::uint64_t position) {
  const Bytes proof_context = partial_decryption_context(context, trustee, position);
  const Verdict v =
      verify_chaum_pedersen(ciphertext.a, verification_key, part.share, part.proof, proof_context);
  if (!v) {
    return Verdict::fail("trustee " + std::to_string(trustee) + ", partial decryption " +
                         std::to_string(position) + ": " + v.reason);
  }
  return Verdict::pass();
}

}  // namespace evote::crypto
