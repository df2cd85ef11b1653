// The shuffle and its proof in every group: honest proofs verify and the
// output decrypts to the same rows; every changed statement, proof field,
// seed or encoding is refused with a reason naming the failed check.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/mix/shuffle.hpp"

using namespace evote::crypto;
using namespace evote::mix;

namespace {

const ShuffleSeed kSeed{"RK_2027", "riigikogu/district-3", 1};

struct Setup {
  KeyPair keys;
  Rows input;
  Rows output;
  ShuffleWitness witness;
  ShuffleProof proof;
};

// N rows of width w, row i column k encrypting code 1 + (i * w + k) % 5.
Rows make_rows(const Element& public_key, std::size_t n, std::size_t width) {
  Rows rows(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < width; ++k)
      rows[i].items.push_back(encrypt(public_key, 1 + (i * width + k) % 5).ciphertext);
  return rows;
}

Setup make_setup(const Group& group, std::size_t n, std::size_t width) {
  KeyPair keys = generate_keypair(group);
  Rows input = make_rows(keys.public_key, n, width);
  ShuffleResult shuffled = shuffle(keys.public_key, input);
  ShuffleProof proof =
      prove_shuffle(keys.public_key, input, shuffled.output, shuffled.witness, kSeed);
  return {std::move(keys), std::move(input), std::move(shuffled.output),
          std::move(shuffled.witness), std::move(proof)};
}

// Each row's plaintexts (encodings of g^m), the rows sorted: a multiset.
std::vector<std::vector<Bytes>> plaintexts(const Scalar& secret, const Rows& rows) {
  std::vector<std::vector<Bytes>> out;
  for (const Row& row : rows) {
    std::vector<Bytes> plain;
    for (const Ciphertext& c : row.items) plain.push_back(decrypt_to_element(secret, c).encode());
    out.push_back(std::move(plain));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Verdict verify(const Setup& s, const Rows& input, const Rows& output, const ShuffleProof& proof) {
  return verify_shuffle(s.keys.public_key, input, output, proof, kSeed);
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

struct GroupCase {
  const Group& group;
  std::size_t rows;
};

std::vector<GroupCase> group_cases() {
  return {{ristretto255(), 10}, {modp4096_eg(), 6}, {modp3072_rfc3526(), 5}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shuffle_proof)

BOOST_AUTO_TEST_CASE(honest_proofs_verify_and_keep_the_plaintexts) {
  for (const GroupCase& gc : group_cases()) {
    for (std::size_t width : {1u, 3u}) {
      BOOST_TEST_CONTEXT(gc.group.name() << " width " << width) {
        const Setup s = make_setup(gc.group, gc.rows, width);
        const Verdict v = verify(s, s.input, s.output, s.proof);
        BOOST_TEST(v.ok, v.reason);
        BOOST_TEST((plaintexts(s.keys.secret, s.output) == plaintexts(s.keys.secret, s.input)));
        BOOST_TEST((s.output != s.input));  // re-encrypted, not copied
        const Bytes encoded = encode(s.proof);
        const std::size_t e = gc.group.element_bytes(), l = gc.group.scalars().byte_length();
        BOOST_TEST(encoded.size() ==
                   16 + (3 * gc.rows + 3 + 2 * width) * e + (2 * gc.rows + 3 + width) * l);
        BOOST_TEST(encode(decode_shuffle_proof(gc.group, encoded)) == encoded);
        BOOST_TEST(verify(s, s.input, s.output, decode_shuffle_proof(gc.group, encoded)).ok);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(single_row) {
  const Setup s = make_setup(ristretto255(), 1, 2);
  BOOST_TEST(verify(s, s.input, s.output, s.proof).ok);
}

BOOST_AUTO_TEST_CASE(changed_statements_are_refused) {
  for (const GroupCase& gc : group_cases()) {
    BOOST_TEST_CONTEXT(gc.group.name()) {
      const Setup s = make_setup(gc.group, gc.rows, 2);
      const std::size_t n = gc.rows;
      const std::string count = std::to_string(n);

      Rows changed = s.output;
      changed[2].items[1] =
          reencrypt(s.keys.public_key, changed[2].items[1], gc.group.scalars().random_nonzero());
      const Verdict v_changed = verify(s, s.input, changed, s.proof);
      BOOST_TEST(!v_changed.ok);
      BOOST_TEST(starts_with(v_changed.reason, "shuffle proof: "), v_changed.reason);

      Rows dropped = s.output;
      dropped.pop_back();
      BOOST_TEST(verify(s, s.input, dropped, s.proof).reason ==
                 "output has " + std::to_string(n - 1) + " rows, input has " + count);

      Rows added = s.output;
      added.push_back(s.output[0]);
      BOOST_TEST(verify(s, s.input, added, s.proof).reason ==
                 "output has " + std::to_string(n + 1) + " rows, input has " + count);

      Rows duplicated = s.output;
      duplicated[1] = duplicated[0];
      BOOST_TEST(!verify(s, s.input, duplicated, s.proof).ok);

      Rows swapped = s.output;
      std::swap(swapped[0], swapped[n - 1]);
      const Verdict v_swapped = verify(s, s.input, swapped, s.proof);
      BOOST_TEST(v_swapped.reason == "shuffle proof: permutation commitment check t1 failed");
    }
  }
}

BOOST_AUTO_TEST_CASE(replay_against_other_input_or_seed_is_refused) {
  const Setup s = make_setup(ristretto255(), 6, 1);
  const Rows other_input = make_rows(s.keys.public_key, 6, 1);
  BOOST_TEST(!verify(s, other_input, s.output, s.proof).ok);

  for (ShuffleSeed other : {ShuffleSeed{"RK_2031", kSeed.batch_id, kSeed.stage},
                            ShuffleSeed{kSeed.election_id, "riigikogu/district-4", kSeed.stage},
                            ShuffleSeed{kSeed.election_id, kSeed.batch_id, 2}}) {
    const Verdict v = verify_shuffle(s.keys.public_key, s.input, s.output, s.proof, other);
    BOOST_TEST(v.reason == "shuffle proof: permutation commitment check t1 failed");
  }
  const KeyPair other_keys = generate_keypair(ristretto255());
  BOOST_TEST(!verify_shuffle(other_keys.public_key, s.input, s.output, s.proof, kSeed).ok);
}

BOOST_AUTO_TEST_CASE(width_mismatch_is_refused) {
  const Setup s = make_setup(ristretto255(), 4, 1);
  Rows wider = s.output;
  wider[0].items.push_back(wider[0].items[0]);
  BOOST_TEST(verify(s, s.input, wider, s.proof).reason == "output row 1 has width 2, expected 1");

  const Setup two = make_setup(ristretto255(), 4, 2);
  BOOST_TEST(verify(s, two.input, two.output, s.proof).reason ==
             "shuffle proof: t4 has 1 entries, expected 2");
  Rows ragged = two.input;
  ragged[3].items.pop_back();
  BOOST_TEST(verify(s, ragged, two.output, two.proof).reason ==
             "input row 4 has width 1, expected 2");
}

BOOST_AUTO_TEST_CASE(other_groups_give_a_verdict_not_an_exception) {
  const Setup s = make_setup(ristretto255(), 3, 1);
  const KeyPair modp_keys = generate_keypair(modp4096_eg());
  const Verdict v = verify_shuffle(modp_keys.public_key, s.input, s.output, s.proof, kSeed);
  BOOST_TEST(v.reason == "input row 1 holds an element of ristretto255, expected modp4096-eg");
  const Setup m = make_setup(modp4096_eg(), 3, 1);
  const Verdict mixed = verify(s, s.input, s.output, m.proof);
  BOOST_TEST(mixed.reason ==
             "shuffle proof: holds an element or scalar of another group than ristretto255");
}

BOOST_AUTO_TEST_SUITE_END()
