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

// Items 1-8: everything before the rows (group, g, key, seed, sizes).
crypto::Transcript begin_statement(const crypto::Element& public_key, const ShuffleSeed& seed,
                                   std::size_t rows, std::size_t width);

// The labels of the streamed items, in transcript order. A streaming prover
// or verifier absorbs each with begin_item(label, count · E), the canonical
// encodings in order, end_item().
inline constexpr std::string_view kInputLabel = "input";
inline constexpr std::string_view kOutputLabel = "output";
inline constexpr std::string_view kPermutationCommitmentLabel = "permutation_commitment";
inline constexpr std::string_view kCommitmentChainLabel = "commitment_chain";
inline constexpr std::string_view kTHatLabel = "t_hat";

// t1, t2, t3 and t4 (items 13-16), between the chain and t̂.
void absorb_t_values(crypto::Transcript& transcript, const crypto::Element& t1,
                     const crypto::Element& t2, const crypto::Element& t3,
                     std::span<const crypto::Ciphertext> t4);

// u_{i+1} (i counts from 0) from the digest after the permutation commitment.
crypto::Scalar u_at(const crypto::Digest& digest, const crypto::ScalarField& field, std::size_t i);

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
