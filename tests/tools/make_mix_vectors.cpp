// Prints the test vectors of specs/mix.md (fenced `vector` blocks) from fixed
// inputs. Run it after a deliberate format change and paste its output into
// the spec; the tests check the spec against the code, never this tool.
//   build/tests/make_mix_vectors
#include <algorithm>
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

// The masks ω'_i as the prover draws them (specs/mix.md section 6): in a
// group whose q has more than 704 bits (modp3072-rfc3526), the fixed scalar
// reduced mod 2^640; otherwise the fixed scalar itself.
std::vector<Scalar> fixed_masks(const Group& group, const std::string& label, std::size_t n) {
  std::vector<Scalar> out = fixed_scalars(group, label, n);
  if (group.scalars().bit_length() <= 704) return out;
  for (Scalar& s : out) {
    Bytes bytes = s.encode();
    std::fill(bytes.begin(), bytes.end() - 640 / 8, std::uint8_t{0});
    s = group.scalars().decode(bytes);
  }
  return out;
}

std::string one_based_list(const std::vector<std::size_t>& map) {
  std::string out;
  for (std::size_t j : map) out += (out.empty() ? "" : ",") + std::to_string(j + 1);
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

// N rows of width w in `group_name`; output row i is input row map[i]
// (from 0 here; printed from 1).
void print_shuffle_vector(const std::string& group_name, const std::string& name, std::size_t width,
                          const std::vector<std::size_t>& map) {
  const Group& group = group_by_name(group_name);
  const std::string p = "mix/w" + std::to_string(width) + "/";
  const std::size_t n = map.size();
  const Scalar x = fixed_scalar(group, "mix/x");
  const Element y = group.exp_generator(x);
  const ShuffleSeed seed{"RK_2027", "riigikogu/district-3", 1};
  Rows input(n);
  ShuffleWitness witness{Permutation(std::vector<std::size_t>(map)), {}};
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
                            fixed_masks(group, p + "nonce_omega_prime", n)};
  const ShuffleProof proof =
      prove_shuffle_with_nonces(y, input, output, witness, generators, nonces);
  const ShuffleChallenges ch = shuffle_challenges(y, input, output, proof, generators);
  std::vector<Scalar> reencryption;
  for (const auto& row : witness.randomness)
    reencryption.insert(reencryption.end(), row.begin(), row.end());
  print_block({{"name", group_name + "/shuffle/" + name},
               {"secret", to_hex(x.encode())},
               {"public_key", to_hex(y.encode())},
               {"election_id", seed.election_id},
               {"batch_id", seed.batch_id},
               {"stage", std::to_string(seed.stage)},
               {"input", to_hex(encode_rows(input))},
               {"permutation", one_based_list(map)},
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
  const std::vector<std::size_t> three{2, 0, 1}, one{0};
  print_shuffle_vector("ristretto255", "width-1", 1, three);
  print_shuffle_vector("ristretto255", "width-2", 2, three);
  // The modp groups: three rows of width 1, and one row of width 2.
  for (const std::string group : {"modp3072-rfc3526", "modp4096-eg"}) {
    print_shuffle_vector(group, "width-1", 1, three);
    print_shuffle_vector(group, "one-row-width-2", 2, one);
  }
  return 0;
}
