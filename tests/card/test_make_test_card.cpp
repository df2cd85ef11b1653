// evote-test-card as the demo and the tests run it: the token layout it
// makes (read back through PKCS#11 directly, not through evote_card), the
// certificate profile, and a clear error for each bad input.
#include <dlfcn.h>
#include <p11-kit-1/p11-kit/pkcs11.h>

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "card/card_fixture.hpp"

using evote::crypto::Bytes;
using evote::testing::kSoftHsmModule;
using evote::testing::ProgramRun;
using evote::testing::shell_quote;
using evote::testing::TestCards;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The SoftHSM2 module loaded and initialized for the test's own reads.
class RawModule {
 public:
  RawModule() {
    handle_ = dlopen(kSoftHsmModule, RTLD_NOW | RTLD_LOCAL);
    BOOST_TEST_REQUIRE(handle_ != nullptr);
    auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle_, "C_GetFunctionList"));
    BOOST_TEST_REQUIRE(get(&f_) == CKR_OK);
    BOOST_TEST_REQUIRE(f_->C_Initialize(nullptr) == CKR_OK);
  }
  ~RawModule() {
    f_->C_Finalize(nullptr);
    dlclose(handle_);
  }
  CK_FUNCTION_LIST* f() const { return f_; }

  // The slot whose token has this label.
  CK_SLOT_ID slot(const std::string& label) const {
    CK_SLOT_ID slots[16];
    CK_ULONG count = 16;
    BOOST_TEST_REQUIRE(f_->C_GetSlotList(CK_TRUE, slots, &count) == CKR_OK);
    for (CK_ULONG i = 0; i < count; ++i) {
      CK_TOKEN_INFO info{};
      BOOST_TEST_REQUIRE(f_->C_GetTokenInfo(slots[i], &info) == CKR_OK);
      std::string text(reinterpret_cast<const char*>(info.label), sizeof info.label);
      text.erase(text.find_last_not_of(' ') + 1);
      if (text == label) return slots[i];
    }
    BOOST_FAIL("no token labelled " << label);
    return 0;
  }

 private:
  void* handle_ = nullptr;
  CK_FUNCTION_LIST* f_ = nullptr;
};

struct KeyFacts {
  Bytes id, ec_params;
  bool sensitive = false, extractable = true, always_authenticate = false, derive = false;
  CK_RV value_read = CKR_OK;  // reading CKA_VALUE of the private key
  CK_ULONG certificates = 0;
  Bytes certificate_id;
};

bool read_flag(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE t) {
  CK_BBOOL value = CK_FALSE;
  CK_ATTRIBUTE a{t, &value, sizeof value};
  return f->C_GetAttributeValue(s, o, &a, 1) == CKR_OK && value == CK_TRUE;
}

Bytes read_bytes(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o,
                 CK_ATTRIBUTE_TYPE t) {
  Bytes value(1024);
  CK_ATTRIBUTE a{t, value.data(), value.size()};
  if (f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK) return {};
  value.resize(a.ulValueLen);
  return value;
}

std::vector<CK_OBJECT_HANDLE> objects(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s,
                                      CK_OBJECT_CLASS object_class) {
  CK_ATTRIBUTE match{CKA_CLASS, &object_class, sizeof object_class};
  BOOST_TEST_REQUIRE(f->C_FindObjectsInit(s, &match, 1) == CKR_OK);
  CK_OBJECT_HANDLE found[16];
  CK_ULONG count = 0;
  BOOST_TEST_REQUIRE(f->C_FindObjects(s, found, 16, &count) == CKR_OK);
  f->C_FindObjectsFinal(s);
  return {found, found + count};
}

