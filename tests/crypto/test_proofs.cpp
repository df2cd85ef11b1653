// Schnorr, Chaum–Pedersen and ballot proofs in every group: honest proofs
// verify; every field changed, every statement or context changed, fails.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/proofs.hpp"

using namespace evote::crypto;

namespace {

// Changes one byte of an encoded proof at `offset` and reports whether the
// result is refused: either the decoder rejects it or the verifier does.
template <typename Decode, typename Verify>
bool tampered_is_refused(const Bytes& encoded, std::size_t offset, Decode decode, Verify verify) {
  Bytes changed = encoded;
  changed[offset] ^= 0x01;
  try {
    return !verify(decode(changed));
  } catch (const DecodeError&) {
    return true;
  }
}

// Byte offsets to tamper with: the first, a middle and the last byte of each field.
std::vector<std::size_t> field_offsets(std::initializer_list<std::size_t> field_sizes) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  for (std::size_t size : field_sizes) {
    out.insert(out.end(), {start, start + size / 2, start + size - 1});
    start += size;
  }
  return out;
}

const Bytes kContext = {'t', 'r', 'u', 's', 't', 'e', 'e', '-', '1'};

}  // namespace

BOOST_AUTO_TEST_SUITE(proofs)

BOOST_AUTO_TEST_CASE(schnorr) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair k = generate_keypair(group);
      const SchnorrProof proof = prove_schnorr(k.secret, k.public_key, kContext);
      BOOST_TEST(verify_schnorr(k.public_key, proof, kContext).ok);

      const Bytes enc = encode(proof);
      BOOST_TEST(enc.size() == group.element_bytes() + group.scalars().byte_length());
      auto decode = [&](const Bytes& b) { return decode_schnorr_proof(group, b); };
      auto verify = [&](const SchnorrProof& p) { return verify_schnorr(k.public_key, p, kContext).ok; };
      BOOST_TEST(verify(decode(enc)));
      for (std::size_t offset : field_offsets({group.element_bytes(), group.scalars().byte_length()})) {
        BOOST_TEST_CONTEXT("byte " << offset) { BOOST_TEST(tampered_is_refused(enc, offset, decode, verify)); }
      }
      const Verdict wrong_context = verify_schnorr(k.public_key, proof, Bytes{'x'});
      BOOST_TEST(!wrong_context.ok);
      BOOST_TEST(wrong_context.reason.find("Schnorr") != std::string::npos);
      BOOST_TEST(!verify_schnorr(generate_keypair(group).public_key, proof, kContext).ok);
      SchnorrProof bumped = proof;
      bumped.response += group.scalars().one();
      BOOST_TEST(!verify_schnorr(k.public_key, bumped, kContext).ok);
      SchnorrProof moved = proof;
      moved.commitment = group.mul(moved.commitment, group.generator());
      BOOST_TEST(!verify_schnorr(k.public_key, moved, kContext).ok);
      BOOST_CHECK_THROW(decode_schnorr_proof(group, BytesView(enc).first(enc.size() - 1)), DecodeError);
    }
  }
}

BOOST_AUTO_TEST_CASE(chaum_pedersen) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair k = generate_keypair(group);
      const Element u = group.hash_to_element("evote/test/u", kContext);
      const Element v = group.exp(u, k.secret);
      const ChaumPedersenProof proof = prove_chaum_pedersen(k.secret, u, k.public_key, v, kContext);
      BOOST_TEST(verify_chaum_pedersen(u, k.public_key, v, proof, kContext).ok);

      const Bytes enc = encode(proof);
      const std::size_t n = group.element_bytes();
      auto decode = [&](const Bytes& b) { return decode_chaum_pedersen_proof(group, b); };
      auto verify = [&](const ChaumPedersenProof& p) {
        return verify_chaum_pedersen(u, k.public_key, v, p, kContext).ok;
      };
      BOOST_TEST(verify(decode(enc)));
      for (std::size_t offset : field_offsets({n, n, group.scalars().byte_length()})) {
        BOOST_TEST_CONTEXT("byte " << offset) { BOOST_TEST(tampered_is_refused(enc, offset, decode, verify)); }
      }
      // A different statement: v for another exponent, or another base.
      const Element wrong_v = group.mul(v, group.generator());
      BOOST_TEST(!verify_chaum_pedersen(u, k.public_key, wrong_v, proof, kContext).ok);
      const Element other_u = group.hash_to_element("evote/test/u2", kContext);
      BOOST_TEST(!verify_chaum_pedersen(other_u, k.public_key, v, proof, kContext).ok);
      BOOST_TEST(!verify_chaum_pedersen(u, k.public_key, v, proof, Bytes{}).ok);
      // A prover who does not know a common exponent fails.
      const Scalar other = group.scalars().random_nonzero();
      const ChaumPedersenProof lie =
          prove_chaum_pedersen(k.secret, u, k.public_key, group.exp(u, other), kContext);
      BOOST_TEST(!verify_chaum_pedersen(u, k.public_key, group.exp(u, other), lie, kContext).ok);
    }
  }
}

BOOST_AUTO_TEST_CASE(ballot_proof_binds_ciphertext_key_and_context) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair k = generate_keypair(group);
      const BallotContext ctx{"RK_2027", "riigikogu", "38001085718", 0};
      const Encryption e = encrypt(k.public_key, 101);
      const BallotProof proof = prove_ballot(k.public_key, e.ciphertext, e.randomness, ctx);
      BOOST_TEST(verify_ballot(k.public_key, e.ciphertext, proof, ctx).ok);

      auto with = [&](auto change) {
        BallotContext c = ctx;
        change(c);
        return verify_ballot(k.public_key, e.ciphertext, proof, c).ok;
      };
      BOOST_TEST(!with([](BallotContext& c) { c.voter_id = "49002010976"; }));
      BOOST_TEST(!with([](BallotContext& c) { c.contest_id = "kov"; }));
      BOOST_TEST(!with([](BallotContext& c) { c.election_id = "RK_2031"; }));
      BOOST_TEST(!with([](BallotContext& c) { c.position = 1; }));

      // The proof does not carry over to a changed ciphertext or another key.
      const Ciphertext changed_b{e.ciphertext.a, group.mul(e.ciphertext.b, group.generator())};
      BOOST_TEST(!verify_ballot(k.public_key, changed_b, proof, ctx).ok);
      const Ciphertext re = reencrypt(k.public_key, e.ciphertext, group.scalars().random_nonzero());
      BOOST_TEST(!verify_ballot(k.public_key, re, proof, ctx).ok);
      BOOST_TEST(!verify_ballot(generate_keypair(group).public_key, e.ciphertext, proof, ctx).ok);

      const Bytes enc = encode(proof);
      auto decode = [&](const Bytes& b) { return decode_ballot_proof(group, b); };
      auto verify = [&](const BallotProof& p) { return verify_ballot(k.public_key, e.ciphertext, p, ctx).ok; };
      BOOST_TEST(verify(decode(enc)));
      for (std::size_t offset : field_offsets({group.element_bytes(), group.scalars().byte_length()})) {
        BOOST_TEST_CONTEXT("byte " << offset) { BOOST_TEST(tampered_is_refused(enc, offset, decode, verify)); }
      }
      BOOST_CHECK_THROW(decode_ballot_proof(group, Bytes(enc.size() + 1)), DecodeError);
      // Proving with the wrong randomness does not verify.
      const BallotProof wrong = prove_ballot(k.public_key, e.ciphertext, group.scalars().random(), ctx);
      BOOST_TEST(!verify_ballot(k.public_key, e.ciphertext, wrong, ctx).ok);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
