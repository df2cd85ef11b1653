// The B chain of the proof of shuffle (B_i^v B'_i = g^k_B,i B_{i-1}^k_E,i)
// is checked as one random linear combination first and, when that fails,
// equation by equation: a wrong k_B,i in the reply (which the challenges do
// not hash, so every other check still passes) must FAIL the B check naming
// exactly that i, for the first, a middle and the last i, on a curve and on
// a mod-p group.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <filesystem>
#include <string>

#include "support/run_program.hpp"
#include "support/spec_vectors.hpp"
#include "support/temp_folder.hpp"

namespace fs = std::filesystem;
using evote::testing::read_whole_file;
using evote::testing::shell_quote;
using evote::testing::write_whole_file;

namespace {

struct Case {
  const char* run;
  std::size_t n;  // ciphertexts in the run
};

// Copies the run, flips the last byte of k_B,i in PoSReply01.bt
// (node(k_A, node(k_B,0 ..), ...): each scalar a leaf of the same length)
// and runs evote-verify on the copy.
evote::testing::ProgramRun verify_with_wrong_k_b(const std::string& run, std::size_t i) {
  const evote::testing::TempFolder temp;
  const fs::path root = temp / run;
  fs::copy(evote::testing::source_path("tests/data/verificatum/" + run), root,
           fs::copy_options::recursive);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
  }
  const fs::path reply = root / "proof" / "proofs" / "PoSReply01.bt";
  auto bytes = read_whole_file(reply);
  // The root node's header (5 bytes), then k_A: leaf tag and 4-byte length.
  BOOST_REQUIRE(bytes.size() > 10 && bytes[5] == 1);
  const std::size_t scalar = (std::size_t{bytes[6]} << 24) | (std::size_t{bytes[7]} << 16) |
                             (std::size_t{bytes[8]} << 8) | std::size_t{bytes[9]};
  const std::size_t leaf = 5 + scalar;
  const std::size_t k_b_i_end = 5 + leaf + 5 + (i + 1) * leaf;
  BOOST_REQUIRE(k_b_i_end <= bytes.size());
  bytes[k_b_i_end - 1] ^= 0x01;
  write_whole_file(reply, bytes);
  return evote::testing::run_program(
      std::string(EVOTE_VERIFY_BIN) + " verificatum --protocol-info " +
      shell_quote(root / "protInfo.xml") + " --proof " + shell_quote(root / "proof"));
}

bool has_line(const std::string& output, const std::string& line) {
  return output.find("\n" + line + "\n") != std::string::npos ||
         output.find("\n" + line + ":") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_wrong_k_b_fails_the_b_chain_at_its_index_only) {
  for (const Case& c : {Case{"p256", 300}, Case{"modp2048", 100}}) {
    for (const std::size_t i : {std::size_t{0}, std::size_t{7}, c.n - 1}) {
      const auto run = verify_with_wrong_k_b(c.run, i);
      BOOST_TEST_INFO(c.run << " i = " << i << "\n" << run.output);
      BOOST_TEST(run.status == 1);
      BOOST_TEST(has_line(run.output,
                          "FAIL mix-server 1 PoS B (product chain): B_i^v B'_i != g^k_B,i "
                          "B_{i-1}^k_E,i at i = " +
                              std::to_string(i)));
      for (const char* other :
           {"A (batched permutation commitment)", "C (commitment to a permutation)",
            "D (product of the batching vector)", "F (re-encryption of the batched ciphertexts)"}) {
        BOOST_TEST(has_line(run.output, std::string("PASS mix-server 1 PoS ") + other));
      }
    }
  }
}
