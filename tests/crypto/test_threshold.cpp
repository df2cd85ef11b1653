// Distributed key generation and threshold decryption (threshold.hpp): whole
// ceremonies in ristretto255 and modp4096-eg (and a small one in
// modp3072-rfc3526), cheating dealers, false complaints, bad partial
// decryptions and batch verification.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_fixture.hpp"

using namespace evote::crypto;
using namespace evote::crypto::threshold_test;

namespace {

// The ceremony's checks and decryption by every t-subset; t - 1 fail.
void check_ceremony(const Group& group, std::uint32_t n, std::uint32_t t) {
  const Ceremony c = run_ceremony(group, n, t);
  Element product = group.identity();
  for (std::uint32_t i = 1; i <= n; ++i) {
    const Dealing& d = c.dealings[i - 1];
    BOOST_TEST(verify_dealer_commitments(group, c.params, d.commitments).ok);
    for (std::uint32_t j = 1; j <= n; ++j)
      BOOST_TEST(check_share(group, d.commitments, d.shares[j - 1]).ok);
    product = group.mul(product, d.commitments.coefficients[0]);
  }
  BOOST_TEST((c.key.public_key == product));
  for (std::uint32_t j = 1; j <= n; ++j) {
    BOOST_TEST((group.exp_generator(c.secrets[j - 1]) == verification_key(c.key, j)));
  }
  const std::vector<std::uint64_t> codes = {1, 7, 42};
  const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, codes);
  std::vector<TrusteeDecryptions> all;
  for (std::uint32_t j = 1; j <= n; ++j) all.push_back(decrypt_as(c, j, cts));
  for (const auto& s : subsets(n, t)) {
    const CombinedDecryption r =
        combine_partial_decryptions(c.params, c.key, cts, pick(all, s), kContext);
    BOOST_TEST((r.plaintexts == expected_plaintexts(group, codes)));
    BOOST_TEST(r.used == s);
    BOOST_TEST(r.rejected.empty());
    // The secret key interpolated from the shares matches the joint key.
    const std::vector<Scalar> lambda = lagrange_coefficients(group.scalars(), s);
    Scalar x = group.scalars().zero();
    for (std::size_t k = 0; k < s.size(); ++k) x += lambda[k] * c.secrets[s[k] - 1];
    BOOST_TEST((group.exp_generator(x) == c.key.public_key));
  }
  for (const auto& s : subsets(n, t - 1)) {
    if (s.empty()) continue;
    try {
      combine_partial_decryptions(c.params, c.key, cts, pick(all, s), kContext);
      BOOST_FAIL("combine accepted t - 1 trustees");
    } catch (const Error& e) {
      BOOST_TEST(contains(e.what(), "only " + std::to_string(t - 1) + " trustees"));
    }
    const std::vector<Element> wrong = lagrange_combine(cts, pick(all, s));
    for (std::size_t i = 0; i < cts.size(); ++i)
      BOOST_TEST(!(wrong[i] == encode_code(group, codes[i])));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(threshold)

BOOST_AUTO_TEST_CASE(parameters) {
  BOOST_CHECK_THROW(check_params({"e", 3, 0}), Error);
  BOOST_CHECK_THROW(check_params({"e", 3, 4}), Error);
  BOOST_CHECK_THROW(check_params({"e", kMaxTrustees + 1, 2}), Error);
  BOOST_CHECK_NO_THROW(check_params({"e", 1, 1}));
  const Group& group = ristretto255();
  BOOST_CHECK_THROW(deal(group, {"e", 3, 2}, 0), Error);
  BOOST_CHECK_THROW(deal(group, {"e", 3, 2}, 4), Error);
  const std::vector<std::uint32_t> two = {1, 3};
  try {
    qualified_dealers({"e", 3, 2}, two);
    BOOST_FAIL("too few qualified dealers accepted");
  } catch (const Error& e) {
    BOOST_TEST(contains(e.what(), "only 1 of 3"));
  }
  BOOST_TEST(qualified_dealers({"e", 5, 3}, std::vector<std::uint32_t>{4, 2}) ==
             (std::vector<std::uint32_t>{1, 3, 5}));
}

BOOST_AUTO_TEST_CASE(lagrange_coefficients_interpolate_at_zero) {
  const ScalarField& f = ristretto255().scalars();
  const std::vector<std::uint32_t> s = {2, 5, 7, 11};
  const std::vector<Scalar> lambda = lagrange_coefficients(f, s);
  // sum lambda_j j^k is 1 for k = 0 and 0 for 0 < k < |S|.
  for (std::uint64_t k = 0; k < s.size(); ++k) {
    Scalar sum = f.zero();
    for (std::size_t m = 0; m < s.size(); ++m) {
      Scalar power = f.one();
      for (std::uint64_t e = 0; e < k; ++e) power *= f.from_u64(s[m]);
      sum += lambda[m] * power;
    }
    BOOST_TEST((sum == (k == 0 ? f.one() : f.zero())));
  }
  BOOST_CHECK_THROW(lagrange_coefficients(f, std::vector<std::uint32_t>{1, 2, 1}), Error);
  BOOST_CHECK_THROW(lagrange_coefficients(f, std::vector<std::uint32_t>{0, 2}), Error);
}

BOOST_AUTO_TEST_CASE(ceremony_end_to_end) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name << " 3 of 5") { check_ceremony(group_by_name(name), 5, 3); }
    BOOST_TEST_CONTEXT(name << " 2 of 3") { check_ceremony(group_by_name(name), 3, 2); }
  }
}

