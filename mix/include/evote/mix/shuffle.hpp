// Re-encryption shuffle of ciphertext rows and its Terelius–Wikström proof of
// shuffle, made non-interactive by Fiat–Shamir over the whole statement
// (group, key, seed, every input and output row, the commitments).
// specs/mix.md gives every algorithm and byte.
//
// Generic over evote::crypto::Group. The exponentiations run on all cores
// (std::thread) and use variable-time fixed-base tables and multi-
// exponentiation, also with the secret witness: mix servers run offline
// (see group.hpp).
#pragma once

#include <cstddef>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/group.hpp"
#include "evote/mix/generators.hpp"
#include "evote/mix/permutation.hpp"
#include "evote/mix/rows.hpp"

namespace evote::mix {

// The secret of a shuffle: output row i is input row permutation[i] with
// ciphertext k re-encrypted by randomness[i][k]. Scalars wipe themselves when
// freed (crypto/init.hpp); the permutation wipes its indices.
struct ShuffleWitness {
  Permutation permutation;
  std::vector<std::vector<crypto::Scalar>> randomness;
};

struct ShuffleResult {
  Rows output;
  ShuffleWitness witness;
};

// Re-encrypts every ciphertext with fresh randomness and permutes the rows
// uniformly. Throws Error for no rows, a zero or uneven width, or elements
// of another group than the key's.
ShuffleResult shuffle(const crypto::Element& public_key, const Rows& input);
// The same with the caller's permutation and randomness (test vectors).
Rows shuffle_with(const crypto::Element& public_key, const Rows& input,
                  const ShuffleWitness& witness);

// Sizes: N = rows, w = width. Indices in comments count from 1 as in the spec.
struct ShuffleProof {
  std::vector<crypto::Element> permutation_commitment;  // c_1..c_N
  std::vector<crypto::Element> commitment_chain;        // ĉ_1..ĉ_N
  crypto::Element t1, t2, t3;
  std::vector<crypto::Ciphertext> t4;  // one (a, b) pair per column
  std::vector<crypto::Element> t_hat;  // t̂_1..t̂_N
  crypto::Scalar s1, s2, s3;
  std::vector<crypto::Scalar> s4;       // one per column
  std::vector<crypto::Scalar> s_hat;    // ŝ_1..ŝ_N
  std::vector<crypto::Scalar> s_prime;  // s'_1..s'_N
};

// Proves that `output` is a re-encryption and permutation of `input` under
// `public_key`, with the witness that `shuffle` returned. Throws Error for
// arguments that do not fit together (sizes, widths, groups, generators).
// A witness that does not match the rows gives a proof that fails to verify.
ShuffleProof prove_shuffle(const crypto::Element& public_key, const Rows& input, const Rows& output,
                           const ShuffleWitness& witness, const CommitmentGenerators& generators);
ShuffleProof prove_shuffle(const crypto::Element& public_key, const Rows& input, const Rows& output,
                           const ShuffleWitness& witness, const ShuffleSeed& seed);

// Never throws for a bad proof or statement: the Verdict names the first
// failed check ("shuffle proof: permutation commitment check t1 failed", ...,
// "output has 9 rows, input has 10").
crypto::Verdict verify_shuffle(const crypto::Element& public_key, const Rows& input,
                               const Rows& output, const ShuffleProof& proof,
                               const ShuffleSeed& seed);
// With generators derived beforehand (they carry their seed).
crypto::Verdict verify_shuffle(const crypto::Element& public_key, const Rows& input,
                               const Rows& output, const ShuffleProof& proof,
                               const CommitmentGenerators& generators);

// The Fiat–Shamir challenges of a proof, u_1..u_N and c: for test vectors
// and for checking an independent verifier step by step. Throws Error for a
// statement, proof and generators that do not fit together.
struct ShuffleChallenges {
  std::vector<crypto::Scalar> u;
  crypto::Scalar c;
};
ShuffleChallenges shuffle_challenges(const crypto::Element& public_key, const Rows& input,
                                     const Rows& output, const ShuffleProof& proof,
                                     const CommitmentGenerators& generators);

// Fixed layout (specs/mix.md, "Proof encoding"); the decoder is strict and its
// DecodeError names the field ("shuffle proof: t_hat[3]: ...").
crypto::Bytes encode(const ShuffleProof& proof);
ShuffleProof decode_shuffle_proof(const crypto::Group& group, crypto::BytesView bytes);

// The prover's random choices (specs/mix.md names them). For test vectors
// only: nonces used twice reveal the permutation.
struct ProverNonces {
  std::vector<crypto::Scalar> r;      // r_1..r_N, permutation commitment (by input row)
  std::vector<crypto::Scalar> r_hat;  // r̂_1..r̂_N, commitment chain
  crypto::Scalar omega1, omega2, omega3;
  std::vector<crypto::Scalar> omega4;       // one per column
  std::vector<crypto::Scalar> omega_hat;    // ω̂_1..ω̂_N
  std::vector<crypto::Scalar> omega_prime;  // ω'_1..ω'_N
};

ShuffleProof prove_shuffle_with_nonces(const crypto::Element& public_key, const Rows& input,
                                       const Rows& output, const ShuffleWitness& witness,
                                       const CommitmentGenerators& generators,
                                       const ProverNonces& nonces);

}  // namespace evote::mix
