// Sending shares (signed, sealed) and settling complaints: a cheating dealer
// is caught and disqualified, a false accuser is disqualified, and the
// remaining qualified trustees still hold a working key.
#include <boost/test/unit_test.hpp>
#include <optional>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/crypto/threshold.hpp"
#include "threshold_fixture.hpp"

using namespace evote::crypto;
using namespace evote::crypto::threshold_test;

namespace {

// n trustees with their signing and X25519 keys, and one dealing each.
struct Network {
  const Group* group;
  ThresholdParams params;
  std::vector<Ed25519SigningKey> signing;  // [i - 1]
  std::vector<X25519KeyPair> boxes;        // [j - 1]
  std::vector<Dealing> dealings;           // [i - 1]

  Network(const Group& g, std::uint32_t n, std::uint32_t t) : group(&g), params{"RK_2027", n, t} {
    for (std::uint32_t i = 1; i <= n; ++i) {
      signing.push_back(Ed25519SigningKey::generate());
      boxes.push_back(X25519KeyPair::generate());
      dealings.push_back(deal(g, params, i));
    }
  }
  // The ceremony run again under the same config: the same trustees and
  // keys, fresh dealings.
  Network again() const {
    Network out(*this, 0);
    for (std::uint32_t i = 1; i <= params.trustees; ++i) {
      out.signing.push_back(Ed25519SigningKey::from_secret(signing[i - 1].secret().view()));
      out.boxes.push_back(X25519KeyPair::from_secret(boxes[i - 1].secret().view()));
      out.dealings.push_back(deal(*group, params, i));
    }
    return out;
  }
  const DealerCommitments& commitments(std::uint32_t i) const {
    return dealings[i - 1].commitments;
  }
  const Ed25519PublicKey& dealer_key(std::uint32_t i) const { return signing[i - 1].public_key(); }
  SignedShare signed_share(const Share& s) const {
    return sign_share(*group, params, commitments(s.dealer), s, signing[s.dealer - 1]);
  }
  Bytes box(const Share& s) const {
    return seal_share(signed_share(s), boxes[s.recipient - 1].public_key());
  }
  SignedShare open(std::uint32_t i, std::uint32_t j, const Bytes& sealed) const {
    return open_share(*group, params, commitments(i), j, sealed, boxes[j - 1], dealer_key(i));
  }
  ComplaintOutcome resolve(const Complaint& c,
                           const std::optional<SignedShare>& answer = {}) const {
    return resolve_complaint(*group, params, commitments(c.dealer), dealer_key(c.dealer), c,
                             answer);
  }
  std::vector<DealerCommitments> all_commitments() const {
    std::vector<DealerCommitments> out;
    for (const Dealing& d : dealings) out.push_back(d.commitments);
    return out;
  }

