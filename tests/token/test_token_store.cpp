// token_store.hpp against real SoftHSM2 tokens: round trips, refusal to
// overwrite, and every failure named without the PIN or the secret in it.
#include <boost/test/unit_test.hpp>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/random.hpp"
#include "evote/token/token_store.hpp"
#include "support/softhsm_token.hpp"

using evote::crypto::Bytes;
using evote::crypto::BytesView;
using evote::testing::SoftHsmToken;
using namespace evote::token;

namespace {

TokenLocation location(const SoftHsmToken& token) { return {token.module(), token.label()}; }

Bytes value_of(const evote::crypto::SecretBytes& secret) {
  return Bytes(secret.view().begin(), secret.view().end());
}

// The message of the TokenError that `action` throws ("" if none).
template <typename Action>
std::string token_error(Action action) {
  try {
    action();
  } catch (const TokenError& e) {
    return e.what();
  }
  BOOST_ERROR("no TokenError thrown");
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A secret whose hex and raw forms are both searched for in messages.
bool mentions(const std::string& message, BytesView secret) {
  return contains(message, evote::crypto::to_hex(secret)) ||
         contains(message, std::string(secret.begin(), secret.end()));
}

const std::string kLabel = "evote-share/election-2027/3";

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_32_and_512_bytes) {
  const SoftHsmToken token("trustee-3", "4711-pin");
  const Bytes small = evote::crypto::random_bytes(32);
  const Bytes large = evote::crypto::random_bytes(512);
  store_secret(location(token), token.pin(), "evote-share/e/1", small);
  store_secret(location(token), token.pin(), "evote-share/e/2", large);
  BOOST_TEST(value_of(load_secret(location(token), token.pin(), "evote-share/e/1")) == small);
  BOOST_TEST(value_of(load_secret(location(token), token.pin(), "evote-share/e/2")) == large);
}

BOOST_AUTO_TEST_CASE(second_store_with_same_label_is_refused) {
  const SoftHsmToken token;
  const Bytes first = evote::crypto::random_bytes(32);
  const Bytes second = evote::crypto::random_bytes(32);
  store_secret(location(token), token.pin(), kLabel, first);
  const std::string message =
      token_error([&] { store_secret(location(token), token.pin(), kLabel, second); });
  BOOST_TEST_MESSAGE(message);
  BOOST_TEST(contains(message, "duplicate label refused"));
  BOOST_TEST(contains(message, kLabel));
  BOOST_TEST(!mentions(message, first));
  BOOST_TEST(!mentions(message, second));
  BOOST_TEST(value_of(load_secret(location(token), token.pin(), kLabel)) == first);
}

BOOST_AUTO_TEST_CASE(wrong_pin_is_named_and_neither_pin_nor_secret_shown) {
  const SoftHsmToken token("trustee-1", "correct-pin-8142");
  const Bytes secret = evote::crypto::random_bytes(32);
  store_secret(location(token), token.pin(), kLabel, secret);
  const std::string wrong = "wrong-pin-5518";
  for (const auto& action : {
           std::function<void()>([&] { load_secret(location(token), wrong, kLabel); }),
           std::function<void()>([&] { has_secret(location(token), wrong, kLabel); }),
           std::function<void()>([&] { store_secret(location(token), wrong, "x", secret); }),
       }) {
    const std::string message = token_error(action);
    BOOST_TEST_MESSAGE(message);
    BOOST_TEST(contains(message, "wrong PIN"));
    BOOST_TEST(contains(message, "CKR_PIN_INCORRECT"));
    BOOST_TEST(contains(message, "trustee-1"));
    BOOST_TEST(contains(message, SoftHsmToken::kModule));
    BOOST_TEST(!contains(message, wrong));
    BOOST_TEST(!contains(message, token.pin()));
    BOOST_TEST(!mentions(message, secret));
  }
  BOOST_TEST(!has_secret(location(token), token.pin(), "x"));
}

BOOST_AUTO_TEST_CASE(unknown_token_label) {
  const SoftHsmToken token("trustee-2");
  const TokenLocation elsewhere{token.module(), "trustee-9"};
  const std::string message = token_error([&] { has_secret(elsewhere, token.pin(), kLabel); });
  BOOST_TEST_MESSAGE(message);
  BOOST_TEST(contains(message, "no such token"));
  BOOST_TEST(contains(message, "'trustee-9'"));
  // A prefix of a label is not the label.
  BOOST_TEST(contains(token_error([&] { has_secret({token.module(), "trustee-"}, token.pin(), kLabel); }),
                      "no such token"));
  BOOST_TEST(contains(
      token_error([&] { has_secret({token.module(), std::string(33, 'a')}, token.pin(), kLabel); }),
      "no such token"));
}

BOOST_AUTO_TEST_CASE(unknown_object_label) {
  const SoftHsmToken token;
  store_secret(location(token), token.pin(), kLabel, evote::crypto::random_bytes(32));
  const std::string message =
      token_error([&] { load_secret(location(token), token.pin(), "evote-share/other/1"); });
  BOOST_TEST_MESSAGE(message);
  BOOST_TEST(contains(message, "no such object"));
  BOOST_TEST(contains(message, "evote-share/other/1"));
}

BOOST_AUTO_TEST_CASE(module_that_does_not_exist) {
  const TokenLocation nowhere{"/nonexistent/libpkcs11-missing.so", "trustee-1"};
  const std::string message = token_error([&] { load_secret(nowhere, "1234", kLabel); });
  BOOST_TEST_MESSAGE(message);
  BOOST_TEST(contains(message, "/nonexistent/libpkcs11-missing.so"));
  BOOST_TEST(contains(message, "cannot be loaded"));
  BOOST_TEST(!contains(message, "1234"));
}

BOOST_AUTO_TEST_CASE(library_that_is_not_a_pkcs11_module) {
  const std::string message = token_error(
      [&] { load_secret({"libsodium.so.23", "trustee-1"}, "1234", kLabel); });
  BOOST_TEST_MESSAGE(message);
  BOOST_TEST(contains(message, "not a PKCS#11 module"));
}

BOOST_AUTO_TEST_CASE(has_secret_true_and_false) {
  const SoftHsmToken token;
  BOOST_TEST(!has_secret(location(token), token.pin(), kLabel));
  store_secret(location(token), token.pin(), kLabel, evote::crypto::random_bytes(32));
  BOOST_TEST(has_secret(location(token), token.pin(), kLabel));
  BOOST_TEST(!has_secret(location(token), token.pin(), kLabel + "0"));
  BOOST_TEST(!has_secret(location(token), token.pin(), "evote-share/election-2027/"));
}

BOOST_AUTO_TEST_CASE(two_tokens_in_one_configuration_are_kept_apart) {
  SoftHsmToken token("trustee-1", "1111-pin");
  token.add_token("trustee-2", "2222-pin");
  const TokenLocation one{token.module(), "trustee-1"};
  const TokenLocation two{token.module(), "trustee-2"};
  const Bytes secret_one = evote::crypto::random_bytes(32);
  const Bytes secret_two = evote::crypto::random_bytes(32);
  // The same object label on both tokens: two different objects.
  store_secret(one, "1111-pin", kLabel, secret_one);
  BOOST_TEST(!has_secret(two, "2222-pin", kLabel));
  store_secret(two, "2222-pin", kLabel, secret_two);
  BOOST_TEST(value_of(load_secret(one, "1111-pin", kLabel)) == secret_one);
  BOOST_TEST(value_of(load_secret(two, "2222-pin", kLabel)) == secret_two);
  // Each token has its own PIN.
  BOOST_TEST(contains(token_error([&] { load_secret(two, "1111-pin", kLabel); }), "wrong PIN"));
  BOOST_TEST(contains(token_error([&] { load_secret(one, "2222-pin", kLabel); }), "wrong PIN"));
}
