#include "evote/crypto/proofs.hpp"

#include <array>

#include "evote/crypto/transcript.hpp"

namespace evote::crypto {

namespace {

constexpr std::string_view kSchnorrTag = "evote/schnorr/v1";
constexpr std::string_view kChaumPedersenTag = "evote/chaum-pedersen/v1";
constexpr std::string_view kBallotTag = "evote/ballot-proof/v1";

Transcript start(std::string_view tag, const Group& group) {
  Transcript t(tag);
  t.append_text("group", group.name());
  t.append("g", group.generator());
  return t;
}

Scalar schnorr_challenge(const Element& h, const Element& commitment, BytesView context) {
  Transcript t = start(kSchnorrTag, h.group());
  t.append("h", h);
  t.append("context", context);
  t.append("commitment", commitment);
  return t.challenge(h.group().scalars());
}

Scalar ballot_challenge(const Element& public_key, const Ciphertext& c, const Element& commitment,
                        const BallotContext& context) {
  Transcript t = start(kBallotTag, public_key.group());
  t.append("public_key", public_key);
  t.append_text("election_id", context.election_id);
  t.append_text("contest_id", context.contest_id);
  t.append_text("voter_id", context.voter_id);
  t.append_u64("position", context.position);
  t.append("a", c.a);
  t.append("b", c.b);
  t.append("commitment", commitment);
  return t.challenge(public_key.group().scalars());
}

// Does base^response == commitment * statement^challenge hold? Checked as
// base^response * (statement^-1)^challenge == commitment: one two-term
// multi-exponentiation (shared squarings), variable time as every value is
// public. The inverse keeps each exponent's size, which matters in mod-p.
bool sigma_equation_holds(const Element& base, const Scalar& response, const Element& commitment,
                          const Element& statement, const Scalar& challenge) {
  const Group& group = base.group();
  const std::array<Element, 2> bases = {base, group.inverse(statement)};
  const std::array<Scalar, 2> exponents = {response, challenge};
  return group.multi_exp(bases, exponents) == commitment;
}

void require_same_group(const Group& group, const Element& e, const char* what) {
  if (&e.group() != &group) {
    throw Error(std::string(what) + " is in group " + std::string(e.group().name()) +
                ", expected " + std::string(group.name()));
  }
}

void require_field(const Group& group, const Scalar& s, const char* what) {
  if (&s.field() != &group.scalars()) {
    throw Error(std::string(what) + " is a scalar of " + s.field().name() + ", expected " +
                std::string(group.name()));
  }
}

Element decode_field(const Group& group, BytesView bytes, const std::string& what) {
  try {
    return group.decode(bytes);
  } catch (const DecodeError& e) {
    throw DecodeError(what + ": " + e.what());
  }
}

Scalar decode_scalar_field(const Group& group, BytesView bytes, const std::string& what) {
  try {
    return group.scalars().decode(bytes);
  } catch (const DecodeError& e) {
    throw DecodeError(what + ": " + e.what());
  }
}

void require_length(BytesView bytes, std::size_t expected, const std::string& what) {
  if (bytes.size() != expected) {
    throw DecodeError(what + ": wrong length (" + std::to_string(bytes.size()) +
                      " bytes, expected " + std::to_string(expected) + ")");
  }
}

}  // namespace

Scalar chaum_pedersen_challenge(const Element& u, const Element& h, const Element& v,
                                const Element& commitment_g, const Element& commitment_u,
                                BytesView context) {
  const Group& group = h.group();
  require_same_group(group, u, "Chaum-Pedersen base u");
  require_same_group(group, v, "Chaum-Pedersen statement v");
  require_same_group(group, commitment_g, "Chaum-Pedersen commitment_g");
  require_same_group(group, commitment_u, "Chaum-Pedersen commitment_u");
  Transcript t = start(kChaumPedersenTag, group);
  t.append("u", u);
  t.append("h", h);
  t.append("v", v);
  t.append("context", context);
  t.append("commitment_g", commitment_g);
  t.append("commitment_u", commitment_u);
  return t.challenge(group.scalars());
}

SchnorrProof prove_schnorr_with_nonce(const Scalar& x, const Element& h, BytesView context,
                                      const Scalar& nonce) {
  const Group& group = h.group();
  require_field(group, x, "Schnorr secret");
  require_field(group, nonce, "Schnorr nonce");
  Element commitment = group.exp_generator(nonce);
  const Scalar c = schnorr_challenge(h, commitment, context);
  return {std::move(commitment), nonce + c * x};
}

SchnorrProof prove_schnorr(const Scalar& x, const Element& h, BytesView context) {
  return prove_schnorr_with_nonce(x, h, context, h.group().scalars().random());
}

Verdict verify_schnorr(const Element& h, const SchnorrProof& proof, BytesView context) {
  const Group& group = h.group();
  require_same_group(group, proof.commitment, "Schnorr proof commitment");
  require_field(group, proof.response, "Schnorr proof response");
  const Scalar c = schnorr_challenge(h, proof.commitment, context);
  if (!sigma_equation_holds(group.generator(), proof.response, proof.commitment, h, c)) {
    return Verdict::fail("Schnorr proof: g^response != commitment * h^challenge");
  }
  return Verdict::pass();
}

ChaumPedersenProof prove_chaum_pedersen_with_nonce(const Scalar& x, const Element& u,
                                                   const Element& h, const Element& v,
                                                   BytesView context, const Scalar& nonce) {
  const Group& group = h.group();
  require_same_group(group, u, "Chaum-Pedersen base u");
  require_same_group(group, v, "Chaum-Pedersen statement v");
  require_field(group, x, "Chaum-Pedersen secret");
  require_field(group, nonce, "Chaum-Pedersen nonce");
  Element commitment_g = group.exp_generator(nonce);
  Element commitment_u = group.exp(u, nonce);
  const Scalar c = chaum_pedersen_challenge(u, h, v, commitment_g, commitment_u, context);
  return {std::move(commitment_g), std::move(commitment_u), nonce + c * x};
}

ChaumPedersenProof prove_chaum_pedersen(const Scalar& x, const Element& u, const Element& h,
                                        const Element& v, BytesView context) {
  return prove_chaum_pedersen_with_nonce(x, u, h, v, context, h.group().scalars().random());
}

Verdict verify_chaum_pedersen(const Element& u, const Element& h, const Element& v,
                              const ChaumPedersenProof& proof, BytesView context) {
  const Group& group = h.group();
  require_same_group(group, u, "Chaum-Pedersen base u");
  require_same_group(group, v, "Chaum-Pedersen statement v");
  require_same_group(group, proof.commitment_g, "Chaum-Pedersen commitment_g");
  require_same_group(group, proof.commitment_u, "Chaum-Pedersen commitment_u");
  require_field(group, proof.response, "Chaum-Pedersen response");
  const Scalar c =
      chaum_pedersen_challenge(u, h, v, proof.commitment_g, proof.commitment_u, context);
  if (!sigma_equation_holds(group.generator(), proof.response, proof.commitment_g, h, c)) {
    return Verdict::fail("Chaum-Pedersen proof: g^response != commitment_g * h^challenge");
  }
  if (!sigma_equation_holds(u, proof.response, proof.commitment_u, v, c)) {
    return Verdict::fail("Chaum-Pedersen proof: u^response != commitment_u * v^challenge");
  }
  return Verdict::pass();
}

BallotProof prove_ballot_with_nonce(const Element& public_key, const Ciphertext& c, const Scalar& r,
                                    const BallotContext& context, const Scalar& nonce) {
  const Group& group = public_key.group();
  require_same_group(group, c.a, "ciphertext a");
  require_same_group(group, c.b, "ciphertext b");
  require_field(group, r, "ballot randomness");
  require_field(group, nonce, "ballot proof nonce");
  Element commitment = group.exp_generator(nonce);
  const Scalar challenge = ballot_challenge(public_key, c, commitment, context);
  return {std::move(commitment), nonce + challenge * r};
}

BallotProof prove_ballot(const Element& public_key, const Ciphertext& c, const Scalar& r,
                         const BallotContext& context) {
  return prove_ballot_with_nonce(public_key, c, r, context, public_key.group().scalars().random());
}

Verdict verify_ballot(const Element& public_key, const Ciphertext& c, const BallotProof& proof,
                      const BallotContext& context) {
  const Group& group = public_key.group();
  require_same_group(group, c.a, "ciphertext a");
  require_same_group(group, c.b, "ciphertext b");
  require_same_group(group, proof.commitment, "ballot proof commitment");
  require_field(group, proof.response, "ballot proof response");
  const Scalar challenge = ballot_challenge(public_key, c, proof.commitment, context);
  if (!sigma_equation_holds(group.generator(), proof.response, proof.commitment, c.a, challenge)) {
    return Verdict::fail("ballot proof: g^response != commitment * a^challenge");
  }
  return Verdict::pass();
}

Bytes encode(const SchnorrProof& proof) {
  Bytes out = proof.commitment.encode();
  append(out, proof.response.encode());
  return out;
}

Bytes encode(const ChaumPedersenProof& proof) {
  Bytes out = proof.commitment_g.encode();
  append(out, proof.commitment_u.encode());
  append(out, proof.response.encode());
  return out;
}

Bytes encode(const BallotProof& proof) {
  Bytes out = proof.commitment.encode();
  append(out, proof.response.encode());
  return out;
}

SchnorrProof decode_schnorr_proof(const Group& group, BytesView bytes) {
  const std::size_t n = group.element_bytes();
  require_length(bytes, n + group.scalars().byte_length(), "Schnorr proof");
  return {decode_field(group, bytes.first(n), "Schnorr proof commitment"),
          decode_scalar_field(group, bytes.subspan(n), "Schnorr proof response")};
}

ChaumPedersenProof decode_chaum_pedersen_proof(const Group& group, BytesView bytes) {
  const std::size_t n = group.element_bytes();
  require_length(bytes, 2 * n + group.scalars().byte_length(), "Chaum-Pedersen proof");
  return {decode_field(group, bytes.first(n), "Chaum-Pedersen proof commitment_g"),
          decode_field(group, bytes.subspan(n, n), "Chaum-Pedersen proof commitment_u"),
          decode_scalar_field(group, bytes.subspan(2 * n), "Chaum-Pedersen proof response")};
}

BallotProof decode_ballot_proof(const Group& group, BytesView bytes) {
  const std::size_t n = group.element_bytes();
  require_length(bytes, n + group.scalars().byte_length(), "ballot proof");
  return {decode_field(group, bytes.first(n), "ballot proof commitment"),
          decode_scalar_field(group, bytes.subspan(n), "ballot proof response")};
}

}  // namespace evote::crypto
