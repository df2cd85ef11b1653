// The parts under the shuffle proof: permutations, commitment generators,
// the rows encoding, and the prover's refusal of arguments that do not fit.
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/mix/shuffle.hpp"

using namespace evote::crypto;
using namespace evote::mix;

BOOST_AUTO_TEST_SUITE(mix_parts)

BOOST_AUTO_TEST_CASE(permutations) {
  BOOST_TEST(Permutation::random(0).size() == 0u);
  BOOST_TEST(Permutation::random(1)[0] == 0u);
  // The message counts entries from 1 (specs/mix.md §1): {0, 0, 1} repeats at entry 2.
  BOOST_CHECK_EXCEPTION(Permutation(std::vector<std::size_t>{0, 0, 1}), Error, [](const Error& e) {
    return std::string(e.what()) == "permutation: entry 2 of 3 is out of range or repeated";
  });
  BOOST_CHECK_EXCEPTION(Permutation(std::vector<std::size_t>{0, 3, 1}), Error, [](const Error& e) {
    return std::string(e.what()) == "permutation: entry 2 of 3 is out of range or repeated";
  });

  const Permutation p(std::vector<std::size_t>{2, 0, 3, 1});
  const Permutation inv = p.inverse();
  for (std::size_t i = 0; i < p.size(); ++i) BOOST_TEST(inv[p[i]] == i);
  const Permutation copy = p.clone();
  BOOST_TEST(copy[0] == 2u);
  Permutation moved = p.clone();
  Permutation target = std::move(moved);
  BOOST_TEST(target.size() == 4u);
  BOOST_TEST(moved.size() == 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty
}

BOOST_AUTO_TEST_CASE(permutations_are_uniform) {
  // 6 permutations of 3, 12000 draws: each ~2000; 5 sigma is ~ +-230.
  std::map<std::vector<std::size_t>, int> counts;
  for (int draw = 0; draw < 12000; ++draw) {
    const Permutation p = Permutation::random(3);
    ++counts[{p[0], p[1], p[2]}];
  }
  BOOST_TEST(counts.size() == 6u);
  for (const auto& [perm, count] : counts) BOOST_TEST((count > 1770 && count < 2230), count);
}

BOOST_AUTO_TEST_CASE(generators_are_derived_from_the_seed) {
  const Group& group = ristretto255();
  const ShuffleSeed seed{"RK_2027", "riigikogu/district-3", 1};
  const auto a = CommitmentGenerators::derive(group, seed, 5, 2);
  const auto b = CommitmentGenerators::derive(group, seed, 5, 2);
  BOOST_TEST(a.rows() == 5u);
  BOOST_TEST(a.width() == 2u);
  std::set<Bytes> distinct{a.h().encode(), group.generator().encode()};
  for (std::size_t i = 0; i < a.rows(); ++i) {
    BOOST_TEST((a.h_i()[i] == b.h_i()[i]));
    distinct.insert(a.h_i()[i].encode());
  }
  BOOST_TEST(distinct.size() == 7u);
  BOOST_TEST((a.h() == b.h()));
  const ShuffleSeed other_stage{seed.election_id, seed.batch_id, 2};
  BOOST_TEST(!(CommitmentGenerators::derive(group, other_stage, 5, 2).h() == a.h()));
  BOOST_TEST(!(CommitmentGenerators::derive(group, seed, 6, 2).h() == a.h()));
  BOOST_TEST(!(CommitmentGenerators::derive(group, seed, 5, 1).h() == a.h()));
  BOOST_CHECK_THROW(CommitmentGenerators::derive(group, seed, 0, 1), Error);
}

BOOST_AUTO_TEST_CASE(rows_encoding) {
  const Group& group = modp4096_eg();
  const KeyPair keys = generate_keypair(group);
  Rows rows(2);
  for (auto& row : rows)
    for (int k = 0; k < 3; ++k) row.items.push_back(encrypt(keys.public_key, 2).ciphertext);
  const Bytes encoded = encode_rows(rows);
  BOOST_TEST(encoded.size() == 16 + 2 * 3 * 2 * group.element_bytes());
  BOOST_TEST((decode_rows(group, encoded) == rows));
  BOOST_TEST(encode_rows({}) == Bytes(16, 0));
  BOOST_TEST(decode_rows(group, Bytes(16, 0)).empty());
  Bytes no_rows_with_width(16, 0);
  no_rows_with_width[15] = 3;
  BOOST_CHECK_THROW(decode_rows(group, no_rows_with_width), DecodeError);
  Bytes zero_width = encoded;
  std::fill_n(zero_width.begin() + 8, 8, 0);
  BOOST_CHECK_THROW(decode_rows(group, zero_width), DecodeError);
  BOOST_CHECK_THROW(decode_rows(group, Bytes(8, 0)), DecodeError);
  rows[1].items.pop_back();
  BOOST_CHECK_THROW(encode_rows(rows), Error);
}

BOOST_AUTO_TEST_CASE(prover_refuses_arguments_that_do_not_fit) {
  const Group& group = ristretto255();
  const KeyPair keys = generate_keypair(group);
  Rows input(3);
  for (auto& row : input) row.items.push_back(encrypt(keys.public_key, 1).ciphertext);
  ShuffleResult s = shuffle(keys.public_key, input);
  const ShuffleSeed seed{"RK_2027", "b", 1};
  BOOST_CHECK_THROW(shuffle(keys.public_key, Rows{}), Error);
  BOOST_CHECK_THROW(shuffle(group.identity(), input), Error);

  const auto wrong_size = CommitmentGenerators::derive(group, seed, 4, 1);
  BOOST_CHECK_THROW(prove_shuffle(keys.public_key, input, s.output, s.witness, wrong_size), Error);
  Rows fewer = s.output;
  fewer.pop_back();
  BOOST_CHECK_THROW(prove_shuffle(keys.public_key, input, fewer, s.witness, seed), Error);
  ShuffleWitness short_witness{s.witness.permutation.clone(), {}};
  BOOST_CHECK_THROW(prove_shuffle(keys.public_key, input, s.output, short_witness, seed), Error);

  // A witness that does not match the rows proves nothing.
  ShuffleWitness wrong{Permutation(std::vector<std::size_t>{0, 1, 2}), {}};
  for (std::size_t i = 0; i < 3; ++i) wrong.randomness.push_back({group.scalars().random()});
  const ShuffleProof proof = prove_shuffle(keys.public_key, input, s.output, wrong, seed);
  BOOST_TEST(!verify_shuffle(keys.public_key, input, s.output, proof, seed).ok);
}

BOOST_AUTO_TEST_SUITE_END()