 private:
  Network(const Network& other, int) : group(other.group), params(other.params) {}
};

std::string open_error(const Network& net, std::uint32_t i, std::uint32_t j, const Bytes& sealed) {
  try {
    net.open(i, j, sealed);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// The trustees of `net` minus the disqualified decrypt with two t-subsets.
void check_key_after(const Network& net, const std::vector<std::uint32_t>& disqualified,
                     const std::vector<std::vector<std::uint32_t>>& deciders) {
  const Group& group = *net.group;
  const JointKey key = key_without(group, net.params, net.all_commitments(), disqualified);
  Element product = group.identity();
  for (std::uint32_t i : key.qualified)
    product = group.mul(product, net.commitments(i).coefficients[0]);
  BOOST_TEST((key.public_key == product));
  const std::vector<Scalar> secrets = secrets_of(key, net.dealings, net.params.trustees);
  const std::vector<Ciphertext> cts = encrypt_all(key.public_key, {2, 11});
  for (const auto& s : deciders) {
    std::vector<TrusteeDecryptions> parts;
    for (std::uint32_t j : s) {
      parts.push_back(
          partial_decrypt_all(secrets[j - 1], verification_key(key, j), cts, kContext, j));
    }
    const CombinedDecryption r = combine_partial_decryptions(net.params, key, cts, parts, kContext);
    BOOST_TEST((r.plaintexts == expected_plaintexts(group, {2, 11})));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(threshold_complaints)

BOOST_AUTO_TEST_CASE(sealed_shares_open_and_check) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Network net(group_by_name(name), 3, 2);
      for (std::uint32_t i = 1; i <= 3; ++i) {
        for (std::uint32_t j = 1; j <= 3; ++j) {
          const Share& s = net.dealings[i - 1].shares[j - 1];
          const SignedShare got = net.open(i, j, net.box(s));
          BOOST_TEST((got.share.value == s.value));
          BOOST_TEST(check_share(*net.group, net.commitments(i), got.share).ok);
        }
      }
      const Share& s = net.dealings[0].shares[1];  // dealer 1 -> trustee 2
      Bytes tampered = net.box(s);
      tampered[tampered.size() / 2] ^= 1;
      BOOST_TEST(contains(open_error(net, 1, 2, tampered), "share from dealer 1 to trustee 2"));
      // Sealed to trustee 2, opened by trustee 3; or presented as dealer 3's.
      BOOST_TEST(!open_error(net, 1, 3, net.box(s)).empty());
      BOOST_TEST(contains(open_error(net, 3, 2, net.box(s)), "signature"));
      // Signed by somebody else than the dealer.
      const SignedShare forged =
          sign_share(*net.group, net.params, net.commitments(1), s, Ed25519SigningKey::generate());
      BOOST_TEST(contains(open_error(net, 1, 2, seal_share(forged, net.boxes[1].public_key())),
                          "signature"));
    }
  }
}

BOOST_AUTO_TEST_CASE(cheating_dealer_is_disqualified) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Network net(group_by_name(name), 5, 3);
      // Dealer 2 sends trustee 4 a wrong share, duly signed and sealed.
      Share bad = net.dealings[1].shares[3];
      bad.value += net.group->scalars().one();
      const SignedShare received = net.open(2, 4, net.box(bad));
      const Verdict check = check_share(*net.group, net.commitments(2), received.share);
      BOOST_TEST(!check.ok);
      BOOST_TEST(contains(check.reason, "dealer 2"));
      BOOST_TEST(contains(check.reason, "trustee 4"));
      const ComplaintOutcome outcome = net.resolve({4, 2, received});
      BOOST_TEST((outcome.disqualified == Culprit::dealer));
      BOOST_TEST(outcome.trustee == 2u);
      BOOST_TEST(contains(outcome.reason, "dealer 2 disqualified"));
      // Q = {1, 3, 4, 5}; every trustee (2 included) still holds a share.
      check_key_after(net, {2}, {{2, 4, 5}, {1, 3, 4}});
    }
  }
}

BOOST_AUTO_TEST_CASE(false_complaints_disqualify_the_accuser) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Network net(group_by_name(name), 5, 3);
      const SignedShare genuine = net.signed_share(net.dealings[0].shares[2]);  // 1 -> 3
      auto accuser_out = [&](const Complaint& c) {
        const ComplaintOutcome o = net.resolve(c);
        return o.disqualified == Culprit::accuser && o.trustee == 3;
      };
      const ComplaintOutcome genuine_outcome = net.resolve({3, 1, genuine});
      BOOST_TEST(accuser_out({3, 1, genuine}));
      BOOST_TEST(contains(genuine_outcome.reason, "false complaint"));
      SignedShare altered = genuine;  // a changed value under the dealer's signature
      altered.share.value += net.group->scalars().one();
      BOOST_TEST(accuser_out({3, 1, altered}));
      BOOST_TEST(contains(net.resolve({3, 1, altered}).reason, "not signed by the dealer"));
      // Another trustee's share, correctly signed, is no evidence either.
      BOOST_TEST(accuser_out({3, 1, net.signed_share(net.dealings[0].shares[4])}));
      check_key_after(net, {3}, {{1, 2, 4}});
    }
  }
}

