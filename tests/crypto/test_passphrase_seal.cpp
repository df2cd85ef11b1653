// Secrets sealed under a passphrase (Argon2id + XChaCha20-Poly1305).
//
// Argon2id is slow on purpose. The round trips use the interactive cost (and
// one the moderate cost); the tamper tests seal under kCheap, a cost inside
// libsodium's limits but far below anything real, so that each of their many
// failed openings costs milliseconds. The format is the same at every cost.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/crypto/random.hpp"

using namespace evote::crypto;

namespace {

auto message_is(std::string expected) {
  return [expected](const Error& e) {
    BOOST_TEST_INFO("what(): " << e.what());
    return std::string(e.what()) == expected;
  };
}

const std::string kWrong = "sealed secret: wrong passphrase, or the file was altered";
const std::string kTruncated = "sealed secret: truncated";
const std::string kBadMagic = "sealed secret: not an evote sealed file (bad magic)";
const std::string kCostRange = "sealed secret: Argon2id cost out of range";

// Header layout (see passphrase_seal.cpp).
constexpr std::size_t kOps = 8, kMem = 16, kSalt = 24, kNonce = 40, kHeader = 64, kTag = 16;

const Argon2Cost kCheap{1, 1024 * 1024};  // 1 pass over 1 MiB: tests only

const char* kPassphrase = "correct horse battery staple";

Bytes with_be64(Bytes sealed, std::size_t offset, std::uint64_t value) {
  Bytes encoded;
  append_be64(encoded, value);
  std::copy(encoded.begin(), encoded.end(), sealed.begin() + static_cast<std::ptrdiff_t>(offset));
  return sealed;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(passphrase_seal)

BOOST_AUTO_TEST_CASE(round_trip_interactive_and_format) {
  const Bytes secret = random_bytes(32);
  const Argon2Cost cost = Argon2Cost::interactive();
  const Bytes sealed = seal_with_passphrase(secret, kPassphrase, cost);

  BOOST_TEST(sealed.size() == kHeader + secret.size() + kTag);
  BOOST_TEST(std::string(sealed.begin(), sealed.begin() + 8) == "EVSEAL01");
  BOOST_TEST(read_be64(BytesView(sealed).subspan(kOps)) == cost.ops);
  BOOST_TEST(read_be64(BytesView(sealed).subspan(kMem)) == cost.mem_bytes);

  const SecretBytes opened = open_with_passphrase(sealed, kPassphrase);
  BOOST_TEST(to_hex(opened.view()) == to_hex(secret));
}

BOOST_AUTO_TEST_CASE(round_trip_moderate) {
  const Argon2Cost cost = Argon2Cost::moderate();
  BOOST_TEST(cost.ops > Argon2Cost::interactive().ops);
  BOOST_TEST(cost.mem_bytes > Argon2Cost::interactive().mem_bytes);
  const Bytes secret = from_hex("0011223344556677");
  const Bytes sealed = seal_with_passphrase(secret, kPassphrase);  // default cost
  BOOST_TEST(read_be64(BytesView(sealed).subspan(kOps)) == cost.ops);
  BOOST_TEST(read_be64(BytesView(sealed).subspan(kMem)) == cost.mem_bytes);
  BOOST_TEST(to_hex(open_with_passphrase(sealed, kPassphrase).view()) == "0011223344556677");
}

BOOST_AUTO_TEST_CASE(wrong_passphrase) {
  const Bytes sealed =
      seal_with_passphrase(from_hex("deadbeef"), kPassphrase, Argon2Cost::interactive());
  const Bytes before = sealed;
  BOOST_CHECK_EXCEPTION(open_with_passphrase(sealed, "correct horse battery stapler"), Error,
                        message_is(kWrong));
  BOOST_CHECK(sealed == before);
}

BOOST_AUTO_TEST_CASE(cheap_round_trips) {
  const Bytes secret = from_hex("0102030405060708");
  const Bytes a = seal_with_passphrase(secret, kPassphrase, kCheap);
  const Bytes b = seal_with_passphrase(secret, kPassphrase, kCheap);
  // Fresh salt and nonce every time.
  BOOST_CHECK(a != b);
  BOOST_CHECK(!std::equal(a.begin() + kSalt, a.begin() + kNonce, b.begin() + kSalt));
  BOOST_CHECK(!std::equal(a.begin() + kNonce, a.begin() + kHeader, b.begin() + kNonce));
  BOOST_TEST(to_hex(open_with_passphrase(a, kPassphrase).view()) == to_hex(secret));
  BOOST_TEST(to_hex(open_with_passphrase(b, kPassphrase).view()) == to_hex(secret));

  // An empty secret seals to the bare header and tag.
  const Bytes empty = seal_with_passphrase({}, kPassphrase, kCheap);
  BOOST_TEST(empty.size() == kHeader + kTag);
  BOOST_TEST(open_with_passphrase(empty, kPassphrase).size() == 0u);

  // Passphrases are bytes: UTF-8 works, and differs from a near-identical one.
  const std::string utf8 = "j\xc3\xb5ulupuu \xc3\xa4\xc3\xb6\xc3\xbc";
  const Bytes c = seal_with_passphrase(secret, utf8, kCheap);
  BOOST_TEST(to_hex(open_with_passphrase(c, utf8).view()) == to_hex(secret));
  BOOST_CHECK_EXCEPTION(open_with_passphrase(c, "juulupuu aou"), Error, message_is(kWrong));
}

BOOST_AUTO_TEST_CASE(seal_refuses_bad_arguments) {
  BOOST_CHECK_EXCEPTION(seal_with_passphrase(from_hex("00"), "", kCheap), Error,
                        message_is("sealed secret: the passphrase is empty"));
  BOOST_CHECK_EXCEPTION(seal_with_passphrase(from_hex("00"), kPassphrase, Argon2Cost{0, 1 << 20}),
                        Error, message_is(kCostRange));
  BOOST_CHECK_EXCEPTION(
      seal_with_passphrase(from_hex("00"), kPassphrase, Argon2Cost{1, std::uint64_t{1} << 40}),
      Error, message_is(kCostRange));
}

BOOST_AUTO_TEST_CASE(changed_header_fields_fail) {
  const Bytes sealed = seal_with_passphrase(from_hex("0102030405060708"), kPassphrase, kCheap);

  // Magic: any byte changed.
  for (std::size_t i = 0; i < 8; ++i) {
    Bytes bad = sealed;
    bad[i] ^= 0x20;
    BOOST_TEST_INFO("magic byte " << i);
    BOOST_CHECK_EXCEPTION(open_with_passphrase(bad, kPassphrase), DecodeError,
                          message_is(kBadMagic));
  }

  // Costs changed within the accepted range: the key and the associated data
  // change, the tag fails. mem + 1 derives the very same key (libsodium counts
  // whole KiB), so only the authenticated header catches it.
  BOOST_CHECK_EXCEPTION(open_with_passphrase(with_be64(sealed, kOps, 2), kPassphrase), Error,
                        message_is(kWrong));
  BOOST_CHECK_EXCEPTION(
      open_with_passphrase(with_be64(sealed, kMem, 2 * 1024 * 1024), kPassphrase), Error,
      message_is(kWrong));
  BOOST_CHECK_EXCEPTION(
      open_with_passphrase(with_be64(sealed, kMem, kCheap.mem_bytes + 1), kPassphrase), Error,
      message_is(kWrong));

  // Salt and nonce: first and last byte of each.
  for (std::size_t i : {kSalt, kNonce - 1, kNonce, kHeader - 1}) {
    Bytes bad = sealed;
    bad[i] ^= 0x01;
    BOOST_TEST_INFO("header byte " << i);
    BOOST_CHECK_EXCEPTION(open_with_passphrase(bad, kPassphrase), Error, message_is(kWrong));
  }

  BOOST_TEST(to_hex(open_with_passphrase(sealed, kPassphrase).view()) == "0102030405060708");
}

BOOST_AUTO_TEST_CASE(changed_ciphertext_or_tag_fails) {
  const Bytes sealed = seal_with_passphrase(from_hex("0102030405060708"), kPassphrase, kCheap);
  for (std::size_t i = kHeader; i < sealed.size(); ++i) {
    Bytes bad = sealed;
    bad[i] ^= 0x80;
    BOOST_TEST_INFO("byte " << i);
    BOOST_CHECK_EXCEPTION(open_with_passphrase(bad, kPassphrase), Error, message_is(kWrong));
  }
  Bytes longer = sealed;
  longer.push_back(0);
  BOOST_CHECK_EXCEPTION(open_with_passphrase(longer, kPassphrase), Error, message_is(kWrong));
}

BOOST_AUTO_TEST_CASE(truncated_fails) {
  const Bytes sealed = seal_with_passphrase(from_hex("0102030405060708"), kPassphrase, kCheap);
  BOOST_TEST(sealed.size() == 88u);
  for (std::size_t length : {0, 1, 7, 8, 16, 24, 40, 63, 64, 79}) {
    BOOST_TEST_INFO("length " << length);
    BOOST_CHECK_EXCEPTION(open_with_passphrase(BytesView(sealed).first(length), kPassphrase),
                          DecodeError, message_is(kTruncated));
  }
  // Long enough to parse, but the tag no longer matches.
  for (std::size_t length : {80, 84, 87}) {
    BOOST_TEST_INFO("length " << length);
    BOOST_CHECK_EXCEPTION(open_with_passphrase(BytesView(sealed).first(length), kPassphrase),
                          Error, message_is(kWrong));
  }
  // Not ours at all.
  BOOST_CHECK_EXCEPTION(open_with_passphrase(as_bytes("-----BEGIN"), kPassphrase), DecodeError,
                        message_is(kBadMagic));
  BOOST_CHECK_EXCEPTION(open_with_passphrase(as_bytes("{}"), kPassphrase), DecodeError,
                        message_is(kBadMagic));
}

BOOST_AUTO_TEST_CASE(absurd_cost_refused_before_key_derivation) {
  const Bytes sealed = seal_with_passphrase(from_hex("0102030405060708"), kPassphrase, kCheap);
  const std::uint64_t huge = std::uint64_t{1} << 62;
  const auto start = std::chrono::steady_clock::now();
  BOOST_CHECK_EXCEPTION(open_with_passphrase(with_be64(sealed, kMem, huge), kPassphrase), Error,
                        message_is(kCostRange));
  BOOST_CHECK_EXCEPTION(
      open_with_passphrase(with_be64(sealed, kMem, ~std::uint64_t{0}), kPassphrase), Error,
      message_is(kCostRange));
  // Just above libsodium's SENSITIVE limit (1 GiB) and below its minimum (8 KiB).
  BOOST_CHECK_EXCEPTION(
      open_with_passphrase(with_be64(sealed, kMem, (std::uint64_t{1} << 30) + 1), kPassphrase),
      Error, message_is(kCostRange));
  BOOST_CHECK_EXCEPTION(open_with_passphrase(with_be64(sealed, kMem, 8191), kPassphrase), Error,
                        message_is(kCostRange));
  BOOST_CHECK_EXCEPTION(open_with_passphrase(with_be64(sealed, kOps, 0), kPassphrase), Error,
                        message_is(kCostRange));
  BOOST_CHECK_EXCEPTION(open_with_passphrase(with_be64(sealed, kOps, 5), kPassphrase), Error,
                        message_is(kCostRange));
  BOOST_CHECK_EXCEPTION(open_with_passphrase(with_be64(sealed, kOps, huge), kPassphrase), Error,
                        message_is(kCostRange));
  // All refused without running Argon2id.
  const auto elapsed = std::chrono::steady_clock::now() - start;
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 1000);
}

BOOST_AUTO_TEST_CASE(open_with_empty_passphrase_refused) {
  const Bytes sealed = seal_with_passphrase(from_hex("00"), kPassphrase, kCheap);
  BOOST_CHECK_EXCEPTION(open_with_passphrase(sealed, ""), Error,
                        message_is("sealed secret: the passphrase is empty"));
}

BOOST_AUTO_TEST_SUITE_END()
