// Ed25519 signatures (libsodium wrapper): RFC 8032 vectors, round trips,
// and every way a signature can fail.
#include <boost/test/unit_test.hpp>

#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"

using namespace evote::crypto;

namespace {

auto message_is(std::string expected) {
  return [expected](const Error& e) {
    BOOST_TEST_INFO("what(): " << e.what());
    return std::string(e.what()) == expected;
  };
}

auto message_starts_with(std::string prefix) {
  return [prefix](const Error& e) {
    BOOST_TEST_INFO("what(): " << e.what());
    return std::string(e.what()).rfind(prefix, 0) == 0;
  };
}

struct Rfc8032Vector {
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032, section 7.1, TEST 1 and TEST 2.
const Rfc8032Vector kTest1 = {
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    "",
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
};
const Rfc8032Vector kTest2 = {
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    "72",
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
};

void check_vector(const Rfc8032Vector& v) {
  const Bytes seed = from_hex(v.seed);
  const Bytes public_key = from_hex(v.public_key);
  const Bytes message = from_hex(v.message);
  const Bytes expected = from_hex(v.signature);
  Bytes secret = seed;
  append(secret, public_key);

  const Ed25519SigningKey key = Ed25519SigningKey::from_secret(secret);
  BOOST_TEST(to_hex(key.public_key().bytes) == v.public_key);
  BOOST_TEST(to_hex(key.secret().view()) == to_hex(secret));
  BOOST_CHECK(Ed25519PublicKey::decode(public_key) == key.public_key());

  const Bytes signature = key.sign(message);
  BOOST_TEST(to_hex(signature) == v.signature);

  const Verdict verdict = verify_ed25519(Ed25519PublicKey::decode(public_key), message, expected);
  BOOST_TEST(verdict.ok);
  BOOST_TEST(verdict.reason.empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ed25519)

BOOST_AUTO_TEST_CASE(rfc8032_test_1) { check_vector(kTest1); }

BOOST_AUTO_TEST_CASE(rfc8032_test_2) { check_vector(kTest2); }

BOOST_AUTO_TEST_CASE(sign_verify_round_trip) {
  const Ed25519SigningKey key = Ed25519SigningKey::generate();
  BOOST_TEST(key.secret().size() == kEd25519SecretKeyBytes);
  const BytesView text = as_bytes("election 2027: trustee 3 key share commitment");
  const Bytes message(text.begin(), text.end());
  const Bytes signature = key.sign(message);
  BOOST_TEST(signature.size() == kEd25519SignatureBytes);
  BOOST_TEST(verify_ed25519(key.public_key(), message, signature).ok);
  // Empty messages are signable too.
  BOOST_TEST(verify_ed25519(key.public_key(), {}, key.sign({})).ok);

  // The secret key round-trips through from_secret.
  const Ed25519SigningKey again = Ed25519SigningKey::from_secret(key.secret().view());
  BOOST_CHECK(again.public_key() == key.public_key());
  BOOST_TEST(verify_ed25519(again.public_key(), message, again.sign(message)).ok);

  // The public key decodes from its own bytes.
  BOOST_CHECK(Ed25519PublicKey::decode(key.public_key().bytes) == key.public_key());

  // Two generated keys differ.
  BOOST_CHECK(!(Ed25519SigningKey::generate().public_key() == key.public_key()));
}

BOOST_AUTO_TEST_CASE(every_flipped_signature_bit_fails) {
  const Ed25519SigningKey key = Ed25519SigningKey::generate();
  const Bytes message = from_hex("0102030405060708090a");
  const Bytes signature = key.sign(message);
  for (std::size_t i = 0; i < signature.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = signature;
      bad[i] ^= static_cast<std::uint8_t>(1u << bit);
      const Verdict verdict = verify_ed25519(key.public_key(), message, bad);
      BOOST_TEST_INFO("byte " << i << " bit " << bit);
      BOOST_TEST(!verdict.ok);
      BOOST_TEST(verdict.reason == "Ed25519 signature does not verify");
    }
  }
}

BOOST_AUTO_TEST_CASE(changed_message_fails) {
  const Ed25519SigningKey key = Ed25519SigningKey::generate();
  const Bytes message = from_hex("00112233445566778899");
  const Bytes signature = key.sign(message);
  for (std::size_t i = 0; i < message.size(); ++i) {
    Bytes changed = message;
    changed[i] ^= 0x80;
    const Verdict verdict = verify_ed25519(key.public_key(), changed, signature);
    BOOST_TEST(!verdict.ok);
    BOOST_TEST(verdict.reason == "Ed25519 signature does not verify");
  }
  Bytes longer = message;
  longer.push_back(0);
  BOOST_TEST(!verify_ed25519(key.public_key(), longer, signature).ok);
  const Bytes shorter(message.begin(), message.end() - 1);
  BOOST_TEST(!verify_ed25519(key.public_key(), shorter, signature).ok);
  BOOST_TEST(!verify_ed25519(key.public_key(), {}, signature).ok);
}

BOOST_AUTO_TEST_CASE(wrong_key_fails) {
  const Ed25519SigningKey key = Ed25519SigningKey::generate();
  const Ed25519SigningKey other = Ed25519SigningKey::generate();
  const Bytes message = from_hex("cafe");
  const Verdict verdict = verify_ed25519(other.public_key(), message, key.sign(message));
  BOOST_TEST(!verdict.ok);
  BOOST_TEST(verdict.reason == "Ed25519 signature does not verify");

  // RFC 8032 TEST 1's signature under TEST 2's key.
  const Verdict cross = verify_ed25519(Ed25519PublicKey::decode(from_hex(kTest2.public_key)), {},
                                       from_hex(kTest1.signature));
  BOOST_TEST(!cross.ok);
}

BOOST_AUTO_TEST_CASE(wrong_signature_length_fails_without_throwing) {
  const Ed25519SigningKey key = Ed25519SigningKey::generate();
  const Bytes message = from_hex("cafe");
  Bytes signature = key.sign(message);

  Bytes shorter(signature.begin(), signature.end() - 1);
  Verdict verdict = verify_ed25519(key.public_key(), message, shorter);
  BOOST_TEST(!verdict.ok);
  BOOST_TEST(verdict.reason == "Ed25519 signature: wrong length (63 bytes, expected 64)");

  Bytes longer = signature;
  longer.push_back(0);
  verdict = verify_ed25519(key.public_key(), message, longer);
  BOOST_TEST(!verdict.ok);
  BOOST_TEST(verdict.reason == "Ed25519 signature: wrong length (65 bytes, expected 64)");

  verdict = verify_ed25519(key.public_key(), message, {});
  BOOST_TEST(!verdict.ok);
  BOOST_TEST(verdict.reason == "Ed25519 signature: wrong length (0 bytes, expected 64)");
}

BOOST_AUTO_TEST_CASE(public_key_decode_rejects_bad_input) {
  const Bytes good = from_hex(kTest1.public_key);
  BOOST_CHECK_EXCEPTION(Ed25519PublicKey::decode(BytesView(good).first(31)), DecodeError,
                        message_is("Ed25519 public key: wrong length (31 bytes, expected 32)"));
  Bytes longer = good;
  longer.push_back(0);
  BOOST_CHECK_EXCEPTION(Ed25519PublicKey::decode(longer), DecodeError,
                        message_is("Ed25519 public key: wrong length (33 bytes, expected 32)"));
  BOOST_CHECK_EXCEPTION(Ed25519PublicKey::decode({}), DecodeError,
                        message_starts_with("Ed25519 public key: wrong length"));

  // The identity (small order), a point of order 4 (y = 0), and a
  // non-canonical encoding (y >= p).
  const char* invalid[] = {
      "0100000000000000000000000000000000000000000000000000000000000000",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  };
  for (const char* hex : invalid) {
    BOOST_TEST_INFO("key " << hex);
    BOOST_CHECK_EXCEPTION(Ed25519PublicKey::decode(from_hex(hex)), DecodeError,
                          message_is("Ed25519 public key: not a valid curve point"));
  }
}

BOOST_AUTO_TEST_CASE(from_secret_rejects_bad_input) {
  Bytes secret = from_hex(kTest1.seed);
  append(secret, from_hex(kTest1.public_key));

  BOOST_CHECK_EXCEPTION(Ed25519SigningKey::from_secret(BytesView(secret).first(63)), DecodeError,
                        message_is("Ed25519 secret key: wrong length (63 bytes, expected 64)"));
  BOOST_CHECK_EXCEPTION(Ed25519SigningKey::from_secret(BytesView(secret).first(32)), DecodeError,
                        message_is("Ed25519 secret key: wrong length (32 bytes, expected 64)"));

  // Public half from another key.
  Bytes mismatched = from_hex(kTest1.seed);
  append(mismatched, from_hex(kTest2.public_key));
  BOOST_CHECK_EXCEPTION(Ed25519SigningKey::from_secret(mismatched), DecodeError,
                        message_is("Ed25519 secret key: public half does not match the seed"));

  // Any changed byte, in the seed or in the public half, is caught.
  for (std::size_t i = 0; i < secret.size(); ++i) {
    Bytes changed = secret;
    changed[i] ^= 0x01;
    BOOST_TEST_INFO("byte " << i);
    BOOST_CHECK_THROW(Ed25519SigningKey::from_secret(changed), DecodeError);
  }
}

BOOST_AUTO_TEST_SUITE_END()
