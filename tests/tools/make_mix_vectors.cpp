// Prints the test vectors of specs/mix.md (fenced `vector` blocks) from fixed
// inputs. Run it after a deliberate format change and paste its output into
// the spec; the tests check the spec against the code, never this tool.
//   build/tests/make_mix_vectors
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/mix/shuffle.hpp"

using namespace evote::crypto;
using namespace evote::mix;

namespace {

// Fixed "random" inputs: scalars hashed from a label, so anyone can see they
// were not chosen to hide anything.
Scalar fixed_scalar(const Group& group, const std::string& label) {
  return group.scalars().from_hash("evote/test-vector/v1", as_bytes(label));
}

std::vector<Scalar> fixed_scalars(const Group& group, const std::string& label, std::size_t n) {
  std::vector<Scalar> out;
  for (std::size_t i = 1; i <= n; ++i)
    out.push_back(fixed_scalar(group, label + "_" + std::to_string(i)));
  return out;
}

std::string hex_list(const std::vector<Scalar>& scalars) {
  std::string out;
  for (const Scalar& s : scalars) out += (out.empty() ? "" : ",") + to_hex(s.encode());
  return out;
}

std::string hex_list(std::span<const Element> elements) {
  std::string out;
  for (const Element& e : elements) out += (out.empty() ? "" : ",") + to_hex(e.encode());
  return out;
}

void print_block(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::cout << "```vector\n";
  for (const auto& [key, value] : fields) std::cout << key << ": " << value << "\n";
  std::cout << "```\n\n";
}

// N = 3 rows of width w in ristretto255; output row i is input row perm[i].
void print_shuffle_vector(std::size_t width) {
  const Group& group = ristretto255();
  const std::string p = "mix/w" + std::to_string(width) + "/";
  const std::size_t n = 3;
  const Scalar x = fixed_scalar(group, "mix/x");
  const Element y = group.exp_generator(x);
  const ShuffleSeed seed{"RK_2027", "riigikogu/district-3", 1};
  Rows input(n);
  ShuffleWitness witness{Permutation(std::vector<std::size_t>{2, 0, 1}), {}};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string row = std::to_string(i + 1);
    witness.randomness.push_back(fixed_scalars(group, p + "s_" + row, width));
    for (std::size_t k = 0; k < width; ++k) {
      const Scalar r = fixed_scalar(group, p + "r_" + row + "_" + std::to_string(k + 1));
      input[i].items.push_back(encrypt_with(y, 1 + i + 2 * k, r));
    }
  }
  const Rows output = shuffle_with(y, input, witness);
  const auto generators = CommitmentGenerators::derive(group, seed, n, width);
  const ProverNonces nonces{fixed_scalars(group, p + "nonce_r", n),
                            fixed_scalars(group, p + "nonce_r_hat", n),
                            fixed_scalar(group, p + "nonce_omega_1"),
                            fixed_scalar(group, p + "nonce_omega_2"),
                            fixed_scalar(group, p + "nonce_omega_3"),
                            fixed_scalars(group, p + "nonce_omega_4", width),
                            fixed_scalars(group, p + "nonce_omega_hat", n),
                            fixed_scalars(group, p + "nonce_omega_prime", n)};
  const ShuffleProof proof =
      prove_shuffle_with_nonces(y, input, output, witness, generators, nonces);
  const ShuffleChallenges ch = shuffle_challenges(y, input, output, proof, generators);
  std::vector<Scalar> reencryption;
  for (const auto& row : witness.randomness)
    reencryption.insert(reencryption.end(), row.begin(), row.end());
  print_block({{"name", "ristretto255/shuffle/width-" + std::to_string(width)},
               {"secret", to_hex(x.encode())},
               {"public_key", to_hex(y.encode())},
               {"election_id", seed.election_id},
               {"batch_id", seed.batch_id},
               {"stage", std::to_string(seed.stage)},
               {"input", to_hex(encode_rows(input))},
               {"permutation", "3,1,2"},
               {"reencryption", hex_list(reencryption)},
               {"output", to_hex(encode_rows(output))},
               {"h", to_hex(generators.h().encode())},
               {"h_i", hex_list(generators.h_i())},
               {"nonce_r", hex_list(nonces.r)},
               {"nonce_r_hat", hex_list(nonces.r_hat)},
               {"nonce_omega", hex_list({nonces.omega1, nonces.omega2, nonces.omega3})},
               {"nonce_omega_4", hex_list(nonces.omega4)},
               {"nonce_omega_hat", hex_list(nonces.omega_hat)},
               {"nonce_omega_prime", hex_list(nonces.omega_prime)},
               {"u", hex_list(ch.u)},
               {"c", to_hex(ch.c.encode())},
               {"proof", to_hex(encode(proof))}});
}

}  // namespace

int main() {
  print_shuffle_vector(1);
  print_shuffle_vector(2);
  return 0;
}
