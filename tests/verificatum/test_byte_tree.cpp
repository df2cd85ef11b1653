// Verificatum byte trees, random oracle and PRG (specs/interop.md §2.1-2.2),
// against Verificatum's own values for the committed p256 run.
#include <boost/test/unit_test.hpp>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "evote/verificatum/random_oracle.hpp"

using evote::crypto::from_hex;
using evote::crypto::to_hex;
using namespace evote::verificatum;

BOOST_AUTO_TEST_CASE(encodes_leaves_and_nodes) {
  const ByteTree tree =
      ByteTree::node({ByteTree::leaf(from_hex("AFADED")), ByteTree::node({ByteTree::leaf({})})});
  BOOST_TEST(to_hex(tree.encode()) == "00000000020100000003afaded00000000010100000000");
  BOOST_TEST(to_hex(ByteTree::parse(tree.encode(), "t").encode()) == to_hex(tree.encode()));
  BOOST_TEST(to_hex(ByteTree::leaf_int32(256).encode()) == "010000000400000100");
}

BOOST_AUTO_TEST_CASE(rejects_malformed_trees_naming_the_offset) {
  auto message = [](const std::string& hex) {
    try {
      ByteTree::parse(from_hex(hex), "f.bt");
    } catch (const FormatError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  BOOST_TEST(message("0100000003afad") ==
             "f.bt: byte 0: leaf of 3 bytes runs past the end (2 left)");
  BOOST_TEST(message("01000000") == "f.bt: byte 0: truncated byte tree header");
  BOOST_TEST(message("0200000000") ==
             "f.bt: byte 0: byte tree type byte is 2, not 0 (node) or 1 (leaf)");
  BOOST_TEST(message("010000000000") == "f.bt: byte 5: 1 bytes after the end of the byte tree");
  BOOST_TEST(message("00ffffffff0100000000") ==
             "f.bt: byte 0: node claims 4294967295 children, more than the bytes left hold");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "0000000001";
  BOOST_TEST(message(deep + "0100000000").find("nested deeper than 64") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(prg_and_random_oracle_follow_the_definition) {
  const HashFunction sha256("SHA-256");
  const Bytes seed(32, 0x11);
  Prg prg(sha256, seed);
  Bytes block0_input = seed;
  block0_input.insert(block0_input.end(), {0, 0, 0, 0});
  Bytes block1_input = seed;
  block1_input.insert(block1_input.end(), {0, 0, 0, 1});
  Bytes expected = sha256.hash(block0_input);
  const Bytes second = sha256.hash(block1_input);
  expected.insert(expected.end(), second.begin(), second.begin() + 8);
  BOOST_TEST(to_hex(prg.next_bytes(40)) == to_hex(expected));

  // RO_n: PRG(H(be32(n) || d)), leading byte cut to n bits.
  const Bytes out = random_oracle(sha256, 12, from_hex("ab"), from_hex("cd"));
  BOOST_TEST(out.size() == 2u);
  Prg again(sha256, sha256.hash(from_hex("0000000cabcd")));
  Bytes want = again.next_bytes(2);
  want[0] &= 0x0F;
  BOOST_TEST(to_hex(out) == to_hex(want));
  BOOST_CHECK_THROW(HashFunction("MD5"), FormatError);
  BOOST_CHECK_THROW(Prg(sha256, Bytes(31)), FormatError);
}

BOOST_AUTO_TEST_CASE(curve_points_decode_only_on_the_curve) {
  const EcGroup group("P-256");
  const ByteTree g = group.encode(group.generator());
  BOOST_TEST(g.children[0].data.size() == 33u);
  BOOST_TEST(group.equal(group.decode(g, "g"), group.generator()));
  ByteTree bad = g;
  bad.children[1].data.back() ^= 1;
  BOOST_CHECK_THROW(group.decode(bad, "g"), FormatError);
  ByteTree short_leaf = g;
  short_leaf.children[0].data.pop_back();
  BOOST_CHECK_THROW(group.decode(short_leaf, "g"), FormatError);
  // The identity is x = y = all 0xFF.
  const ByteTree one = group.encode(group.identity());
  BOOST_TEST(to_hex(one.children[0].data) == std::string(66, 'f'));
  BOOST_TEST(group.equal(group.decode(one, "1"), group.identity()));
  BOOST_CHECK_THROW(EcGroup("secp256k1"), FormatError);
}
