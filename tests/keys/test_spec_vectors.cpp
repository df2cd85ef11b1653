// Checks the vectors of specs/keys.md §18 from their inputs, rebuilding
// each byte string as the specification says (independently of evote-keys'
// own code), for every group: a signed deal message, a dealer's signed
// share statement and a partial-decryption record. Every printed vector and
// field must be checked.
#include <sodium.h>

#include <boost/test/unit_test.hpp>
#include <set>

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

const std::vector<SpecVector>& vectors() {
  static const auto all = evote::testing::load_spec_vectors("specs/keys.md");
  return all;
}

const std::vector<std::string> kParts = {"deal-message", "share-signature", "partial-record"};

// The group's vector of this part, its labelled inputs checked (none for
// ristretto255, every scalar input for the others: specs/keys.md §18).
const SpecVector& vec(const Group& g, const std::string& part) {
  const SpecVector& v =
      evote::testing::find_vector(vectors(), "keys/" + std::string(g.name()) + "/" + part);
  BOOST_TEST(v.at("group") == g.name());
  const std::vector<std::string> labelled = evote::testing::check_labelled_inputs(v, g.scalars());
  if (g.name() == "ristretto255") BOOST_TEST(labelled.empty());
  if (g.name() != "ristretto255") BOOST_TEST(!labelled.empty());
  return v;
}

void expect_all_checked(const SpecVector& v) {
  std::string names;
  for (const auto& key : v.unread()) names += " " + key;
  BOOST_TEST(names.empty(), v.name << ": fields no test checks:" << names);
}

std::uint32_t u32(const SpecVector& v, const std::string& key) {
  return static_cast<std::uint32_t>(std::stoul(v.at(key)));
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

ThresholdParams params_of(const SpecVector& v) {
  return {v.at("election_id"), u32(v, "n"), u32(v, "t")};
}

// ctx(tag; items) of specs/keys.md §2, written out here.
struct Ctx {
  Bytes out;
  explicit Ctx(std::string_view tag) { put(as_bytes(tag)); }
  void put(BytesView data) {
    append_be64(out, data.size());
    append(out, data);
  }
  Ctx& item(std::string_view label, BytesView data) {
    put(as_bytes(label));
    put(data);
    return *this;
  }
  Ctx& item(std::string_view label, std::string_view text) { return item(label, as_bytes(text)); }
  Ctx& item(std::string_view label, std::uint64_t value) {
    Bytes b;
    append_be64(b, value);
    return item(label, BytesView(b));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_spec_vectors)

BOOST_AUTO_TEST_CASE(every_printed_vector_is_checked) {
  std::set<std::string> known;
  for (auto name : group_names()) {
    for (const std::string& part : kParts) known.insert("keys/" + std::string(name) + "/" + part);
  }
  std::set<std::string> seen;
  for (const SpecVector& v : vectors()) {
    BOOST_TEST(known.count(v.name) == 1u, "vector " << v.name << " is checked by no test");
    BOOST_TEST(seen.insert(v.name).second, "vector " << v.name << " printed twice");
  }
  BOOST_TEST(seen.size() == known.size());
}

BOOST_AUTO_TEST_CASE(deal_message) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const SpecVector& v = vec(g, "deal-message");
      const ThresholdParams params = params_of(v);
      const std::uint32_t dealer = u32(v, "dealer");
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
      BOOST_TEST(
          static_cast<bool>(verify_dealer_commitments(g, params, {dealer, commitments, proof})));
      expect_all_checked(v);
    }
  }
}

BOOST_AUTO_TEST_CASE(share_signature) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const SpecVector& v = vec(g, "share-signature");
      const ThresholdParams params = params_of(v);
      const std::uint32_t dealer = u32(v, "dealer"), recipient = u32(v, "recipient");
      const Scalar a0 = scalar(g, v, "a_0"), a1 = scalar(g, v, "a_1");
      const std::vector<Element> commitments = {g.exp_generator(a0), g.exp_generator(a1)};
      BOOST_REQUIRE(params.threshold == 2u);

      // H_i = xof("evote/dkg/commitments/v1", enc(C_0) || enc(C_1), 32).
      Bytes encoded = commitments[0].encode();
      append(encoded, commitments[1].encode());
      const Bytes h = xof("evote/dkg/commitments/v1", encoded, 32);
      BOOST_TEST(to_hex(h) == v.at("commitments_hash"));
      BOOST_TEST(to_hex(commitments_hash(commitments)) == v.at("commitments_hash"));

      const Scalar s = a0 + g.scalars().from_u64(recipient) * a1;  // f(j)
      BOOST_TEST(to_hex(s.encode()) == v.at("share"));
      Ctx statement("evote/dkg/share/v2");
      statement.item("group", g.name())
          .item("election_id", params.election_id)
          .item("n", std::uint64_t{params.trustees})
          .item("t", std::uint64_t{params.threshold})
          .item("dealer", std::uint64_t{dealer})
          .item("recipient", std::uint64_t{recipient})
          .item("commitments_hash", BytesView(h))
          .item("share", BytesView(s.encode()));
      BOOST_TEST(to_hex(statement.out) == v.at("statement"));

      // The library's statement, signature and check agree.
      const DealerCommitments published{dealer, commitments, {g.identity(), g.scalars().zero()}};
      const Share share{dealer, recipient, s};
      BOOST_TEST(to_hex(share_statement(g, params, published, share).view()) == v.at("statement"));
      const Ed25519SigningKey key = key_from_seed(from_hex(v.at("ed25519_seed")));
      BOOST_TEST(to_hex(key.sign(statement.out)) == v.at("signature"));
      const SignedShare signed_share{share, from_hex(v.at("signature"))};
      BOOST_TEST(static_cast<bool>(
          verify_share_signature(g, params, published, signed_share, key.public_key())));
      // Under other commitments (another run of the ceremony) it fails.
      const DealerCommitments other{dealer, {commitments[1], commitments[0]}, published.proof};
      BOOST_TEST(!verify_share_signature(g, params, other, signed_share, key.public_key()));
      expect_all_checked(v);
    }
  }
}

BOOST_AUTO_TEST_CASE(partial_decryption_record) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const SpecVector& v = vec(g, "partial-record");
      const Bytes input_hash = evote::protocol::file_hash(as_bytes(v.at("input_file_text")));
      BOOST_TEST(to_hex(input_hash) == v.at("input_hash"));
      const DecryptionContext context{v.at("election_id"), base64url_encode(input_hash)};
      BOOST_TEST(context.batch == v.at("batch"));
      const std::uint32_t trustee = u32(v, "trustee");
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
      BOOST_TEST(record.size() == 3 * g.element_bytes() + g.scalars().byte_length());
      // The record as a verifier reads it.
      const Bytes given = from_hex(v.at("record"));
      const PartialDecryption part{
          g.decode(BytesView(given).first(g.element_bytes())),
          decode_chaum_pedersen_proof(g, BytesView(given).subspan(g.element_bytes()))};
      const Ciphertext c{a, g.generator()};  // b plays no part in the proof
      BOOST_TEST(
          static_cast<bool>(verify_partial_decryption(y, c, part, context, trustee, position)));
      BOOST_TEST(!verify_partial_decryption(y, c, part, context, trustee, position + 1));
      expect_all_checked(v);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