// A ceremony run twice under one config (same election, n, t, trustees): a
// share dealer 1 signed in the first run is no evidence in the second. The
// signature binds the dealer's commitments, so it does not verify there and
// the accuser, not the honest dealer, is disqualified.
BOOST_AUTO_TEST_CASE(share_signed_in_an_earlier_ceremony_is_no_evidence) {
  for (const auto& name : kMainGroups) {
    BOOST_TEST_CONTEXT(name) {
      const Network first(group_by_name(name), 3, 2);
      const Network second = first.again();
      const SignedShare old = first.signed_share(first.dealings[0].shares[1]);  // 1 -> 2
      BOOST_TEST(!check_share(*second.group, second.commitments(1), old.share).ok);
      const ComplaintOutcome revealed = second.resolve({2, 1, old});
      BOOST_TEST((revealed.disqualified == Culprit::accuser && revealed.trustee == 2u),
                 revealed.reason);
      BOOST_TEST(contains(revealed.reason, "not signed by the dealer"));
      // Nor does the old share open from a box in the second ceremony.
      const Bytes old_box = seal_share(old, second.boxes[1].public_key());
      BOOST_TEST(contains(open_error(second, 1, 2, old_box), "signature"));
      // The second run's own share is still settled as usual.
      const SignedShare current = second.signed_share(second.dealings[0].shares[1]);
      BOOST_TEST((second.resolve({2, 1, current}).disqualified == Culprit::accuser));
      BOOST_TEST(contains(second.resolve({2, 1, current}).reason, "false complaint"));
    }
  }
}

BOOST_AUTO_TEST_CASE(missing_share_needs_a_valid_answer) {
  const Network net(ristretto255(), 5, 3);
  const Complaint missing{3, 1, std::nullopt};
  const ComplaintOutcome silent = net.resolve(missing);
  BOOST_TEST((silent.disqualified == Culprit::dealer && silent.trustee == 1u));
  BOOST_TEST(contains(silent.reason, "no answer"));
  const SignedShare genuine = net.signed_share(net.dealings[0].shares[2]);
  const ComplaintOutcome settled = net.resolve(missing, genuine);
  BOOST_TEST((settled.disqualified == Culprit::none && settled.trustee == 0u));
  Share bad = genuine.share;
  bad.value += net.group->scalars().one();
  BOOST_TEST((net.resolve(missing, net.signed_share(bad)).disqualified == Culprit::dealer));
  const SignedShare unsigned_answer = sign_share(*net.group, net.params, net.commitments(1),
                                                 genuine.share, Ed25519SigningKey::generate());
  BOOST_TEST((net.resolve(missing, unsigned_answer).disqualified == Culprit::dealer));
  BOOST_TEST((net.resolve(missing, net.signed_share(net.dealings[0].shares[1])).disqualified ==
              Culprit::dealer));
}

BOOST_AUTO_TEST_CASE(complaint_arguments) {
  const Network net(ristretto255(), 3, 2);
  const auto& params = net.params;
  const auto& group = *net.group;
  BOOST_CHECK_THROW(resolve_complaint(group, params, net.commitments(1), net.dealer_key(1),
                                      {1, 1, std::nullopt}, std::nullopt),
                    Error);
  BOOST_CHECK_THROW(resolve_complaint(group, params, net.commitments(2), net.dealer_key(1),
                                      {3, 1, std::nullopt}, std::nullopt),
                    Error);
  BOOST_CHECK_THROW(resolve_complaint(group, params, net.commitments(1), net.dealer_key(1),
                                      {4, 1, std::nullopt}, std::nullopt),
                    Error);
  // A dealer whose commitments do not verify loses any complaint.
  DealerCommitments altered = net.commitments(1);
  altered.coefficients[1] = group.mul(altered.coefficients[1], group.generator());
  const ComplaintOutcome o = resolve_complaint(group, params, altered, net.dealer_key(1),
                                               {2, 1, std::nullopt}, std::nullopt);
  BOOST_TEST((o.disqualified == Culprit::dealer));
}

BOOST_AUTO_TEST_CASE(unchecked_bad_share_is_refused_at_key_derivation) {
  const Network net(ristretto255(), 3, 2);
  const JointKey key = key_without(*net.group, net.params, net.all_commitments(), {});
  std::vector<Share> received = shares_for(net.dealings, 2);
  received[0].value += net.group->scalars().one();
  BOOST_CHECK_THROW(derive_secret_share(key, 2, received), Error);
  received.pop_back();
  BOOST_CHECK_THROW(derive_secret_share(key, 2, received), Error);
}

BOOST_AUTO_TEST_SUITE_END()
