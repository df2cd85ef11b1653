// Prints the test vectors of specs/interop.md §2.6 (fenced `vector` blocks):
// the primitives on fixed inputs, then the values of each committed
// Verificatum run. Run it after a deliberate change and paste its output
// into the spec; the tests check the spec against the code, never this tool.
//   build/tests/make_verificatum_vectors tests/data/verificatum
#include <filesystem>
#include <iostream>
#include <string>

#include "../verificatum/spec_values.hpp"

namespace vf = evote::verificatum;
using evote::crypto::from_hex;
using evote::crypto::to_hex;

namespace {

void print_primitives() {
  const vf::HashFunction sha256("SHA-256");
  const vf::ByteTree tree = vf::ByteTree::node(
      {vf::ByteTree::leaf(from_hex("afaded")), vf::ByteTree::node({vf::ByteTree::leaf({})}),
       vf::ByteTree::leaf_string("generators"), vf::ByteTree::leaf_int32(100)});
  std::cout << "```vector\nname: verificatum/byte-tree\nencoding: " << to_hex(tree.encode())
            << "\n```\n\n";
  vf::Prg prg(sha256, vf::Bytes(32, 0x11));
  std::cout << "```vector\nname: verificatum/prg-sha-256\nseed: " << to_hex(vf::Bytes(32, 0x11))
            << "\nbytes_0_40: " << to_hex(prg.next_bytes(40))
            << "\ninteger_12_bits: " << prg.next_integer(12).get_str(16) << "\n```\n\n";
  std::cout << "```vector\nname: verificatum/random-oracle-sha-256\nbits: 12\nprefix: ab\n"
            << "data: cd\noutput: "
            << to_hex(vf::random_oracle(sha256, 12, from_hex("ab"), from_hex("cd"))) << "\n```\n\n";
  const vf::EcGroup p256("P-256");
  std::cout << "```vector\nname: verificatum/p-256-encodings\ngenerator: "
            << to_hex(p256.encode(p256.generator()).encode())
            << "\nidentity: " << to_hex(p256.encode(p256.identity()).encode()) << "\n```\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_verificatum_vectors tests/data/verificatum\n";
    return 2;
  }
  print_primitives();
  for (const char* run : {"p256", "p384", "p521", "modp2048", "p256mix"}) {
    const auto v =
        evote::testing::verificatum_spec::run_values(std::filesystem::path(argv[1]) / run);
    std::cout << "```vector\nname: verificatum/" << run << "\nrho: " << v.rho
              << "\ngenerator_seed: " << v.generator_seed << "\nh_0: " << v.h_0
              << "\nh_1: " << v.h_1 << "\nbatching_seed: " << v.batching_seed << "\ne_0: " << v.e_0
              << "\nchallenge: " << v.challenge;
    if (!v.decryption_seed.empty())
      std::cout << "\ndecryption_seed: " << v.decryption_seed
                << "\ndecryption_challenge: " << v.decryption_challenge;
    std::cout << "\n```\n\n";
  }
  return 0;
}
