// token_store.hpp against real SoftHSM2 tokens: round trips, refusal to
// overwrite, and every failure named without the PIN or the secret in it.
#include <dlfcn.h>
#include <p11-kit-1/p11-kit/pkcs11.h>

#include <boost/test/unit_test.hpp>
#include <functional>
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
  BOOST_TEST(contains(token_error([&] {
                        has_secret({token.module(), "trustee-"}, token.pin(), kLabel);
                      }),
                      "no such token"));
  BOOST_TEST(contains(token_error([&] {
                        has_secret({token.module(), std::string(33, 'a')}, token.pin(), kLabel);
                      }),
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
  const std::string message = token_error([&] {
    load_secret({"libsodium.so.23", "trustee-1"}, "1234", kLabel);
  });
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

namespace {

// The module as another library of the same process would use it.
struct RawModule {
  void* handle = nullptr;
  CK_FUNCTION_LIST* f = nullptr;
  RawModule() {
    handle = dlopen(SoftHsmToken::kModule, RTLD_NOW | RTLD_LOCAL);
    BOOST_REQUIRE(handle != nullptr);
    auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
    BOOST_REQUIRE(get != nullptr);
    BOOST_REQUIRE(get(&f) == CKR_OK);
  }
  ~RawModule() { dlclose(handle); }
  CK_SLOT_ID slot_of(const std::string& label) const {
    CK_SLOT_ID slots[8];
    CK_ULONG count = 8;
    BOOST_REQUIRE(f->C_GetSlotList(CK_TRUE, slots, &count) == CKR_OK);
    for (CK_ULONG k = 0; k < count; ++k) {
      CK_TOKEN_INFO info{};
      BOOST_REQUIRE(f->C_GetTokenInfo(slots[k], &info) == CKR_OK);
      if (std::string(reinterpret_cast<char*>(info.label), label.size()) == label &&
          info.label[label.size()] == ' ')
        return slots[k];
    }
    BOOST_FAIL("no slot");
    return 0;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_module_the_process_initialized_stays_initialized_and_logged_in) {
  const SoftHsmToken token;
  RawModule raw;
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  BOOST_REQUIRE(raw.f->C_Initialize(&args) == CKR_OK);
  CK_SESSION_HANDLE session = 0;
  BOOST_REQUIRE(raw.f->C_OpenSession(raw.slot_of(token.label()), CKF_SERIAL_SESSION, nullptr,
                                     nullptr, &session) == CKR_OK);
  std::string pin = token.pin();
  BOOST_REQUIRE(raw.f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR*>(pin.data()),
                               pin.size()) == CKR_OK);

  const Bytes secret = evote::crypto::random_bytes(32);
  store_secret(location(token), token.pin(), kLabel, secret);
  BOOST_TEST(value_of(load_secret(location(token), token.pin(), kLabel)) == secret);

  // Still initialized, still logged in: the object is visible to this session.
  CK_INFO info{};
  BOOST_TEST(raw.f->C_GetInfo(&info) == CKR_OK);
  CK_OBJECT_CLASS data = CKO_DATA;
  CK_ATTRIBUTE match[] = {{CKA_CLASS, &data, sizeof data},
                          {CKA_LABEL, const_cast<char*>(kLabel.data()), kLabel.size()}};
  BOOST_REQUIRE(raw.f->C_FindObjectsInit(session, match, 2) == CKR_OK);
  CK_OBJECT_HANDLE object = 0;
  CK_ULONG found = 0;
  BOOST_REQUIRE(raw.f->C_FindObjects(session, &object, 1, &found) == CKR_OK);
  raw.f->C_FindObjectsFinal(session);
  BOOST_REQUIRE(found == 1);

  // The attributes specs/keys.md names.
  CK_BBOOL on_token = CK_FALSE, is_private = CK_FALSE, modifiable = CK_TRUE;
  char application[16] = {};
  CK_ATTRIBUTE read[] = {{CKA_TOKEN, &on_token, sizeof on_token},
                         {CKA_PRIVATE, &is_private, sizeof is_private},
                         {CKA_MODIFIABLE, &modifiable, sizeof modifiable},
                         {CKA_APPLICATION, application, sizeof application}};
  BOOST_REQUIRE(raw.f->C_GetAttributeValue(session, object, read, 4) == CKR_OK);
  BOOST_TEST(on_token == CK_TRUE);
  BOOST_TEST(is_private == CK_TRUE);
  BOOST_TEST(modifiable == CK_FALSE);
  BOOST_TEST(std::string(application, read[3].ulValueLen) == "evote");

  raw.f->C_Logout(session);
  // Private: without login the object is not found.
  BOOST_REQUIRE(raw.f->C_FindObjectsInit(session, match, 2) == CKR_OK);
  BOOST_REQUIRE(raw.f->C_FindObjects(session, &object, 1, &found) == CKR_OK);
  raw.f->C_FindObjectsFinal(session);
  BOOST_TEST(found == 0u);
  raw.f->C_CloseSession(session);
  BOOST_TEST(raw.f->C_Finalize(nullptr) == CKR_OK);
}

namespace {

// Creates, without logging in, a public token object that looks like an
// evote share (same class, application and label): what anybody with the
// token but without the PIN can plant.
void plant_public_object(const SoftHsmToken& token, const std::string& label, const Bytes& value) {
  RawModule raw;
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  BOOST_REQUIRE(raw.f->C_Initialize(&args) == CKR_OK);
  CK_SESSION_HANDLE session = 0;
  BOOST_REQUIRE(raw.f->C_OpenSession(raw.slot_of(token.label()),
                                     CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                     &session) == CKR_OK);
  CK_OBJECT_CLASS data = CKO_DATA;
  CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
  std::string application = "evote";
  std::string object_label = label;
  Bytes bytes = value;
  CK_ATTRIBUTE create[] = {{CKA_CLASS, &data, sizeof data},
                           {CKA_TOKEN, &yes, sizeof yes},
                           {CKA_PRIVATE, &no, sizeof no},
                           {CKA_APPLICATION, application.data(), application.size()},
                           {CKA_LABEL, object_label.data(), object_label.size()},
                           {CKA_VALUE, bytes.data(), bytes.size()}};
  CK_OBJECT_HANDLE object = 0;
  BOOST_REQUIRE(raw.f->C_CreateObject(session, create, 6, &object) == CKR_OK);
  raw.f->C_CloseSession(session);
  BOOST_REQUIRE(raw.f->C_Finalize(nullptr) == CKR_OK);
}

}  // namespace

// A public object is not the share (anybody can create one without the
// PIN): the lookup asks for CKA_TOKEN and CKA_PRIVATE true, so a planted
// public object with the share's label neither blocks storing nor loading,
// nor is it ever loaded as the share.
BOOST_AUTO_TEST_CASE(a_planted_public_object_with_the_label_is_ignored) {
  const SoftHsmToken token;
  const Bytes planted = evote::crypto::random_bytes(32);
  plant_public_object(token, kLabel, planted);
  BOOST_TEST(!has_secret(location(token), token.pin(), kLabel));
  const std::string missing =
      token_error([&] { load_secret(location(token), token.pin(), kLabel); });
  BOOST_TEST(contains(missing, "no such object"), missing);

  const Bytes share = evote::crypto::random_bytes(32);
  store_secret(location(token), token.pin(), kLabel, share);
  BOOST_TEST(value_of(load_secret(location(token), token.pin(), kLabel)) == share);
  // Planted after the share was stored: still the share.
  plant_public_object(token, kLabel, planted);
  BOOST_TEST(value_of(load_secret(location(token), token.pin(), kLabel)) == share);
  BOOST_TEST(has_secret(location(token), token.pin(), kLabel));
}
