// Every field of a shuffle proof changed in turn is refused with the check
// it should fail; every byte field of the encoding flipped is refused by the
// decoder or the verifier; elements outside the group fail at decoding.
#include <boost/test/unit_test.hpp>
#include <functional>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/mix/shuffle.hpp"

using namespace evote::crypto;
using namespace evote::mix;

namespace {

const ShuffleSeed kSeed{"RK_2027", "riigikogu/district-3", 2};

struct Setup {
  KeyPair keys;
  Rows input;
  Rows output;
  ShuffleProof proof;
};

Setup make_setup(const Group& group, std::size_t n, std::size_t width) {
  KeyPair keys = generate_keypair(group);
  Rows input(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < width; ++k)
      input[i].items.push_back(encrypt(keys.public_key, 1 + i + k).ciphertext);
  ShuffleResult shuffled = shuffle(keys.public_key, input);
  ShuffleProof proof =
      prove_shuffle(keys.public_key, input, shuffled.output, shuffled.witness, kSeed);
  return {std::move(keys), std::move(input), std::move(shuffled.output), std::move(proof)};
}

// One change to a proof and the reason the verifier must give for it.
struct Tamper {
  std::string field;
  std::function<void(ShuffleProof&)> change;
  std::string reason;
};

const std::string kT1 = "shuffle proof: permutation commitment check t1 failed";
const std::string kT3 = "shuffle proof: permutation commitment check t3 failed";

std::string index(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i + 1) + "]";
}

// Elements all enter the transcript, so any change moves the challenge c and
// t1 fails first; responses fail the check they appear in.
std::vector<Tamper> tampers(const Group& group, std::size_t n, std::size_t width) {
  const Element g = group.generator();
  const Scalar one = group.scalars().one();
  auto bump = [g, &group](Element& e) { e = group.mul(e, g); };
  std::vector<Tamper> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(
        {index("c", i), [=](ShuffleProof& p) { bump(p.permutation_commitment[i]); }, kT1});
    out.push_back({index("c_hat", i), [=](ShuffleProof& p) { bump(p.commitment_chain[i]); }, kT1});
    out.push_back({index("t_hat", i), [=](ShuffleProof& p) { bump(p.t_hat[i]); }, kT1});
    out.push_back(
        {index("s_hat", i), [=](ShuffleProof& p) { p.s_hat[i] += one; },
         "shuffle proof: commitment chain check t-hat failed (row " + std::to_string(i + 1) + ")"});
    out.push_back({index("s_prime", i), [=](ShuffleProof& p) { p.s_prime[i] += one; }, kT3});
  }
  out.push_back({"t1", [=](ShuffleProof& p) { bump(p.t1); }, kT1});
  out.push_back({"t2", [=](ShuffleProof& p) { bump(p.t2); }, kT1});
  out.push_back({"t3", [=](ShuffleProof& p) { bump(p.t3); }, kT1});
  out.push_back({"s1", [=](ShuffleProof& p) { p.s1 += one; }, kT1});
  out.push_back({"s2", [=](ShuffleProof& p) { p.s2 += one; },
                 "shuffle proof: commitment chain check t2 failed"});
  out.push_back({"s3", [=](ShuffleProof& p) { p.s3 += one; }, kT3});
  for (std::size_t k = 0; k < width; ++k) {
    out.push_back({index("t4.a", k), [=](ShuffleProof& p) { bump(p.t4[k].a); }, kT1});
    out.push_back({index("t4.b", k), [=](ShuffleProof& p) { bump(p.t4[k].b); }, kT1});
    out.push_back(
        {index("s4", k), [=](ShuffleProof& p) { p.s4[k] += one; },
         "shuffle proof: ciphertext check t4 failed (column " + std::to_string(k + 1) + ", a)"});
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shuffle_tampering)

