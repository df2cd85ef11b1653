// Partial decryptions: a wrong share or proof is named and skipped while t
// honest trustees still decrypt; batch verification accepts honest batches
// and names the single bad proof among many.
#include <boost/test/unit_test.hpp>
#include <vector>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_fixture.hpp"

using namespace evote::crypto;
using namespace evote::crypto::threshold_test;

namespace {

std::vector<TrusteeDecryptions> decrypt_by(const Ceremony& c, const std::vector<Ciphertext>& cts,
                                           const std::vector<std::uint32_t>& trustees) {
  std::vector<TrusteeDecryptions> out;
  for (std::uint32_t j : trustees) out.push_back(decrypt_as(c, j, cts));
  return out;
}

const RejectedTrustee* rejected(const CombinedDecryption& r, std::uint32_t j) {
  for (const RejectedTrustee& x : r.rejected) {
    if (x.trustee == j) return &x;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(threshold_decryption)

BOOST_AUTO_TEST_CASE(partial_decryption_proof_binds_context) {
  const Group& group = ristretto255();
  const Ceremony c = run_ceremony(group, 3, 2);
  const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, {4, 5});
  const TrusteeDecryptions t = decrypt_as(c, 2, cts);
  const Element y2 = verification_key(c.key, 2);
  BOOST_TEST(verify_partial_decryption(y2, cts[0], t.parts[0], kContext, 2, 0).ok);
  BOOST_TEST(!verify_partial_decryption(y2, cts[0], t.parts[0], kContext, 2, 1).ok);  // position
  BOOST_TEST(!verify_partial_decryption(y2, cts[0], t.parts[0], kContext, 3, 0).ok);  // trustee
  BOOST_TEST(
      !verify_partial_decryption(y2, cts[0], t.parts[0], {"RK_2031", kContext.batch}, 2, 0).ok);
  BOOST_TEST(
      !verify_partial_decryption(y2, cts[0], t.parts[0], {kContext.election_id, "x"}, 2, 0).ok);
  BOOST_TEST(!verify_partial_decryption(y2, cts[1], t.parts[0], kContext, 2, 0).ok);  // ciphertext
  BOOST_TEST(
      !verify_partial_decryption(verification_key(c.key, 1), cts[0], t.parts[0], kContext, 2, 0)
           .ok);
  // A share that does not match the verification key is refused up front.
  BOOST_CHECK_THROW(partial_decrypt_all(c.secrets[0], y2, cts, kContext, 2), Error);
}

BOOST_AUTO_TEST_CASE(bad_partial_decryptions_are_named_and_skipped) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const Ceremony c = run_ceremony(group, 5, 3);
      const std::vector<std::uint64_t> codes = {3, 1, 4};
      const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, codes);
      std::vector<TrusteeDecryptions> all = decrypt_by(c, cts, {1, 2, 3, 4, 5});
      // Trustee 2 publishes a wrong d_2 at position 1 (proof unchanged);
      // trustee 4 a proof with a wrong response at position 2.
      all[1].parts[1].share = group.mul(all[1].parts[1].share, group.generator());
      all[3].parts[2].proof.response += group.scalars().one();
      const CombinedDecryption r = combine_partial_decryptions(c.params, c.key, cts, all, kContext);
      BOOST_TEST((r.plaintexts == expected_plaintexts(group, codes)));
      BOOST_TEST(r.used == (std::vector<std::uint32_t>{1, 3, 5}));
      BOOST_TEST_REQUIRE(r.rejected.size() == 2u);
      BOOST_TEST_REQUIRE(rejected(r, 2) != nullptr);
      BOOST_TEST(contains(rejected(r, 2)->reason, "partial decryption 1"));
      BOOST_TEST_REQUIRE(rejected(r, 4) != nullptr);
      BOOST_TEST(contains(rejected(r, 4)->reason, "positions 2"));
      // Of trustees {1, 2, 4} only trustee 1 is valid.
      const std::vector<TrusteeDecryptions> few = {all[0], all[1], all[3]};
      try {
        combine_partial_decryptions(c.params, c.key, cts, few, kContext);
        BOOST_FAIL("combine accepted 1 valid trustee");
      } catch (const Error& e) {
        BOOST_TEST(contains(e.what(), "only 1 trustees"));
        BOOST_TEST(contains(e.what(), "trustee 2:"));
        BOOST_TEST(contains(e.what(), "trustee 4:"));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(malformed_submissions_are_rejected) {
  const Group& group = ristretto255();
  const Ceremony c = run_ceremony(group, 5, 3);
  const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, {6, 7});
  std::vector<TrusteeDecryptions> all = decrypt_by(c, cts, {1, 2, 3, 4, 5});
  all[4].parts.pop_back();               // trustee 5: too few parts
  all.push_back(all[0]);                 // trustee 1 twice
  all.push_back(decrypt_as(c, 2, cts));  // as trustee 2 but index 9
  all.back().trustee = 9;
  const CombinedDecryption r = combine_partial_decryptions(c.params, c.key, cts, all, kContext);
  BOOST_TEST(r.used == (std::vector<std::uint32_t>{2, 3, 4}));
  BOOST_TEST((r.plaintexts == expected_plaintexts(group, {6, 7})));
  BOOST_TEST_REQUIRE(rejected(r, 1) != nullptr);
  BOOST_TEST(contains(rejected(r, 1)->reason, "submitted 2 times"));
  BOOST_TEST(r.rejected.size() == 3u);  // 1 (named once), 5 and 9
  BOOST_TEST_REQUIRE(rejected(r, 5) != nullptr);
  BOOST_TEST(contains(rejected(r, 5)->reason, "1 partial decryptions for 2 ciphertexts"));
  BOOST_TEST_REQUIRE(rejected(r, 9) != nullptr);
  BOOST_TEST(contains(rejected(r, 9)->reason, "outside 1..5"));
}

BOOST_AUTO_TEST_CASE(batch_verification_names_one_bad_proof_among_200) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const Ceremony c = run_ceremony(group, 3, 2);
      const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, codes_up_to(200));
      // In modp4096-eg one trustee keeps the test quick; ristretto255 has two.
      std::vector<TrusteeDecryptions> subs =
          decrypt_by(c, cts,
                     name == "ristretto255" ? std::vector<std::uint32_t>{1, 3}
                                            : std::vector<std::uint32_t>{3});
      for (const TrusteeVerdict& v :
           verify_partial_decryptions(c.params, c.key, cts, subs, kContext)) {
        BOOST_TEST(v.ok());
        BOOST_TEST(v.bad_positions.empty());
      }
      TrusteeDecryptions& bad = subs.back();
      bad.parts[137].proof.commitment_u =
          group.mul(bad.parts[137].proof.commitment_u, group.generator());
      const auto verdicts = verify_partial_decryptions(c.params, c.key, cts, subs, kContext);
      const TrusteeVerdict& v = verdicts.back();
      BOOST_TEST(!v.ok());
      BOOST_TEST(v.bad_positions == (std::vector<std::uint64_t>{137}));
      BOOST_TEST(contains(v.reason, "1 of 200"));
      BOOST_TEST(contains(v.reason, "trustee 3, partial decryption 137"));
      if (verdicts.size() == 2) BOOST_TEST(verdicts[0].ok());
    }
  }
}

// More ciphertexts than one batch chunk, bad proofs in two chunks.
BOOST_AUTO_TEST_CASE(batch_verification_across_chunks) {
  const Group& group = ristretto255();
  const Ceremony c = run_ceremony(group, 3, 2);
  std::vector<std::uint64_t> codes(1100, 1);
  const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, codes);
  std::vector<TrusteeDecryptions> subs = decrypt_by(c, cts, {1, 2});
  BOOST_TEST(verify_partial_decryptions(c.params, c.key, cts, subs, kContext)[1].ok());
  subs[1].parts[5].share = subs[0].parts[5].share;  // trustee 1's d under trustee 2's proof
  subs[1].parts[1050].proof.response += group.scalars().one();
  const auto verdicts = verify_partial_decryptions(c.params, c.key, cts, subs, kContext);
  BOOST_TEST(verdicts[0].ok());
  BOOST_TEST(verdicts[1].bad_positions == (std::vector<std::uint64_t>{5, 1050}));
  BOOST_TEST(contains(verdicts[1].reason, "2 of 1100"));
}

BOOST_AUTO_TEST_SUITE_END()