KeyFacts key_facts(const RawModule& module, const std::string& label, const std::string& pin) {
  CK_FUNCTION_LIST* f = module.f();
  CK_SESSION_HANDLE s = 0;
  BOOST_TEST_REQUIRE(
      f->C_OpenSession(module.slot(label), CKF_SERIAL_SESSION, nullptr, nullptr, &s) == CKR_OK);
  std::string pin_copy = pin;
  BOOST_TEST_REQUIRE(f->C_Login(s, CKU_USER, reinterpret_cast<CK_UTF8CHAR*>(pin_copy.data()),
                                pin_copy.size()) == CKR_OK);
  KeyFacts facts;
  const auto keys = objects(f, s, CKO_PRIVATE_KEY);
  BOOST_TEST_REQUIRE(keys.size() == 1U);
  facts.id = read_bytes(f, s, keys[0], CKA_ID);
  facts.ec_params = read_bytes(f, s, keys[0], CKA_EC_PARAMS);
  facts.sensitive = read_flag(f, s, keys[0], CKA_SENSITIVE);
  facts.extractable = read_flag(f, s, keys[0], CKA_EXTRACTABLE);
  facts.always_authenticate = read_flag(f, s, keys[0], CKA_ALWAYS_AUTHENTICATE);
  facts.derive = read_flag(f, s, keys[0], CKA_DERIVE);
  Bytes value(1024);
  CK_ATTRIBUTE a{CKA_VALUE, value.data(), value.size()};
  facts.value_read = f->C_GetAttributeValue(s, keys[0], &a, 1);
  const auto certs = objects(f, s, CKO_CERTIFICATE);
  facts.certificates = certs.size();
  if (!certs.empty()) facts.certificate_id = read_bytes(f, s, certs[0], CKA_ID);
  f->C_Logout(s);
  f->C_CloseSession(s);
  return facts;
}

}  // namespace

BOOST_AUTO_TEST_CASE(makes_two_tokens_with_non_extractable_p384_keys) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718", "--pin1 1111 --pin2 22222");
  RawModule module;
  const Bytes p384 = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};

  const KeyFacts auth = key_facts(module, "MARI-LIIS MÄNNIK (PIN1)", "1111");
  BOOST_TEST(auth.id == Bytes{1});
  BOOST_TEST(auth.certificate_id == Bytes{1});
  BOOST_TEST(auth.certificates == 1U);
  BOOST_TEST(auth.ec_params == p384);
  BOOST_TEST(auth.sensitive);
  BOOST_TEST(!auth.extractable);
  BOOST_TEST(!auth.always_authenticate);
  BOOST_TEST(auth.derive);
  BOOST_TEST(auth.value_read == CKR_ATTRIBUTE_SENSITIVE);

  const KeyFacts sign = key_facts(module, "MARI-LIIS MÄNNIK (PIN2)", "22222");
  BOOST_TEST(sign.id == Bytes{2});
  BOOST_TEST(sign.certificate_id == Bytes{2});
  BOOST_TEST(sign.certificates == 1U);
  BOOST_TEST(sign.ec_params == p384);
  BOOST_TEST(sign.sensitive);
  BOOST_TEST(!sign.extractable);
  BOOST_TEST(sign.always_authenticate);
  BOOST_TEST(!sign.derive);
  BOOST_TEST(sign.value_read == CKR_ATTRIBUTE_SENSITIVE);
}

BOOST_AUTO_TEST_CASE(the_certificates_have_the_estonian_profile) {
  TestCards cards;
  const TestCards::Card card = cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  const auto text = [](const std::filesystem::path& pem) {
    return evote::testing::run_program("openssl x509 -noout -text -nameopt utf8 -in " +
                                       shell_quote(pem))
        .output;
  };
  const std::string auth = text(card.authentication_pem);
  BOOST_TEST(contains(auth,
                      "Subject: C=EE, CN=MÄNNIK,MARI-LIIS,38001085718, SN=MÄNNIK, "
                      "GN=MARI-LIIS, serialNumber=PNOEE-38001085718"),
             auth);
  BOOST_TEST(contains(auth, "ASN1 OID: secp384r1"), auth);
  BOOST_TEST(contains(auth, "Digital Signature, Key Agreement"), auth);
  BOOST_TEST(contains(auth, "TLS Web Client Authentication, E-mail Protection"), auth);
  BOOST_TEST(!contains(auth, "Policies"), auth);
  BOOST_TEST(!contains(auth, "OCSP"), auth);
  const std::string sign = text(card.signing_pem);
  BOOST_TEST(contains(sign, "Non Repudiation"), sign);
  BOOST_TEST(!contains(sign, "Extended Key Usage"), sign);
  BOOST_TEST(!contains(sign, "Digital Signature"), sign);
  const ProgramRun verify = evote::testing::run_program(
      "openssl verify -CAfile " + shell_quote(cards.ca_folder() / "root.pem") + " -untrusted " +
      shell_quote(cards.ca_folder() / "ca.pem") + " " + shell_quote(card.authentication_pem) + " " +
      shell_quote(card.signing_pem));
  BOOST_TEST(verify.status == 0, verify.output);
}

