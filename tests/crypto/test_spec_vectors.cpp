// Checks the test vectors printed in specs/crypto.md against the code: every
// output is recomputed from the vector's inputs, every proof verifies.
#include <gmpxx.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/crypto/transcript.hpp"
#include "support/spec_vectors.hpp"

using namespace evote::crypto;
using evote::testing::SpecVector;

namespace {

const std::vector<SpecVector>& vectors() {
  static const auto all = evote::testing::load_spec_vectors("specs/crypto.md");
  return all;
}

const SpecVector& vec(const std::string& name) {
  return evote::testing::find_vector(vectors(), name);
}

// Every field of v was read by a check.
void expect_all_checked(const SpecVector& v) {
  const std::vector<std::string> unread = v.unread();
  std::string names;
  for (const auto& key : unread) names += " " + key;
  BOOST_TEST(unread.empty(), v.name << ": fields no test checks:" << names);
}

// The vectors' parts per group, in the order the spec prints them.
const std::vector<std::string> kGroupParts = {"parameters", "elements",       "elgamal",
                                              "schnorr",    "chaum-pedersen", "ballot-proof"};

Bytes hex_field(const SpecVector& v, const std::string& key) { return from_hex(v.at(key)); }
Element element(const Group& g, const SpecVector& v, const std::string& key) {
  return g.decode(hex_field(v, key));
}
Scalar scalar(const Group& g, const SpecVector& v, const std::string& key) {
  return g.scalars().decode(hex_field(v, key));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_vectors)

BOOST_AUTO_TEST_CASE(spec_has_vectors_for_every_group) {
  for (auto name : group_names()) {
    for (const std::string& part : kGroupParts) {
      BOOST_TEST_CONTEXT(std::string(name) + "/" + part) {
        BOOST_CHECK_NO_THROW(vec(std::string(name) + "/" + part));
      }
    }
  }
}

// The spec prints no vector that the test cases below do not check.
BOOST_AUTO_TEST_CASE(every_printed_vector_is_checked) {
  std::set<std::string> known = {"xof", "transcript"};
  for (auto name : group_names()) {
    for (const std::string& part : kGroupParts) known.insert(std::string(name) + "/" + part);
  }
  std::set<std::string> seen;
  for (const SpecVector& v : vectors()) {
    BOOST_TEST(known.count(v.name) == 1u, "vector " << v.name << " is checked by no test");
    BOOST_TEST(seen.insert(v.name).second, "vector " << v.name << " printed twice");
  }
}

// Each derived input (secret, randomness, nonce) is the hash of its label.
BOOST_AUTO_TEST_CASE(labelled_inputs_are_derived_from_their_labels) {
  for (auto name : group_names()) {
    const Group& g = group_by_name(name);
    const std::map<std::string, std::vector<std::string>> expected = {
        {"elgamal", {"randomness", "secret"}},
        {"schnorr", {"nonce", "secret"}},
        {"chaum-pedersen", {"nonce", "secret"}},
        {"ballot-proof", {"nonce", "randomness"}}};
    // The labels as §10 names them.
    const std::map<std::string, std::string> label_of = {
        {"secret", "/x"}, {"randomness", "/r"}, {"nonce", "/w"}};
    for (const auto& [part, inputs] : expected) {
      BOOST_TEST_CONTEXT(std::string(name) + "/" + part) {
        const SpecVector& v = vec(std::string(name) + "/" + part);
        BOOST_TEST(evote::testing::check_labelled_inputs(v, g.scalars()) == inputs,
                   boost::test_tools::per_element());
        for (const std::string& input : inputs)
          BOOST_TEST(v.at(input + "_label") == std::string(name) + label_of.at(input));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(xof_vector) {
  const SpecVector& v = vec("xof");
  BOOST_TEST(to_hex(xof(v.at("tag"), hex_field(v, "msg"), std::stoul(v.at("length")))) ==
             v.at("output"));
  expect_all_checked(v);
}

BOOST_AUTO_TEST_CASE(transcript_vector) {
  const SpecVector& v = vec("transcript");
  Transcript t(v.at("domain_tag"));
  for (int i = 1; v.has("item_" + std::to_string(i)); ++i) {
    const std::string item = v.at("item_" + std::to_string(i));  // "label=X data=HEX"
    const auto data_at = item.find(" data=");
    BOOST_REQUIRE(item.rfind("label=", 0) == 0 && data_at != std::string::npos);
    t.append(item.substr(6, data_at - 6), from_hex(item.substr(data_at + 6)));
  }
  const Digest d = t.digest();
  BOOST_TEST(to_hex(d) == v.at("digest"));
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(to_hex(t.challenge(group_by_name(name).scalars()).encode()) ==
                 v.at("challenge_" + std::string(name)));
    }
  }
  expect_all_checked(v);
}

BOOST_AUTO_TEST_CASE(group_parameters) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const SpecVector& v = vec(std::string(name) + "/parameters");
      BOOST_TEST(v.at("q") == g.scalars().order().get_str(16));
      BOOST_TEST(v.at("generator") == to_hex(g.generator().encode()));
      BOOST_TEST(std::stoul(v.at("element_bytes")) == g.element_bytes());
      BOOST_TEST(std::stoul(v.at("scalar_bytes")) == g.scalars().byte_length());
      if (v.has("p")) {
        // p is the smallest non-canonical value: p itself is refused as such,
        // p - 1 is not (it is refused, if at all, for membership).
        const mpz_class p(v.at("p"), 16);
        auto encode_p = [&](const mpz_class& x) {
          Bytes out(g.element_bytes());
          std::size_t count = 0;
          mpz_export(out.data() + out.size() - (mpz_sizeinbase(x.get_mpz_t(), 2) + 7) / 8, &count,
                     1, 1, 1, 0, x.get_mpz_t());
          return out;
        };
        BOOST_CHECK_EXCEPTION(g.decode(encode_p(p)), DecodeError, [](const DecodeError& e) {
          return std::string(e.what()).find("not canonical") != std::string::npos;
        });
        try {
          g.decode(encode_p(p - 1));
        } catch (const DecodeError& e) {
          BOOST_TEST(std::string(e.what()).find("not canonical") == std::string::npos);
        }
      }
      expect_all_checked(v);
    }
  }
}

