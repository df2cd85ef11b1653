// Checks the test vectors printed in specs/mix.md against the code: the
// shuffle's output, the generators, the challenges and the proof are all
// recomputed from the vector's inputs, and the printed proof verifies.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/mix/shuffle.hpp"
#include "support/spec_vectors.hpp"

using namespace evote::crypto;
using namespace evote::mix;
using evote::testing::SpecVector;

namespace {

const std::vector<SpecVector>& vectors() {
  static const auto all = evote::testing::load_spec_vectors("specs/mix.md");
  return all;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  return out;
}

std::vector<Scalar> scalars(const Group& group, const SpecVector& v, const std::string& key) {
  std::vector<Scalar> out;
  for (const std::string& hex : split(v.at(key)))
    out.push_back(group.scalars().decode(from_hex(hex)));
  return out;
}

std::string hex_list(std::span<const Element> elements) {
  std::string out;
  for (const Element& e : elements) out += (out.empty() ? "" : ",") + to_hex(e.encode());
  return out;
}

std::string hex_list(const std::vector<Scalar>& values) {
  std::string out;
  for (const Scalar& s : values) out += (out.empty() ? "" : ",") + to_hex(s.encode());
  return out;
}

ShuffleWitness witness_of(const Group& group, const SpecVector& v, std::size_t width) {
  std::vector<std::size_t> map;
  for (const std::string& one_based : split(v.at("permutation")))
    map.push_back(std::stoul(one_based) - 1);
  ShuffleWitness witness{Permutation(std::move(map)), {}};
  const std::vector<Scalar> all = scalars(group, v, "reencryption");
  for (std::size_t i = 0; i < witness.permutation.size(); ++i) {
    const auto first = all.begin() + static_cast<std::ptrdiff_t>(i * width);
    witness.randomness.emplace_back(first, first + static_cast<std::ptrdiff_t>(width));
  }
  return witness;
}

ProverNonces nonces_of(const Group& group, const SpecVector& v) {
  const std::vector<Scalar> omega = scalars(group, v, "nonce_omega");
  BOOST_REQUIRE(omega.size() == 3u);
  return {scalars(group, v, "nonce_r"),
          scalars(group, v, "nonce_r_hat"),
          omega[0],
          omega[1],
          omega[2],
          scalars(group, v, "nonce_omega_4"),
          scalars(group, v, "nonce_omega_hat"),
          scalars(group, v, "nonce_omega_prime")};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mix_spec_vectors)

BOOST_AUTO_TEST_CASE(shuffle_vectors) {
  // Every group: three rows (width 1 and, in ristretto255, width 2) and, in
  // the modp groups, one row of width 2.
  for (const std::string name :
       {"ristretto255/shuffle/width-1", "ristretto255/shuffle/width-2",
        "modp3072-rfc3526/shuffle/width-1", "modp3072-rfc3526/shuffle/one-row-width-2",
        "modp4096-eg/shuffle/width-1", "modp4096-eg/shuffle/one-row-width-2"}) {
    BOOST_TEST_CONTEXT(name) {
      const SpecVector& v = evote::testing::find_vector(vectors(), name);
      const Group& group = group_by_name(name.substr(0, name.find('/')));
      const Scalar x = group.scalars().decode(from_hex(v.at("secret")));
      const Element y = group.decode(from_hex(v.at("public_key")));
      BOOST_TEST((group.exp_generator(x) == y));
      const ShuffleSeed seed{v.at("election_id"), v.at("batch_id"),
                             static_cast<std::uint32_t>(std::stoul(v.at("stage")))};
      const Rows input = decode_rows(group, from_hex(v.at("input")));
      const std::size_t n = input.size(), width = input.front().items.size();
      const ShuffleWitness witness = witness_of(group, v, width);

      const Rows output = shuffle_with(y, input, witness);
      BOOST_TEST(to_hex(encode_rows(output)) == v.at("output"));
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < width; ++k)
          BOOST_TEST((decrypt_to_element(x, output[i].items[k]) ==
                      decrypt_to_element(x, input[witness.permutation[i]].items[k])));

      const auto generators = CommitmentGenerators::derive(group, seed, n, width);
      BOOST_TEST(to_hex(generators.h().encode()) == v.at("h"));
      BOOST_TEST(hex_list(generators.h_i()) == v.at("h_i"));

      const ProverNonces nonces = nonces_of(group, v);
      BOOST_TEST(nonces.r.size() == n);
      if (group.scalars().bit_length() > 704) {  // short masks ω' < 2^640 (section 6)
        for (const Scalar& mask : nonces.omega_prime) {
          const Bytes bytes = mask.encode();
          BOOST_TEST(
              std::all_of(bytes.begin(), bytes.end() - 80, [](std::uint8_t b) { return b == 0; }));
        }
      }
      const ShuffleProof proof =
          prove_shuffle_with_nonces(y, input, output, witness, generators, nonces);
      BOOST_TEST(to_hex(encode(proof)) == v.at("proof"));
      const ShuffleChallenges ch = shuffle_challenges(y, input, output, proof, generators);
      BOOST_TEST(hex_list(ch.u) == v.at("u"));
      BOOST_TEST(to_hex(ch.c.encode()) == v.at("c"));

      const ShuffleProof printed = decode_shuffle_proof(group, from_hex(v.at("proof")));
      const Verdict verdict = verify_shuffle(y, input, output, printed, seed);
      BOOST_TEST(verdict.ok, verdict.reason);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