BOOST_AUTO_TEST_CASE(every_proof_field_changed_is_refused) {
  for (const Group* group : {&ristretto255(), &modp4096_eg()}) {
    const std::size_t n = 4, width = 2;
    const Setup s = make_setup(*group, n, width);
    const auto all = tampers(*group, n, width);
    BOOST_TEST(all.size() == 5 * n + 6 + 3 * width);  // every element and scalar of the proof
    for (const Tamper& t : all) {
      BOOST_TEST_CONTEXT(group->name() << " " << t.field) {
        ShuffleProof changed = decode_shuffle_proof(*group, encode(s.proof));
        t.change(changed);
        const Verdict v = verify_shuffle(s.keys.public_key, s.input, s.output, changed, kSeed);
        BOOST_TEST(v.reason == t.reason);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_encoded_field_flipped_is_refused) {
  const Group& group = ristretto255();
  const std::size_t n = 3, width = 1;
  const Setup s = make_setup(group, n, width);
  const Bytes encoded = encode(s.proof);
  const std::size_t e = group.element_bytes(), l = group.scalars().byte_length();
  std::vector<std::size_t> starts = {0, 8};  // the two counts
  std::size_t offset = 16;
  for (std::size_t f = 0; f < 3 * n + 3 + 2 * width; ++f, offset += e) starts.push_back(offset);
  for (std::size_t f = 0; f < 2 * n + 3 + width; ++f, offset += l) starts.push_back(offset);
  BOOST_REQUIRE(offset == encoded.size());
  for (std::size_t start : starts) {
    for (std::size_t at : {start, start + 7}) {
      BOOST_TEST_CONTEXT("byte " << at) {
        Bytes changed = encoded;
        changed[at] ^= 0x01;
        try {
          const ShuffleProof p = decode_shuffle_proof(group, changed);
          BOOST_TEST(!verify_shuffle(s.keys.public_key, s.input, s.output, p, kSeed).ok);
        } catch (const DecodeError&) {
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(proof_decoder_is_strict) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const Setup s = make_setup(group, 2, 1);
      const Bytes encoded = encode(s.proof);
      const std::size_t e = group.element_bytes();
      Bytes not_member = encoded;
      const std::size_t t1_at = 16 + 4 * e;  // after c_1, c_2, ĉ_1, ĉ_2
      std::fill_n(not_member.begin() + static_cast<std::ptrdiff_t>(t1_at), e, 0xff);
      BOOST_CHECK_EXCEPTION(decode_shuffle_proof(group, not_member), DecodeError,
                            [](const DecodeError& x) {
                              return std::string(x.what()).rfind("shuffle proof: t1: ", 0) == 0;
                            });
      Bytes shorter(encoded.begin(), encoded.end() - 1);
      BOOST_CHECK_THROW(decode_shuffle_proof(group, shorter), DecodeError);
      Bytes longer = encoded;
      longer.push_back(0);
      BOOST_CHECK_THROW(decode_shuffle_proof(group, longer), DecodeError);
      Bytes zero_rows = encoded;
      std::fill_n(zero_rows.begin(), 8, 0);
      BOOST_CHECK_THROW(decode_shuffle_proof(group, zero_rows), DecodeError);
      Bytes huge_rows = encoded;
      std::fill_n(huge_rows.begin(), 8, 0xff);
      BOOST_CHECK_THROW(decode_shuffle_proof(group, huge_rows), DecodeError);
    }
  }
}

BOOST_AUTO_TEST_CASE(output_element_outside_the_group_fails_at_decoding) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const Setup s = make_setup(group, 3, 2);
      const Bytes encoded = encode_rows(s.output);
      BOOST_TEST((decode_rows(group, encoded) == s.output));
      const std::size_t e = group.element_bytes();
      // Row 2, column 1, half b: after row 1 (2 ciphertexts) and row 2's a.
      const std::size_t at = 16 + 4 * e + e;
      Bytes changed = encoded;
      std::fill_n(changed.begin() + static_cast<std::ptrdiff_t>(at), e, 0xff);
      BOOST_CHECK_EXCEPTION(decode_rows(group, changed), DecodeError, [](const DecodeError& x) {
        return std::string(x.what()).rfind("rows: row 2, column 1: ciphertext b: ", 0) == 0;
      });
      BOOST_CHECK_THROW(decode_rows(group, Bytes(encoded.begin(), encoded.end() - 1)), DecodeError);
    }
  }
}

BOOST_AUTO_TEST_CASE(decoders_name_the_first_bad_row_whatever_the_threads) {
  // Enough rows to be decoded in parallel chunks; rows 290 and 10 are bad.
  const Group& group = ristretto255();
  const KeyPair keys = generate_keypair(group);
  Rows rows(300);
  for (Row& row : rows) row.items.push_back(encrypt(keys.public_key, 1).ciphertext);
  Bytes encoded = encode_rows(rows);
  const std::size_t ct = 2 * group.element_bytes();
  for (std::size_t row : {290u, 10u}) encoded[16 + (row - 1) * ct + 31] = 0xff;
  for (int attempt = 0; attempt < 5; ++attempt) {
    BOOST_CHECK_EXCEPTION(decode_rows(group, encoded), DecodeError, [](const DecodeError& x) {
      return std::string(x.what()).rfind("rows: row 10, column 1: ciphertext a: ", 0) == 0;
    });
  }
}

BOOST_AUTO_TEST_SUITE_END()