BOOST_AUTO_TEST_CASE(element_vectors) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const SpecVector& v = vec(std::string(name) + "/elements");
      BOOST_TEST(to_hex(g.generator().encode()) == v.at("generator"));
      BOOST_TEST(to_hex(g.identity().encode()) == v.at("identity"));
      BOOST_TEST(to_hex(g.exp_generator(g.scalars().from_u64(2)).encode()) ==
                 v.at("generator_pow_2"));
      BOOST_TEST(
          to_hex(g.hash_to_element(v.at("hash_to_element_tag"), hex_field(v, "hash_to_element_msg"))
                     .encode()) == v.at("hash_to_element"));
      expect_all_checked(v);
    }
  }
}

BOOST_AUTO_TEST_CASE(elgamal_vectors) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const SpecVector& v = vec(std::string(name) + "/elgamal");
      const Scalar x = scalar(g, v, "secret");
      const Element y = element(g, v, "public_key");
      BOOST_TEST((g.exp_generator(x) == y));
      const std::uint64_t code = std::stoull(v.at("code"));
      const Ciphertext c = encrypt_with(y, code, scalar(g, v, "randomness"));
      BOOST_TEST(to_hex(encode(c)) == v.at("ciphertext"));
      BOOST_TEST((decrypt_to_element(x, decode_ciphertext(g, hex_field(v, "ciphertext"))) ==
                  encode_code(g, code)));
      evote::testing::check_labelled_inputs(v, g.scalars());
      expect_all_checked(v);
    }
  }
}

BOOST_AUTO_TEST_CASE(proof_vectors) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& g = group_by_name(name);
      const std::string n(name);

      const SpecVector& s = vec(n + "/schnorr");
      const Element h = element(g, s, "h");
      const Bytes s_ctx = hex_field(s, "context");
      const SchnorrProof sp =
          prove_schnorr_with_nonce(scalar(g, s, "secret"), h, s_ctx, scalar(g, s, "nonce"));
      BOOST_TEST(to_hex(encode(sp)) == s.at("proof"));
      BOOST_TEST(verify_schnorr(h, decode_schnorr_proof(g, hex_field(s, "proof")), s_ctx).ok);
      BOOST_TEST((g.exp_generator(scalar(g, s, "secret")) == h));

      const SpecVector& cp = vec(n + "/chaum-pedersen");
      const Element u = element(g, cp, "u"), ch = element(g, cp, "h"), cv = element(g, cp, "v");
      const Bytes cp_ctx = hex_field(cp, "context");
      const ChaumPedersenProof cpp = prove_chaum_pedersen_with_nonce(
          scalar(g, cp, "secret"), u, ch, cv, cp_ctx, scalar(g, cp, "nonce"));
      BOOST_TEST(to_hex(encode(cpp)) == cp.at("proof"));
      BOOST_TEST(verify_chaum_pedersen(
                     u, ch, cv, decode_chaum_pedersen_proof(g, hex_field(cp, "proof")), cp_ctx)
                     .ok);
      BOOST_TEST((g.exp_generator(scalar(g, cp, "secret")) == ch));
      BOOST_TEST((g.exp(u, scalar(g, cp, "secret")) == cv));

      const SpecVector& b = vec(n + "/ballot-proof");
      const Element y = element(g, b, "public_key");
      const Ciphertext c = decode_ciphertext(g, hex_field(b, "ciphertext"));
      const BallotContext ctx{b.at("election_id"), b.at("contest_id"), b.at("voter_id"),
                              static_cast<std::uint32_t>(std::stoul(b.at("position")))};
      const BallotProof bp =
          prove_ballot_with_nonce(y, c, scalar(g, b, "randomness"), ctx, scalar(g, b, "nonce"));
      BOOST_TEST(to_hex(encode(bp)) == b.at("proof"));
      BOOST_TEST(verify_ballot(y, c, decode_ballot_proof(g, hex_field(b, "proof")), ctx).ok);
      BOOST_TEST((g.exp_generator(scalar(g, b, "randomness")) == c.a));
      for (const SpecVector* v : {&s, &cp, &b}) {
        evote::testing::check_labelled_inputs(*v, g.scalars());
        expect_all_checked(*v);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
