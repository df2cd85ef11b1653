// Checks the vectors of specs/keys.md §18 from their inputs, rebuilding
// each byte string as the specification says (independently of evote-keys'
// own code): a signed deal message and a partial-decryption record.
#include <sodium.h>

#include <boost/test/unit_test.hpp>

#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/signed_document.hpp"
#include "support/spec_vectors.hpp"

using namespace evote::crypto;
using evote::protocol::base64url_encode;
using evote::protocol::Json;
using evote::testing::SpecVector;

namespace {

const SpecVector& vec(const std::string& name) {
  static const auto all = evote::testing::load_spec_vectors("specs/keys.md");
  return evote::testing::find_vector(all, name);
}

Scalar scalar(const Group& g, const SpecVector& v, const std::string& key) {
  return g.scalars().decode(from_hex(v.at(key)));
}

Ed25519SigningKey key_from_seed(const Bytes& seed) {
  BOOST_REQUIRE_EQUAL(seed.size(), 32u);
  unsigned char pk[32], sk[64];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  Ed25519SigningKey key = Ed25519SigningKey::from_secret(BytesView(sk, 64));
  sodium_memzero(sk, sizeof sk);
  return key;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_spec_vectors)

BOOST_AUTO_TEST_CASE(deal_message) {
  const SpecVector& v = vec("keys/deal-message");
  const Group& g = group_by_name(v.at("group"));
  const ThresholdParams params{v.at("election_id"),
                               static_cast<std::uint32_t>(std::stoul(v.at("n"))),
                               static_cast<std::uint32_t>(std::stoul(v.at("t")))};
  const std::uint32_t dealer = static_cast<std::uint32_t>(std::stoul(v.at("dealer")));
  std::vector<Element> commitments;
  Json list = Json::array();
  for (std::uint32_t k = 0; k < params.threshold; ++k) {
    commitments.push_back(g.exp_generator(scalar(g, v, "a_" + std::to_string(k))));
    list.push_back(base64url_encode(commitments.back().encode()));
  }
  const SchnorrProof proof = prove_schnorr_with_nonce(
      scalar(g, v, "a_0"), commitments[0], dealer_proof_context(params, dealer, commitments),
      scalar(g, v, "proof_nonce"));
  Json doc = {{"type", "dkg-deal"},
              {"version", 1},
              {"election_id", params.election_id},
              {"group", g.name()},
              {"trustees", params.trustees},
              {"threshold", params.threshold},
              {"dealer", dealer},
              {"commitments", list},
              {"proof", base64url_encode(encode(proof))}};
  const Digest digest = evote::protocol::signing_digest(doc);
  BOOST_TEST(to_hex(digest) == v.at("signing_digest"));
  const Ed25519SigningKey key = key_from_seed(from_hex(v.at("ed25519_seed")));
  evote::protocol::sign_document(doc, key);
  BOOST_TEST(evote::protocol::canonical_string(doc) == v.at("document"));
  BOOST_TEST(static_cast<bool>(verify_dealer_commitments(g, params, {dealer, commitments, proof})));
}

BOOST_AUTO_TEST_CASE(partial_decryption_record) {
  const SpecVector& v = vec("keys/partial-record");
  const Group& g = group_by_name(v.at("group"));
  const Bytes input_hash = evote::protocol::file_hash(as_bytes(v.at("input_file_text")));
  BOOST_TEST(to_hex(input_hash) == v.at("input_hash"));
  const DecryptionContext context{v.at("election_id"), base64url_encode(input_hash)};
  BOOST_TEST(context.batch == v.at("batch"));
  const std::uint32_t trustee = static_cast<std::uint32_t>(std::stoul(v.at("trustee")));
  const std::uint64_t position = std::stoull(v.at("position"));
  const Scalar x = scalar(g, v, "share");
  const Element y = g.exp_generator(x);
  BOOST_TEST(to_hex(y.encode()) == v.at("verification_key"));
  const Element a = g.exp_generator(scalar(g, v, "ciphertext_r"));
  BOOST_TEST(to_hex(a.encode()) == v.at("ciphertext_a"));
  const Element d = g.exp(a, x);
  const ChaumPedersenProof proof = prove_chaum_pedersen_with_nonce(
      x, a, y, d, partial_decryption_context(context, trustee, position),
      scalar(g, v, "proof_nonce"));
  Bytes record = d.encode();
  append(record, encode(proof));
  BOOST_TEST(to_hex(record) == v.at("record"));
  // The record as a verifier reads it.
  const Bytes given = from_hex(v.at("record"));
  const PartialDecryption part{
      g.decode(BytesView(given).first(g.element_bytes())),
      decode_chaum_pedersen_proof(g, BytesView(given).subspan(g.element_bytes()))};
  const Ciphertext c{
      a, g.exp_generator(scalar(g, v, "ciphertext_r"))};  // b plays no part in the proof
  BOOST_TEST(static_cast<bool>(verify_partial_decryption(y, c, part, context, trustee, position)));
  BOOST_TEST(!verify_partial_decryption(y, c, part, context, trustee, position + 1));
}

BOOST_AUTO_TEST_SUITE_END()
