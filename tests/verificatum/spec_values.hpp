// The values specs/interop.md §2.6 prints for a committed Verificatum run
// (tests/data/verificatum/<run>), computed from the run's files by the
// definitions of §2.2-§2.5 with the library's primitives (byte trees, hash,
// PRG, random oracle, group decoding and generator sampling). Header-only:
// used by tests/verificatum/test_interop_spec_vectors.cpp, which checks the
// spec's vectors against these values and against what evote-verify prints,
// and by tests/tools/make_verificatum_vectors.cpp, which prints them.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "evote/verificatum/protocol_info.hpp"
#include "evote/verificatum/random_oracle.hpp"

namespace evote::testing::verificatum_spec {

namespace vf = evote::verificatum;

struct RunValues {
  std::string rho;             // §2.5.1
  std::string generator_seed;  // §2.5.2: RO(rho || leaf("generators"))
  std::string h_0, h_1;        // §2.5.2: byte-tree encodings of the first two generators
  std::string batching_seed;   // §2.5.3: s of mix-server 1
  std::string e_0;        // §2.5.3: e_0 as the PRG gives it (n_e bits), hex of ceil(n_e/8) bytes
  std::string challenge;  // §2.5.3: v of mix-server 1, the RO output bytes
  std::string decryption_seed, decryption_challenge;  // §2.5.5 (a -mix run), else ""
};

inline std::string text_file(const std::filesystem::path& path) {
  const vf::Bytes bytes = vf::read_file_bytes(path.string());
  std::string text(bytes.begin(), bytes.end());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

inline vf::ByteTree tree_of(const std::filesystem::path& path) {
  return vf::read_byte_tree_file(path.string());
}

// rho = H_ro(node(version, sid.auxsid, n_r, n_v, n_e, prg, pgroup, rohash)).
inline vf::Bytes rho_of(const vf::ProtocolInfo& info, const std::string& auxsid) {
  const vf::ByteTree tree = vf::ByteTree::node({
      vf::ByteTree::leaf_string(info.version),
      vf::ByteTree::leaf_string(info.sid + "." + auxsid),
      vf::ByteTree::leaf_int32(static_cast<std::uint32_t>(info.statdist)),
      vf::ByteTree::leaf_int32(static_cast<std::uint32_t>(info.vbitlenro)),
      vf::ByteTree::leaf_int32(static_cast<std::uint32_t>(info.ebitlenro)),
      vf::ByteTree::leaf_string(info.prg),
      vf::ByteTree::leaf_string(info.pgroup),
      vf::ByteTree::leaf_string(info.rohash),
  });
  return vf::HashFunction(info.rohash).hash(tree.encode());
}

template <class G>
RunValues values_in(const G& group, const vf::ProtocolInfo& info,
                    const std::filesystem::path& proof) {
  const vf::HashFunction ro(info.rohash), prg_hash(info.prg);
  const std::size_t seed_bits = 8 * prg_hash.output_bytes();
  RunValues out;
  const vf::Bytes rho = rho_of(info, text_file(proof / "auxsid"));
  out.rho = crypto::to_hex(rho);

  const vf::ByteTree input = tree_of(proof / "Ciphertexts.bt");
  const std::size_t n = input.children.at(0).children.size();
  const vf::Bytes gen_seed =
      vf::random_oracle(ro, seed_bits, rho, vf::ByteTree::leaf_string("generators").encode());
  out.generator_seed = crypto::to_hex(gen_seed);
  vf::Prg gen_prg(prg_hash, gen_seed);
  vf::ByteTree generators = vf::ByteTree::node({});
  for (const auto& h : group.random_elements(gen_prg, n, info.statdist))
    generators.children.push_back(group.encode(h));
  out.h_0 = crypto::to_hex(generators.children.at(0).encode());
  out.h_1 = crypto::to_hex(generators.children.at(1).encode());

  // Mix-server 1: node(g, h, u, pk, w, w'), then node(leaf(s), PoS commitment).
  const vf::ByteTree key = tree_of(proof / "FullPublicKey.bt");
  const vf::ByteTree seed_data = vf::ByteTree::node(
      {key.children.at(0), generators, tree_of(proof / "proofs" / "PermutationCommitment01.bt"),
       key, input, tree_of(proof / "proofs" / "Ciphertexts01.bt")});
  const vf::Bytes s = vf::random_oracle(ro, seed_bits, rho, seed_data.encode());
  out.batching_seed = crypto::to_hex(s);
  vf::Prg e_prg(prg_hash, s);
  out.e_0 = crypto::to_hex(
      vf::integer_to_bytes(e_prg.next_integer(info.ebitlenro), (info.ebitlenro + 7) / 8));
  const vf::ByteTree v_data =
      vf::ByteTree::node({vf::ByteTree::leaf(s), tree_of(proof / "proofs" / "PoSCommitment01.bt")});
  out.challenge = crypto::to_hex(vf::random_oracle(ro, info.vbitlenro, rho, v_data.encode()));

  if (text_file(proof / "type") == "mixing") {
    // node(node(g, L_1), node(polynomial in the exponent, node(factors))),
    // then node(leaf(s), node(decryption factor commitment)).
    const vf::ByteTree d_data = vf::ByteTree::node(
        {vf::ByteTree::node({key.children.at(0), tree_of(proof / "proofs" / "Ciphertexts01.bt")}),
         vf::ByteTree::node(
             {tree_of(proof / "proofs" / "PolynomialInExponent.bt"),
              vf::ByteTree::node({tree_of(proof / "proofs" / "DecryptionFactors01.bt")})})});
    const vf::Bytes ds = vf::random_oracle(ro, seed_bits, rho, d_data.encode());
    out.decryption_seed = crypto::to_hex(ds);
    const vf::ByteTree dv_data = vf::ByteTree::node(
        {vf::ByteTree::leaf(ds),
         vf::ByteTree::node({tree_of(proof / "proofs" / "DecrFactCommitment01.bt")})});
    out.decryption_challenge =
        crypto::to_hex(vf::random_oracle(ro, info.vbitlenro, rho, dv_data.encode()));
  }
  return out;
}

// The values of the run in `folder` (protInfo.xml and proof/).
inline RunValues run_values(const std::filesystem::path& folder) {
  const vf::ProtocolInfo info = vf::read_protocol_info((folder / "protInfo.xml").string());
  const vf::AnyGroup group = vf::parse_group(info.pgroup);
  return std::visit([&](const auto& g) { return values_in(*g, info, folder / "proof"); }, group);
}

}  // namespace evote::testing::verificatum_spec
