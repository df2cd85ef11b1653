// Sigma proofs made non-interactive by Fiat–Shamir (transcript.hpp). Each
// proof is kept in commitment–response form so that many can be checked in
// one batch. Every challenge hashes the group name, the generator, the whole
// statement and the caller's context under a domain tag of its own
// (specs/crypto.md, "Proofs"). Verification never throws for a bad proof: it
// returns a Verdict naming the failed check; it throws only for arguments of
// the wrong group.
#pragma once

#include <cstdint>
#include <string>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/group.hpp"

namespace evote::crypto {

// Knowledge of x with h = g^x. Encoding: commitment || response.
struct SchnorrProof {
  Element commitment;  // g^w
  Scalar response;     // w + c*x
};

SchnorrProof prove_schnorr(const Scalar& x, const Element& h, BytesView context);
Verdict verify_schnorr(const Element& h, const SchnorrProof& proof, BytesView context);

// Equality of discrete logs: h = g^x and v = u^x.
// Encoding: commitment_g || commitment_u || response.
struct ChaumPedersenProof {
  Element commitment_g;  // g^w
  Element commitment_u;  // u^w
  Scalar response;       // w + c*x
};

ChaumPedersenProof prove_chaum_pedersen(const Scalar& x, const Element& u, const Element& h,
                                        const Element& v, BytesView context);
Verdict verify_chaum_pedersen(const Element& u, const Element& h, const Element& v,
                              const ChaumPedersenProof& proof, BytesView context);
// The Fiat–Shamir challenge c of a Chaum–Pedersen proof with commitments
// (A, B) = (commitment_g, commitment_u), exactly as verify_chaum_pedersen
// recomputes it; for batch verification (threshold.hpp). Throws Error for
// elements of different groups.
Scalar chaum_pedersen_challenge(const Element& u, const Element& h, const Element& v,
                                const Element& commitment_g, const Element& commitment_u,
                                BytesView context);

// What a ballot ciphertext is bound to: a copy of it for another election,
// contest, voter or position in the row does not verify.
struct BallotContext {
  std::string election_id;
  std::string contest_id;
  std::string voter_id;
  std::uint32_t position = 0;  // index of the ciphertext in the contest's row
};

// Knowledge of the randomness r of c = (g^r, g^m y^r), bound to the whole
// ciphertext, the election key and the context. Encoding: commitment || response.
struct BallotProof {
  Element commitment;  // g^w
  Scalar response;     // w + c*r
};

BallotProof prove_ballot(const Element& public_key, const Ciphertext& c, const Scalar& r,
                         const BallotContext& context);
Verdict verify_ballot(const Element& public_key, const Ciphertext& c, const BallotProof& proof,
                      const BallotContext& context);

// Encodings (fixed length) and strict decoders (DecodeError names the field).
Bytes encode(const SchnorrProof& proof);
Bytes encode(const ChaumPedersenProof& proof);
Bytes encode(const BallotProof& proof);
SchnorrProof decode_schnorr_proof(const Group& group, BytesView bytes);
ChaumPedersenProof decode_chaum_pedersen_proof(const Group& group, BytesView bytes);
BallotProof decode_ballot_proof(const Group& group, BytesView bytes);

// Deterministic variants with the caller's nonce w: for test vectors only.
// A nonce used twice reveals the secret.
SchnorrProof prove_schnorr_with_nonce(const Scalar& x, const Element& h, BytesView context,
                                      const Scalar& nonce);
ChaumPedersenProof prove_chaum_pedersen_with_nonce(const Scalar& x, const Element& u,
                                                   const Element& h, const Element& v,
                                                   BytesView context, const Scalar& nonce);
BallotProof prove_ballot_with_nonce(const Element& public_key, const Ciphertext& c,
                                    const Scalar& r, const BallotContext& context,
                                    const Scalar& nonce);

}  // namespace evote::crypto
