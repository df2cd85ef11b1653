// Shared by the test_threshold*.cpp files: an honest ceremony run in one
// process, and small helpers to pick trustees and encrypt codes.
#pragma once

#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/threshold.hpp"

namespace evote::crypto::threshold_test {

inline const DecryptionContext kContext{"RK_2027", "riigikogu/district-1"};

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every dealing of an honest ceremony, with what each trustee ends up with.
struct Ceremony {
  ThresholdParams params;
  std::vector<Dealing> dealings;  // dealings[i - 1] by dealer i
  std::vector<DealerCommitments> commitments;
  JointKey key;
  std::vector<Scalar> secrets;  // x_j at [j - 1]
};

inline std::vector<Share> shares_for(const std::vector<Dealing>& dealings, std::uint32_t j) {
  std::vector<Share> out;
  for (const Dealing& d : dealings) out.push_back(d.shares[j - 1]);
  return out;
}

inline JointKey key_without(const Group& group, const ThresholdParams& params,
                            const std::vector<DealerCommitments>& commitments,
                            std::vector<std::uint32_t> disqualified) {
  return derive_joint_key(group, params, commitments, qualified_dealers(params, disqualified));
}

inline std::vector<Scalar> secrets_of(const JointKey& key, const std::vector<Dealing>& dealings,
                                      std::uint32_t n) {
  std::vector<Scalar> out;
  for (std::uint32_t j = 1; j <= n; ++j) {
    out.push_back(derive_secret_share(key, j, shares_for(dealings, j)));
  }
  return out;
}

inline Ceremony run_ceremony(const Group& group, std::uint32_t n, std::uint32_t t) {
  const ThresholdParams params{"RK_2027", n, t};
  std::vector<Dealing> dealings;
  std::vector<DealerCommitments> commitments;
  for (std::uint32_t i = 1; i <= n; ++i) {
    dealings.push_back(deal(group, params, i));
    commitments.push_back(dealings.back().commitments);
  }
  JointKey key = key_without(group, params, commitments, {});
  std::vector<Scalar> secrets = secrets_of(key, dealings, n);
  return {params, std::move(dealings), std::move(commitments), std::move(key), std::move(secrets)};
}

inline TrusteeDecryptions decrypt_as(const Ceremony& c, std::uint32_t j,
                                     const std::vector<Ciphertext>& ciphertexts) {
  return partial_decrypt_all(c.secrets[j - 1], verification_key(c.key, j), ciphertexts, kContext,
                             j);
}

inline std::vector<TrusteeDecryptions> pick(const std::vector<TrusteeDecryptions>& all,
                                            const std::vector<std::uint32_t>& trustees) {
  std::vector<TrusteeDecryptions> out;
  for (std::uint32_t j : trustees) out.push_back(all[j - 1]);
  return out;
}

// Every subset of {1..n} of the given size.
inline std::vector<std::vector<std::uint32_t>> subsets(std::uint32_t n, std::uint32_t size) {
  std::vector<std::vector<std::uint32_t>> out;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<std::uint32_t>(__builtin_popcount(mask)) != size) continue;
    std::vector<std::uint32_t> s;
    for (std::uint32_t j = 1; j <= n; ++j) {
      if (mask & (1u << (j - 1))) s.push_back(j);
    }
    out.push_back(s);
  }
  return out;
}

inline std::vector<Element> expected_plaintexts(const Group& group,
                                                const std::vector<std::uint64_t>& codes) {
  std::vector<Element> out;
  for (std::uint64_t m : codes) out.push_back(encode_code(group, m));
  return out;
}

inline std::vector<Ciphertext> encrypt_all(const Element& y,
                                           const std::vector<std::uint64_t>& codes) {
  std::vector<Ciphertext> out;
  for (std::uint64_t m : codes) out.push_back(encrypt(y, m).ciphertext);
  return out;
}

inline std::vector<std::uint64_t> codes_up_to(std::uint64_t count) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t m = 1; m <= count; ++m) out.push_back(m);
  return out;
}

inline const std::vector<std::string> kMainGroups = {"ristretto255", "modp4096-eg"};

}  // namespace evote::crypto::threshold_test
