// evote-verify verificatum end to end on the real Verificatum runs of
// tests/data/verificatum: PASS on each, and on tampered copies (made in a
// temp folder) a FAIL line naming the check and a non-zero exit.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "evote/verificatum/protocol_info.hpp"
#include "support/run_program.hpp"
#include "support/spec_vectors.hpp"
#include "support/temp_folder.hpp"

namespace fs = std::filesystem;
using evote::testing::read_whole_file;
using evote::testing::shell_quote;
using evote::testing::write_whole_file;

namespace {

fs::path data(const std::string& group) {
  return evote::testing::source_path("tests/data/verificatum/" + group);
}

// A copy of one run's folder in a temp folder, to tamper with.
struct RunCopy {
  evote::testing::TempFolder temp;
  fs::path root;
  explicit RunCopy(const std::string& group) : root(temp / group) {
    fs::copy(data(group), root, fs::copy_options::recursive);
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    }
  }
  fs::path proof() const { return root / "proof"; }
};

evote::testing::ProgramRun verify(const fs::path& root, const std::string& extra = "") {
  return evote::testing::run_program(
      std::string(EVOTE_VERIFY_BIN) + " verificatum --protocol-info " +
      shell_quote(root / "protInfo.xml") + " --proof " + shell_quote(root / "proof") + " " + extra);
}

bool has_line(const std::string& output, const std::string& start) {
  return output.find("\n" + start) != std::string::npos || output.rfind(start, 0) == 0;
}

void expect_fail(const evote::testing::ProgramRun& run, const std::string& check) {
  BOOST_TEST_INFO(run.output);
  BOOST_TEST(run.status == 1);
  BOOST_TEST(has_line(run.output, "FAIL " + check));
}

void flip_byte(const fs::path& file, std::size_t offset) {
  auto bytes = read_whole_file(file);
  BOOST_REQUIRE(offset < bytes.size());
  bytes[offset] ^= 0x01;
  write_whole_file(file, bytes);
}

// Offset of the first ciphertext's u_0.y last byte in a P-256 list:
// node(2) node(N) node(2) leaf(x: 33) leaf(y: 33).
constexpr std::size_t kFirstUyLastByte = 5 + 5 + 5 + (5 + 33) + 5 + 33 - 1;

}  // namespace

BOOST_AUTO_TEST_CASE(real_runs_pass_for_every_group) {
  for (const std::string group : {"p256", "p384", "p521", "modp2048"}) {
    const auto run = verify(
        data(group), "--public-key " + shell_quote(data(group) / "publicKey") + " --input " +
                         shell_quote(data(group) / "proof" / "Ciphertexts.bt") + " --output " +
                         shell_quote(data(group) / "proof" / "ShuffledCiphertexts.bt"));
    BOOST_TEST_INFO(group << ":\n" << run.output);
    BOOST_TEST(run.status == 0);
    BOOST_TEST(run.output.find("FAIL") == std::string::npos);
    for (const char* check :
         {"PASS mix-server 1 PoS A", "PASS mix-server 1 PoS B", "PASS mix-server 1 PoS C",
          "PASS mix-server 1 PoS D", "PASS mix-server 1 PoS F",
          "PASS mix-server 1 output list is the output file"}) {
      BOOST_TEST(has_line(run.output, check));
    }
  }
}