BOOST_AUTO_TEST_CASE(validity_days_and_backdating) {
  TestCards cards;
  const TestCards::Card card =
      cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718", "--backdate-days 40 --days 10");
  // Valid from 40 days ago for 10 days: expired 30 days ago.
  const ProgramRun check = evote::testing::run_program("openssl x509 -noout -checkend 0 -in " +
                                                       shell_quote(card.authentication_pem));
  BOOST_TEST(check.status == 1, check.output);
  BOOST_TEST(contains(check.output, "Certificate will expire"), check.output);
}

BOOST_AUTO_TEST_CASE(bad_inputs_are_refused_with_a_clear_error) {
  TestCards cards;
  const std::filesystem::path out = cards.folder() / "out";
  const auto make = [&](const std::string& code, const std::string& extra) {
    return TestCards::run(cards.make_card_arguments("MARI-LIIS", "MÄNNIK", code, out) + " " +
                          extra);
  };
  struct Case {
    std::string code, extra, message;
    int status;
  };
  const std::vector<Case> cases = {
      {"38001085719", "", "wrong check digit (expected 8)", 2},
      {"3800108571", "", "--personal-code must be 11 digits", 2},
      {"3800108571x", "", "--personal-code must be 11 digits", 2},
      {"98001085718", "", "the first digit must be 1..8", 2},
      {"38013085718", "", "no such birth date", 2},
      {"38001085718", "--pin1 123", "--pin1 must be 4 to 12 digits", 2},
      {"38001085718", "--pin1 1234567890123", "--pin1 must be 4 to 12 digits", 2},
      {"38001085718", "--pin2 1234", "--pin2 must be 5 to 12 digits", 2},
      {"38001085718", "--pin1 12a4", "--pin1 must be 4 to 12 digits", 2},
      {"38001085718", "--puk 1234567", "--puk must be 8 to 12 digits", 2},
      {"38001085718", "--policies 1.2..3", "--policies: \"1.2..3\" is not a dotted OID", 2},
      {"38001085718", "--days 0", "--days", 2},
      {"38001085718", "--module /nonexistent.so", "/nonexistent.so", 1},
  };
  for (const Case& c : cases) {
    const ProgramRun run = make(c.code, c.extra);
    BOOST_TEST(run.status == c.status, c.code << " " << c.extra << ": " << run.output);
    BOOST_TEST(contains(run.output, c.message), c.code << " " << c.extra << ": " << run.output);
  }
  // The root's key with the issuing CA's certificate.
  const ProgramRun mismatch = TestCards::run(
      "make-card --ca-cert " + shell_quote(cards.ca_folder() / "ca.pem") + " --ca-key " +
      shell_quote(cards.ca_folder() / "root.key") +
      " --given-name A --surname B --personal-code 38001085718 --out " + shell_quote(out));
  BOOST_TEST(mismatch.status == 1, mismatch.output);
  BOOST_TEST(contains(mismatch.output, "--ca-key is not the key of --ca-cert"), mismatch.output);
  // Nothing was made by any of them.
  BOOST_TEST(!std::filesystem::exists(out));

  // The same person twice in one SoftHSM2: the labels exist already.
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  const ProgramRun twice = make("38001085718", "");
  BOOST_TEST(twice.status == 1, twice.output);
  BOOST_TEST(contains(twice.output, "a token labelled 'MARI-LIIS MÄNNIK (PIN1)' exists already"),
             twice.output);

  // Without SOFTHSM2_CONF it refuses before touching any module.
  const ProgramRun no_conf = evote::testing::run_program(
      "env -u SOFTHSM2_CONF " + shell_quote(EVOTE_TEST_CARD_BIN) + " " +
      cards.make_card_arguments("A", "B", "49403136515", cards.folder() / "other"));
  BOOST_TEST(no_conf.status == 1, no_conf.output);
  BOOST_TEST(contains(no_conf.output, "SOFTHSM2_CONF is not set"), no_conf.output);

  // make-ca never replaces a CA.
  const ProgramRun again =
      TestCards::run("make-ca --name again --out " + shell_quote(cards.ca_folder()));
  BOOST_TEST(again.status == 1, again.output);
  BOOST_TEST(contains(again.output, "already exists"), again.output);
}

BOOST_AUTO_TEST_CASE(long_names_are_cut_to_fit_the_token_label) {
  TestCards cards;
  cards.add_card("ÕIE-MALL-KRISTIINA-ELISABETH", "VÄÄRTUSLIK", "49403136515");
  RawModule module;
  // 32 bytes at most, cut at a character boundary, the suffix kept.
  const std::string label = "ÕIE-MALL-KRISTIINA-ELISA (PIN1)";
  BOOST_TEST(label.size() == 32U);
  BOOST_TEST(module.slot(label) != 0U);
}
