// X25519 sealed boxes (libsodium crypto_box_seal wrapper).
#include <boost/test/unit_test.hpp>

#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/random.hpp"
#include "evote/crypto/sealed_box.hpp"

using namespace evote::crypto;

namespace {

auto message_is(std::string expected) {
  return [expected](const Error& e) {
    BOOST_TEST_INFO("what(): " << e.what());
    return std::string(e.what()) == expected;
  };
}

const std::string kCannotOpen = "sealed box: cannot be opened with this key, or it was altered";

}  // namespace

BOOST_AUTO_TEST_SUITE(sealed_box)

BOOST_AUTO_TEST_CASE(round_trip) {
  const X25519KeyPair recipient = X25519KeyPair::generate();
  BOOST_TEST(recipient.secret().size() == kX25519SecretKeyBytes);
  const Bytes plaintext = random_bytes(200);
  const Bytes box = seal_to(recipient.public_key(), plaintext);
  BOOST_TEST(box.size() == plaintext.size() + kSealedBoxOverhead);
  const SecretBytes opened = open_sealed(recipient, box);
  BOOST_TEST(to_hex(opened.view()) == to_hex(plaintext));

  // Sealing is randomised (fresh ephemeral key each time).
  BOOST_CHECK(seal_to(recipient.public_key(), plaintext) != box);
}

BOOST_AUTO_TEST_CASE(empty_plaintext) {
  const X25519KeyPair recipient = X25519KeyPair::generate();
  const Bytes box = seal_to(recipient.public_key(), {});
  BOOST_TEST(box.size() == kSealedBoxOverhead);
  const SecretBytes opened = open_sealed(recipient, box);
  BOOST_TEST(opened.size() == 0u);
}

BOOST_AUTO_TEST_CASE(keys_from_secret_and_decode) {
  const X25519KeyPair pair = X25519KeyPair::generate();
  const X25519KeyPair again = X25519KeyPair::from_secret(pair.secret().view());
  BOOST_CHECK(again.public_key() == pair.public_key());
  BOOST_CHECK(X25519PublicKey::decode(pair.public_key().bytes) == pair.public_key());

  // A box sealed to the decoded key opens with the re-derived pair.
  const Bytes plaintext = from_hex("00ff00ff");
  const Bytes box = seal_to(X25519PublicKey::decode(pair.public_key().bytes), plaintext);
  BOOST_TEST(to_hex(open_sealed(again, box).view()) == "00ff00ff");

  // RFC 7748 section 6.1: Alice's private key and public key.
  const X25519KeyPair alice = X25519KeyPair::from_secret(
      from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  BOOST_TEST(to_hex(alice.public_key().bytes) ==
             "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

  const Bytes key(32, 1);
  BOOST_CHECK_EXCEPTION(X25519PublicKey::decode(BytesView(key).first(31)), DecodeError,
                        message_is("X25519 public key: wrong length (31 bytes, expected 32)"));
  BOOST_CHECK_EXCEPTION(X25519KeyPair::from_secret(Bytes(33, 1)), DecodeError,
                        message_is("X25519 secret key: wrong length (33 bytes, expected 32)"));
}

BOOST_AUTO_TEST_CASE(wrong_recipient_fails) {
  const X25519KeyPair recipient = X25519KeyPair::generate();
  const X25519KeyPair other = X25519KeyPair::generate();
  const Bytes box = seal_to(recipient.public_key(), from_hex("0123456789"));
  BOOST_CHECK_EXCEPTION(open_sealed(other, box), Error, message_is(kCannotOpen));
}

BOOST_AUTO_TEST_CASE(every_flipped_byte_fails) {
  const X25519KeyPair recipient = X25519KeyPair::generate();
  const Bytes box = seal_to(recipient.public_key(), from_hex("0102030405"));
  BOOST_TEST(box.size() == 53u);
  for (std::size_t i = 0; i < box.size(); ++i) {
    Bytes bad = box;
    bad[i] ^= 0x01;
    BOOST_TEST_INFO("byte " << i);
    BOOST_CHECK_EXCEPTION(open_sealed(recipient, bad), Error, message_is(kCannotOpen));
  }
  // The untouched box still opens.
  BOOST_TEST(to_hex(open_sealed(recipient, box).view()) == "0102030405");
}

BOOST_AUTO_TEST_CASE(truncated_fails) {
  const X25519KeyPair recipient = X25519KeyPair::generate();
  const Bytes box = seal_to(recipient.public_key(), from_hex("0102030405"));

  BOOST_CHECK_EXCEPTION(open_sealed(recipient, {}), Error,
                        message_is("sealed box: truncated (0 bytes, at least 48 needed)"));
  BOOST_CHECK_EXCEPTION(open_sealed(recipient, BytesView(box).first(47)), Error,
                        message_is("sealed box: truncated (47 bytes, at least 48 needed)"));
  for (std::size_t length = 48; length < box.size(); ++length) {
    BOOST_TEST_INFO("length " << length);
    BOOST_CHECK_EXCEPTION(open_sealed(recipient, BytesView(box).first(length)), Error,
                          message_is(kCannotOpen));
  }
  // Extra bytes at the end are an alteration too.
  Bytes longer = box;
  longer.push_back(0);
  BOOST_CHECK_EXCEPTION(open_sealed(recipient, longer), Error, message_is(kCannotOpen));
}

BOOST_AUTO_TEST_SUITE_END()
