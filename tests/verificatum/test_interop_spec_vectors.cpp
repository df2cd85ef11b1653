// Checks the vectors printed in specs/interop.md §2.6 against the code: the
// primitives (byte tree, PRG, random oracle, P-256 encodings) recomputed
// from the vector's inputs, and for each committed Verificatum run the
// values recomputed from its files by the spec's definitions and the values
// evote-verify itself prints (rho, h_0, s, v) on that run.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "evote/verificatum/random_oracle.hpp"
#include "spec_values.hpp"
#include "support/run_program.hpp"
#include "support/spec_vectors.hpp"

namespace fs = std::filesystem;
namespace vf = evote::verificatum;
using evote::crypto::from_hex;
using evote::crypto::to_hex;
using evote::testing::SpecVector;

namespace {

const std::vector<SpecVector>& vectors() {
  static const auto all = evote::testing::load_spec_vectors("specs/interop.md");
  return all;
}

const SpecVector& vector_named(const std::string& name) {
  return evote::testing::find_vector(vectors(), name);
}

void expect_all_read(const SpecVector& v) {
  BOOST_TEST_INFO("vector " << v.name);
  BOOST_TEST(v.unread().empty());
}

fs::path run_folder(const std::string& run) {
  return evote::testing::source_path("tests/data/verificatum/" + run);
}

bool printed(const std::string& output, const std::string& text) {
  return output.find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(interop_spec_vectors)

BOOST_AUTO_TEST_CASE(byte_tree_vector) {
  // node(leaf afaded, node(leaf of 0 bytes), leaf "generators", leaf be32(100)).
  const SpecVector& v = vector_named("verificatum/byte-tree");
  const vf::ByteTree tree = vf::ByteTree::node(
      {vf::ByteTree::leaf(from_hex("afaded")), vf::ByteTree::node({vf::ByteTree::leaf({})}),
       vf::ByteTree::leaf_string("generators"), vf::ByteTree::leaf_int32(100)});
  BOOST_TEST(to_hex(tree.encode()) == v.at("encoding"));
  BOOST_TEST(to_hex(vf::ByteTree::parse(from_hex(v.at("encoding")), "vector").encode()) ==
             v.at("encoding"));
  expect_all_read(v);
}

BOOST_AUTO_TEST_CASE(prg_vector) {
  const SpecVector& v = vector_named("verificatum/prg-sha-256");
  const vf::HashFunction sha256("SHA-256");
  vf::Prg prg(sha256, from_hex(v.at("seed")));
  BOOST_TEST(to_hex(prg.next_bytes(40)) == v.at("bytes_0_40"));
  BOOST_TEST(prg.next_integer(12).get_str(16) == v.at("integer_12_bits"));
  expect_all_read(v);
}

BOOST_AUTO_TEST_CASE(random_oracle_vector) {
  const SpecVector& v = vector_named("verificatum/random-oracle-sha-256");
  const vf::HashFunction sha256("SHA-256");
  const std::size_t bits = std::stoul(v.at("bits"));
  BOOST_TEST(to_hex(vf::random_oracle(sha256, bits, from_hex(v.at("prefix")),
                                      from_hex(v.at("data")))) == v.at("output"));
  expect_all_read(v);
}

BOOST_AUTO_TEST_CASE(p256_encodings_vector) {
  const SpecVector& v = vector_named("verificatum/p-256-encodings");
  const vf::EcGroup group("P-256");
  BOOST_TEST(to_hex(group.encode(group.generator()).encode()) == v.at("generator"));
  BOOST_TEST(to_hex(group.encode(group.identity()).encode()) == v.at("identity"));
  const auto identity =
      group.decode(vf::ByteTree::parse(from_hex(v.at("identity")), "vector"), "identity");
  BOOST_TEST(group.equal(identity, group.identity()));
  const auto g =
      group.decode(vf::ByteTree::parse(from_hex(v.at("generator")), "vector"), "generator");
  BOOST_TEST(group.equal(g, group.generator()));
  expect_all_read(v);
}

BOOST_AUTO_TEST_CASE(every_committed_run_has_a_vector) {
  std::set<std::string> runs;
  for (const auto& entry : fs::directory_iterator(run_folder("")))
    if (entry.is_directory()) runs.insert(entry.path().filename().string());
  BOOST_TEST(runs.size() == 5u);
  for (const std::string& run : runs) {
    BOOST_TEST_INFO("run " << run);
    BOOST_CHECK_NO_THROW(vector_named("verificatum/" + run));
  }
}

BOOST_AUTO_TEST_CASE(run_vectors_are_the_runs_values_and_what_evote_verify_prints) {
  for (const std::string run : {"p256", "p384", "p521", "modp2048", "p256mix"}) {
    BOOST_TEST_CONTEXT("run " << run) {
      const SpecVector& v = vector_named("verificatum/" + run);
      const auto values = evote::testing::verificatum_spec::run_values(run_folder(run));
      BOOST_TEST(values.rho == v.at("rho"));
      BOOST_TEST(values.generator_seed == v.at("generator_seed"));
      BOOST_TEST(values.h_0 == v.at("h_0"));
      BOOST_TEST(values.h_1 == v.at("h_1"));
      BOOST_TEST(values.batching_seed == v.at("batching_seed"));
      BOOST_TEST(values.e_0 == v.at("e_0"));
      BOOST_TEST(values.challenge == v.at("challenge"));
      if (v.has("decryption_seed")) {
        BOOST_TEST(values.decryption_seed == v.at("decryption_seed"));
        BOOST_TEST(values.decryption_challenge == v.at("decryption_challenge"));
      } else {
        BOOST_TEST(values.decryption_seed.empty());
      }
      expect_all_read(v);

      // evote-verify's own lines on the same run.
      const auto verify = evote::testing::run_program(
          std::string(EVOTE_VERIFY_BIN) + " verificatum --protocol-info " +
          evote::testing::shell_quote(run_folder(run) / "protInfo.xml") + " --proof " +
          evote::testing::shell_quote(run_folder(run) / "proof"));
      BOOST_TEST_INFO(verify.output);
      BOOST_TEST(verify.status == 0);
      BOOST_TEST(printed(verify.output, "PASS random oracle prefix rho: " + v.at("rho") + "\n"));
      const vf::ByteTree h0 = vf::ByteTree::parse(from_hex(v.at("h_0")), "h_0");
      const vf::Bytes& first_leaf = h0.is_leaf ? h0.data : h0.children.at(0).data;
      BOOST_TEST(printed(verify.output,
                         "; h_0 starts " + to_hex(vf::BytesView(first_leaf).first(16)) + "..."));
      BOOST_TEST(printed(verify.output, "PASS mix-server 1 PoS challenge: s = " +
                                            v.at("batching_seed") + ", v = " + v.at("challenge")));
      if (v.has("decryption_seed")) {
        BOOST_TEST(
            printed(verify.output, "PASS decryption challenge: s = " + v.at("decryption_seed") +
                                       ", v = " + v.at("decryption_challenge")));
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
