// A 2-of-3 ceremony where trustee 2 keeps its share on a PKCS#11 token
// (SoftHSM2) and the others seal theirs with a passphrase; any two decrypt,
// one cannot; a wrong PIN is a clear error; a cascade that does not verify is
// refused before the PIN is used. And a small 2-of-2 ceremony in
// modp3072-rfc3526.
#include "ceremony_harness.hpp"
#include "support/softhsm_token.hpp"

using namespace evote::keys_test;

BOOST_AUTO_TEST_SUITE(keys_token_share)

BOOST_AUTO_TEST_CASE(share_on_a_token_two_of_three) {
  evote::testing::SoftHsmToken token("trustee-2", "246810");
  Ceremony c("KOV_2029", 3, 2);
  const fs::path pin = c.root() / "pin.txt";
  write_text(pin, "246810\n");
  c.share_options = [&](std::uint32_t j) {
    return j == 2 ? " --token-module " + q(token.module()) +
                        " --token-label trustee-2 --pin-file " + q(pin)
                  : std::string();
  };
  const std::string key = c.run_all();
  BOOST_TEST(c.verify(c.ceremony_file()).status == 0);

  const std::string share2 = read_text(c.dir(2) / "share.json");
  BOOST_TEST(
      share2.find("\"token\":{\"label\":\"trustee-2\",\"object\":\"evote-share/KOV_2029/2\"}") !=
          std::string::npos,
      share2);
  BOOST_TEST(share2.find("sealed_share") == std::string::npos);

  const std::vector<std::vector<std::uint64_t>> rows = {{42}, {43}, {44}};
  const fs::path input = c.encrypt(key, rows);
  for (std::uint32_t j = 1; j <= 3; ++j)
    BOOST_TEST_REQUIRE(c.partial_decrypt(j, input).status == 0);
  for (auto [a, b] : std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 2}, {2, 3}, {1, 3}}) {
    const fs::path out = c.root() / "plain.txt";
    const Run r = c.combine(input, {c.partial(a), c.partial(b)}, out);
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(sorted_lines(read_text(out)) == plaintext_lines(rows));
    fs::remove(out);
  }
  for (std::uint32_t j = 1; j <= 3; ++j) {
    const Run r = c.combine(input, {c.partial(j)}, c.root() / "one.txt");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.has("need 2 valid partial decryptions, have 1"), r.output);
  }

  // A wrong PIN: a clear error, no PIN in the output, the share still there.
  const fs::path wrong = c.root() / "wrong-pin.txt";
  write_text(wrong, "999999\n");
  const fs::path out = c.root() / "p2.bin";
  const std::string base = c.partial_decrypt_command(2, input, out);
  Run r = run(base + " --token-module " + q(token.module()) +
              " --token-label trustee-2 --pin-file " + q(wrong));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("token 'trustee-2'"), r.output);
  BOOST_TEST(r.has("wrong PIN"), r.output);
  BOOST_TEST(!r.has("999999"));
  BOOST_TEST(!fs::exists(out));
  // Without the token options: told where the share is.
  r = run(base + c.passphrase_option());
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.has("the share is on a token"), r.output);
  // Finishing again would overwrite nothing.
  r = run(c.step("finish", 2) + c.share_options(2));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("already exists"), r.output);
  // A cascade with a broken stage, and the wrong PIN: the cascade is named,
  // the token never asked (so the PIN is not even tried).
  const fs::path broken = c.root() / "broken";
  fs::copy(c.cascade(input), broken);
  evote::crypto::Bytes proof = evote::testing::read_whole_file(broken / "stage-2.proof");
  proof.back() ^= 0x01;
  evote::testing::write_whole_file(broken / "stage-2.proof", proof);
  r = run(kKeys + " partial-decrypt --dir " + q(c.dir(2)) + " --ceremony " + q(c.ceremony_file()) +
          " --config " + q(c.election_config()) + " --input " + q(input) + " --cascade " +
          q(broken) + " --out " + q(out) + " --token-module " + q(token.module()) +
          " --token-label trustee-2 --pin-file " + q(wrong));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(
      r.has("cascade " + broken.string() + " does not verify, nothing is decrypted: stage-2"),
      r.output);
  BOOST_TEST(!r.has("PIN"), r.output);
  BOOST_TEST(!fs::exists(out));
  // The right PIN and the real cascade.
  r = run(base + c.share_options(2));
  BOOST_TEST(r.status == 0, r.output);
}

BOOST_AUTO_TEST_CASE(modp3072_two_of_two) {
  Ceremony c("RH_2028", 2, 2, "modp3072-rfc3526");
  const std::string key = c.run_all();
  BOOST_TEST(c.verify(c.ceremony_file()).status == 0);
  const std::vector<std::vector<std::uint64_t>> rows = {{3, 1, 9}};
  const fs::path input = c.encrypt(key, rows);
  for (std::uint32_t j = 1; j <= 2; ++j)
    BOOST_TEST_REQUIRE(c.partial_decrypt(j, input).status == 0);
  const Run r = c.combine(input, {c.partial(2), c.partial(1)}, c.root() / "plain.txt");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(read_text(c.root() / "plain.txt") == "3 1 9\n");
  BOOST_TEST(c.combine(input, {c.partial(1)}, c.root() / "one.txt").status == 1);
}

BOOST_AUTO_TEST_SUITE_END()
