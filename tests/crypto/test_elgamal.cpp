// Lifted ElGamal in every group: correctness, homomorphism, re-encryption,
// table decryption of a 200-choice contest, and bad input.
#include <boost/test/unit_test.hpp>

#include <numeric>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"

using namespace evote::crypto;

namespace {
bool message_has(const std::exception& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(elgamal)

BOOST_AUTO_TEST_CASE(encrypt_decrypt_round_trip) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair keys = generate_keypair(group);
      BOOST_TEST((keys.public_key == group.exp_generator(keys.secret)));
      const Encryption e = encrypt(keys.public_key, 7);
      BOOST_TEST((e.ciphertext == encrypt_with(keys.public_key, 7, e.randomness)));
      BOOST_TEST((decrypt_to_element(keys.secret, e.ciphertext) == encode_code(group, 7)));
      const Ciphertext decoded = decode_ciphertext(group, encode(e.ciphertext));
      BOOST_TEST((decoded == e.ciphertext));
      BOOST_TEST(encode(e.ciphertext).size() == 2 * group.element_bytes());
      // Fresh randomness each time.
      BOOST_TEST(!(encrypt(keys.public_key, 7).ciphertext == e.ciphertext));
    }
  }
}

BOOST_AUTO_TEST_CASE(homomorphism_and_reencryption) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair keys = generate_keypair(group);
      const Ciphertext c1 = encrypt(keys.public_key, 3).ciphertext;
      const Ciphertext c2 = encrypt(keys.public_key, 4).ciphertext;
      const Ciphertext product{group.mul(c1.a, c2.a), group.mul(c1.b, c2.b)};
      BOOST_TEST((decrypt_to_element(keys.secret, product) == encode_code(group, 7)));

      const Scalar s = group.scalars().random_nonzero();
      const Ciphertext re = reencrypt(keys.public_key, c1, s);
      BOOST_TEST(!(re == c1));
      BOOST_TEST((decrypt_to_element(keys.secret, re) == encode_code(group, 3)));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_code_of_a_200_choice_contest_decrypts) {
  std::vector<std::uint64_t> codes(200);
  std::iota(codes.begin(), codes.end(), 101);  // codes 101..300
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair keys = generate_keypair(group);
      const CodeTable table(group, codes);
      BOOST_TEST(table.size() == 200u);
      int correct = 0;
      for (std::uint64_t code : codes) {
        const auto got = decrypt_code(keys.secret, encrypt(keys.public_key, code).ciphertext, table);
        if (got && *got == code) ++correct;
      }
      BOOST_TEST(correct == 200);
      // A code outside the contest is an invalid vote, not a wrong one.
      BOOST_TEST(!decrypt_code(keys.secret, encrypt(keys.public_key, 1).ciphertext, table).has_value());
      BOOST_TEST(!decrypt_code(keys.secret, encrypt(keys.public_key, 301).ciphertext, table).has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_input) {
  for (auto name : group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const Group& group = group_by_name(name);
      const KeyPair keys = generate_keypair(group);
      BOOST_CHECK_EXCEPTION(encrypt(keys.public_key, 0), Error,
                            [](const Error& e) { return message_has(e, "code 0"); });
      BOOST_CHECK_EXCEPTION(encrypt(group.identity(), 1), Error,
                            [](const Error& e) { return message_has(e, "identity"); });
      const Bytes enc = encode(encrypt(keys.public_key, 2).ciphertext);
      BOOST_CHECK_EXCEPTION(decode_ciphertext(group, BytesView(enc).first(enc.size() - 1)), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "wrong length"); });
      Bytes bad_a = enc;
      std::fill(bad_a.begin(), bad_a.begin() + group.element_bytes(), 0xff);
      BOOST_CHECK_EXCEPTION(decode_ciphertext(group, bad_a), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "ciphertext a"); });
      Bytes bad_b = enc;
      std::fill(bad_b.begin() + group.element_bytes(), bad_b.end(), 0xff);
      BOOST_CHECK_EXCEPTION(decode_ciphertext(group, bad_b), DecodeError,
                            [](const DecodeError& e) { return message_has(e, "ciphertext b"); });
      const std::uint64_t twice[] = {5, 5};
      BOOST_CHECK_THROW(CodeTable(group, twice), Error);
    }
  }
}

BOOST_AUTO_TEST_CASE(groups_do_not_mix) {
  const KeyPair keys = generate_keypair(ristretto255());
  const Scalar foreign = modp4096_eg().scalars().one();
  BOOST_CHECK_THROW(encrypt_with(keys.public_key, 1, foreign), Error);
  BOOST_CHECK_THROW(group_by_name("p256"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