BOOST_AUTO_TEST_CASE(prints_the_random_oracle_values_vmnv_prints) {
  // vmnv -shuffle -t der.rho,PoS.s,PoS.v protInfo.xml proof on the p256 run.
  const auto run = verify(data("p256"));
  BOOST_TEST_INFO(run.output);
  BOOST_TEST(run.status == 0);
  BOOST_TEST(has_line(run.output,
                      "PASS random oracle prefix rho: "
                      "9ba15b78907ec8fe428546e63f549dcd9c6089b6206308e8d02d3cbcd444e7ce"));
  BOOST_TEST(
      run.output.find("s = d0119bc66d59dd3b901660c9d8885d222b5d7b6b98a6ada968e96dd6ff5d4b8d, "
                      "v = 0113d35ffc99771d9e1fef7f4a3b94913521c5c6b62b6eb88ad276f0774b76ab") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_mix_run_passes_shuffle_and_decryption) {
  // A -mix run: the shuffle's output is proofs/Ciphertexts01.bt, then decrypted.
  const auto run = verify(data("p256mix"));
  BOOST_TEST_INFO(run.output);
  BOOST_TEST(run.status == 0);
  BOOST_TEST(has_line(run.output, "PASS mix-server 1 PoS F"));
  // vmnv -mix -t Dec.s,Dec.v on this run.
  BOOST_TEST(
      run.output.find("PASS decryption challenge: "
                      "s = 4c91bf69311a17d3ba70bba06c7d703c2c953934504caefb7dd2c40c17d492e0, "
                      "v = 8dc5b03e6d12f6844579e99926e6e64ababf221526ad9081c0bee533e8a0e346") !=
      std::string::npos);
  BOOST_TEST(has_line(run.output, "PASS decryption proof"));
  BOOST_TEST(has_line(run.output, "PASS decryption plaintexts"));
}

BOOST_AUTO_TEST_CASE(a_wrong_decryption_factor_or_plaintext_fails) {
  // Factor 0 replaced by factor 1 (still a point): the proof fails.
  RunCopy copy("p256mix");
  const fs::path factors = copy.proof() / "proofs" / "DecryptionFactors01.bt";
  auto bytes = read_whole_file(factors);
  constexpr std::size_t kPoint = 5 + 2 * (5 + 33);
  std::copy(bytes.begin() + 5 + kPoint, bytes.begin() + 5 + 2 * kPoint, bytes.begin() + 5);
  write_whole_file(factors, bytes);
  expect_fail(verify(copy.root), "decryption proof");

  // Two plaintexts swapped: the proof holds, the plaintexts do not.
  RunCopy plain("p256mix");
  const fs::path file = plain.proof() / "Plaintexts.bt";
  auto text = read_whole_file(file);
  std::swap_ranges(text.begin() + 5, text.begin() + 5 + kPoint, text.begin() + 5 + kPoint);
  write_whole_file(file, text);
  const auto run = verify(plain.root);
  BOOST_TEST(has_line(run.output, "PASS decryption proof"));
  expect_fail(run, "decryption plaintexts");
}

BOOST_AUTO_TEST_CASE(a_precomputation_run_is_refused_saying_so) {
  RunCopy copy("p256");
  write_whole_file(copy.proof() / "maxciph", evote::crypto::as_bytes("300"));
  const auto run = verify(copy.root);
  expect_fail(run, "proof folder");
  BOOST_TEST(run.output.find("pre-computation") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_changed_output_ciphertext_fails) {
  // Ciphertext 0 replaced by ciphertext 1: every element still on the curve.
  RunCopy copy("p256");
  const fs::path out = copy.proof() / "ShuffledCiphertexts.bt";
  auto bytes = read_whole_file(out);
  constexpr std::size_t kPoint = 5 + 2 * (5 + 33);
  std::copy(bytes.begin() + 10 + kPoint, bytes.begin() + 10 + 2 * kPoint, bytes.begin() + 10);
  write_whole_file(out, bytes);
  const auto run = verify(copy.root);
  expect_fail(run, "mix-server 1 output list is the output file");
  // The output list is hashed into the batching vector: A fails with F.
  expect_fail(run, "mix-server 1 PoS A");
  expect_fail(run, "mix-server 1 PoS F");
}

BOOST_AUTO_TEST_CASE(an_output_file_given_apart_from_the_proof_folder_is_the_one_checked) {
  // The proof folder untouched; the caller's --output file tampered: vmnv
  // would not look at it, evote-verify must.
  RunCopy copy("p256");
  const fs::path out = copy.temp / "ciphertextsout";
  auto bytes = read_whole_file(copy.proof() / "ShuffledCiphertexts.bt");
  std::swap_ranges(bytes.begin() + 10, bytes.begin() + 10 + 81, bytes.begin() + 10 + 81);
  write_whole_file(out, bytes);
  const auto run = verify(copy.root, "--output " + shell_quote(out));
  expect_fail(run, "mix-server 1 PoS F");
}

BOOST_AUTO_TEST_CASE(a_changed_proof_byte_fails) {
  RunCopy copy("p256");
  // Last byte of k_A, the first leaf of PoSReply01.bt: node(6) leaf(33).
  flip_byte(copy.proof() / "proofs" / "PoSReply01.bt", 5 + 5 + 33 - 1);
  expect_fail(verify(copy.root), "mix-server 1 PoS A");

  RunCopy copy2("p256");
  // A byte of B_0's x in the PoS commitment: the challenge changes, then A and F fail.
  flip_byte(copy2.proof() / "proofs" / "PoSCommitment01.bt", 5 + 5 + 5 + 5 + 20);
  const auto run = verify(copy2.root);
  BOOST_TEST_INFO(run.output);
  BOOST_TEST(run.status == 1);
  BOOST_TEST((has_line(run.output, "FAIL mix-server 1 PoS commitment") ||
              has_line(run.output, "FAIL mix-server 1 PoS B")));
}

BOOST_AUTO_TEST_CASE(a_swapped_public_key_fails) {
  RunCopy copy("p256");
  const auto run = verify(copy.root, "--public-key " + shell_quote(data("p256mix") / "publicKey"));
  expect_fail(run, "public key is the proof's (FullPublicKey.bt)");
  expect_fail(run, "mix-server 1 PoS F");

  // And a key for another group.
  const auto other = verify(copy.root, "--public-key " + shell_quote(data("p384") / "publicKey"));
  expect_fail(other, "public key");
  BOOST_TEST(other.output.find("another group") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_truncated_byte_tree_fails_naming_the_file_and_offset) {
  RunCopy copy("p256");
  const fs::path file = copy.proof() / "proofs" / "PoSCommitment01.bt";
  auto bytes = read_whole_file(file);
  bytes.resize(bytes.size() - 10);
  write_whole_file(file, bytes);
  const auto run = verify(copy.root);
  expect_fail(run, "mix-server 1 PoS commitment");
  BOOST_TEST(run.output.find("PoSCommitment01.bt: byte ") != std::string::npos);
  BOOST_TEST(run.output.find("runs past the end") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_point_off_the_curve_fails) {
  RunCopy copy("p256");
  flip_byte(copy.proof() / "ShuffledCiphertexts.bt", kFirstUyLastByte);
  const auto run = verify(copy.root);
  expect_fail(run, "output ciphertexts");
  BOOST_TEST(run.output.find("not on P-256") != std::string::npos);

  RunCopy input("p256");
  flip_byte(input.proof() / "Ciphertexts.bt", kFirstUyLastByte);
  expect_fail(verify(input.root), "input ciphertexts");
}

BOOST_AUTO_TEST_CASE(a_mod_p_value_outside_the_subgroup_fails) {
  // -x for a member x of a safe-prime group (p = 3 mod 4) is a non-residue.
  RunCopy copy("modp2048");
  const auto info = evote::verificatum::read_protocol_info((copy.root / "protInfo.xml").string());
  const auto group = evote::verificatum::group_byte_tree(info.pgroup);
  const mpz_class p = evote::verificatum::integer_from_bytes(group.children[1].children[0].data);
  const fs::path file = copy.proof() / "ShuffledCiphertexts.bt";
  auto bytes = read_whole_file(file);
  constexpr std::size_t kAt = 5 + 5 + 5;  // first u's leaf data
  constexpr std::size_t kLen = 257;
  const mpz_class x = evote::verificatum::integer_from_bytes(
      evote::verificatum::BytesView(bytes).subspan(kAt, kLen));
  const auto minus_x = evote::verificatum::integer_to_bytes(p - x, kLen);
  std::copy(minus_x.begin(), minus_x.end(), bytes.begin() + kAt);
  write_whole_file(file, bytes);
  const auto run = verify(copy.root);
  expect_fail(run, "output ciphertexts");
  BOOST_TEST(run.output.find("not in the order-q subgroup") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_proof_folder_that_does_not_fit_fails) {
  RunCopy copy("p256");
  write_whole_file(copy.proof() / "width", evote::crypto::as_bytes("2"));
  const auto wide = verify(copy.root);
  expect_fail(wide, "proof folder");
  BOOST_TEST(wide.output.find("width 2 is not supported") != std::string::npos);

  RunCopy version("p256");
  write_whole_file(version.proof() / "version", evote::crypto::as_bytes("3.0.4"));
  expect_fail(verify(version.root), "proof folder");

  RunCopy missing("p256");
  fs::remove(missing.proof() / "proofs" / "PoSReply01.bt");
  const auto run = verify(missing.root);
  expect_fail(run, "mix-server 1 PoS reply");
  BOOST_TEST(run.output.find("PoSReply01.bt: cannot be read") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_protocol_info_without_a_field_fails_naming_it) {
  RunCopy copy("p256");
  const fs::path file = copy.root / "protInfo.xml";
  auto bytes = read_whole_file(file);
  std::string text(bytes.begin(), bytes.end());
  const std::size_t at = text.find("<rohash>SHA-256</rohash>");
  BOOST_REQUIRE(at != std::string::npos);
  text.erase(at, std::string("<rohash>SHA-256</rohash>").size());
  write_whole_file(file, evote::crypto::as_bytes(text));
  const auto run = verify(copy.root);
  expect_fail(run, "protocol info");
  BOOST_TEST(run.output.find("field <rohash> is missing") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_call_exits_2) {
  const auto run =
      evote::testing::run_program(std::string(EVOTE_VERIFY_BIN) + " verificatum --proof x");
  BOOST_TEST(run.status == 2);
  BOOST_TEST(run.output.find("--protocol-info and --proof are required") != std::string::npos);
  BOOST_TEST(evote::testing::run_program(std::string(EVOTE_VERIFY_BIN) + " verificatum --bogus 1")
                 .status == 2);
}
