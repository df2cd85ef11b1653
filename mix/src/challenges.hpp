// The Fiat–Shamir transcript of a shuffle proof and the challenges drawn
// from it (specs/mix.md, "Challenges"): one transcript absorbs the whole
// statement and the permutation commitment, gives u_1..u_N, then absorbs the
// prover's commitments and gives c.
#pragma once

#include <span>
#include <vector>

#include "evote/crypto/transcript.hpp"
#include "evote/mix/shuffle.hpp"

namespace evote::mix::detail {

// Challenges are 256-bit integers reduced mod q: enough for soundness under
// grinding, and short exponents where q is long (modp3072).
inline constexpr std::size_t kChallengeBytes = 32;

// Items up to and including the permutation commitment.
crypto::Transcript start_transcript(const crypto::Element& public_key,
                                    const CommitmentGenerators& generators, const Rows& input,
                                    const Rows& output,
                                    std::span<const crypto::Element> permutation_commitment);

// u_i = int(xof("evote/shuffle/u/v1", digest || be64(i), 32)) mod q, i = 1..n.
std::vector<crypto::Scalar> derive_u(const crypto::Transcript& transcript,
                                     const crypto::ScalarField& field, std::size_t n);

// The commitment chain, t1, t2, t3, t4 and t_hat, in that order.
void absorb_commitments(crypto::Transcript& transcript, const ShuffleProof& proof);

// c = int(xof("evote/shuffle/c/v1", digest, 32)) mod q.
crypto::Scalar derive_c(const crypto::Transcript& transcript, const crypto::ScalarField& field);

// int(bytes) mod q, big-endian.
crypto::Scalar scalar_from_be(const crypto::ScalarField& field, crypto::BytesView bytes);

}  // namespace evote::mix::detail