BOOST_AUTO_TEST_CASE(ceremony_modp3072_small) {
  const Group& group = modp3072_rfc3526();
  const Ceremony c = run_ceremony(group, 3, 2);
  const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, {5});
  std::vector<TrusteeDecryptions> all;
  for (std::uint32_t j : {1u, 3u}) all.push_back(decrypt_as(c, j, cts));
  const CombinedDecryption r = combine_partial_decryptions(c.params, c.key, cts, all, kContext);
  BOOST_TEST((r.plaintexts == expected_plaintexts(group, {5})));
  BOOST_TEST(r.used == (std::vector<std::uint32_t>{1, 3}));
  BOOST_CHECK_THROW(combine_partial_decryptions(c.params, c.key, cts, pick(all, {1}), kContext),
                    Error);
}

// Lagrange with D > 1 (e.g. S = {2, 4, 5}) agrees with b / prod d^lambda.
BOOST_AUTO_TEST_CASE(lagrange_combine_matches_definition) {
  const Group& group = ristretto255();
  const Ceremony c = run_ceremony(group, 5, 3);
  const std::vector<Ciphertext> cts = encrypt_all(c.key.public_key, {3, 9});
  std::vector<TrusteeDecryptions> all;
  for (std::uint32_t j = 1; j <= 5; ++j) all.push_back(decrypt_as(c, j, cts));
  for (const auto& s : subsets(5, 3)) {
    const std::vector<Element> fast = lagrange_combine(cts, pick(all, s));
    const std::vector<Scalar> lambda = lagrange_coefficients(group.scalars(), s);
    for (std::size_t i = 0; i < cts.size(); ++i) {
      std::vector<Element> d;
      for (std::uint32_t j : s) d.push_back(all[j - 1].parts[i].share);
      BOOST_TEST((fast[i] == group.div(cts[i].b, group.multi_exp(d, lambda))));
    }
  }
}

BOOST_AUTO_TEST_CASE(altered_commitments_and_wrong_context_fail) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const ThresholdParams params{"RK_2027", 5, 3};
      const Dealing d = deal(group, params, 2);
      BOOST_TEST(verify_dealer_commitments(group, params, d.commitments).ok);
      for (std::size_t k = 0; k < 3; ++k) {
        DealerCommitments altered = d.commitments;
        altered.coefficients[k] = group.mul(altered.coefficients[k], group.generator());
        const Verdict v = verify_dealer_commitments(group, params, altered);
        BOOST_TEST(!v.ok);
        BOOST_TEST(contains(v.reason, "dealer 2"));
        // The Feldman check catches an altered commitment as well.
        BOOST_TEST(!check_share(group, altered, d.shares[3]).ok);
      }
      DealerCommitments short_list = d.commitments;
      short_list.coefficients.pop_back();
      BOOST_TEST(!verify_dealer_commitments(group, params, short_list).ok);
      // The Schnorr proof on C_20 is bound to the election, n, t and dealer.
      const Element& c0 = d.commitments.coefficients[0];
      const auto& coeffs = d.commitments.coefficients;
      BOOST_TEST(
          verify_schnorr(c0, d.commitments.proof, dealer_proof_context(params, 2, coeffs)).ok);
      BOOST_TEST(
          !verify_schnorr(c0, d.commitments.proof, dealer_proof_context(params, 3, coeffs)).ok);
      BOOST_TEST(!verify_schnorr(c0, d.commitments.proof,
                                 dealer_proof_context({"RK_2031", 5, 3}, 2, coeffs))
                      .ok);
      BOOST_TEST(!verify_schnorr(c0, d.commitments.proof,
                                 dealer_proof_context({"RK_2027", 6, 3}, 2, coeffs))
                      .ok);
      BOOST_TEST(!verify_schnorr(c0, d.commitments.proof,
                                 dealer_proof_context({"RK_2027", 5, 2}, 2, coeffs))
                      .ok);
      BOOST_TEST(!verify_dealer_commitments(group, {"RK_2031", 5, 3}, d.commitments).ok);
      DealerCommitments renamed = d.commitments;
      renamed.dealer = 4;
      BOOST_TEST(!verify_dealer_commitments(group, params, renamed).ok);
      // A qualified dealer with bad commitments stops the key derivation.
      std::vector<DealerCommitments> all = {deal(group, params, 1).commitments, short_list,
                                            deal(group, params, 3).commitments};
      BOOST_CHECK_THROW(derive_joint_key(group, params, all, std::vector<std::uint32_t>{1, 2, 3}),
                        Error);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
