// Each way a card can fail the voter, against real SoftHSM2 tokens: the
// CardProblem, and a message that names the module and the token but never
// the PIN.
#include <dlfcn.h>
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "card/card_fixture.hpp"
#include "evote/card/id_card.hpp"
#include "support/softhsm_token.hpp"

using evote::card::CardError;
using evote::card::CardInfo;
using evote::card::CardProblem;
using evote::card::IdCard;
using evote::card::IdCardModule;
using evote::card::PinState;
using evote::crypto::Bytes;
using evote::testing::contains;
using evote::testing::expect_problem;
using evote::testing::kSoftHsmModule;
using evote::testing::pin;
using evote::testing::sha384;
using evote::testing::TestCards;
namespace fs = std::filesystem;

namespace {

const Bytes kDigest = sha384(Bytes(7, 7));

}  // namespace

BOOST_AUTO_TEST_CASE(wrong_pin_is_wrong_pin_and_never_in_the_message) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718", "--pin1 1234 --pin2 12345");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));

  const CardError pin1 = expect_problem([&] { card.sign_authentication(kDigest, pin("9876543")); },
                                        CardProblem::wrong_pin);
  const std::string message = pin1.what();
  BOOST_TEST(!contains(message, "9876543"), message);
  BOOST_TEST(contains(message, kSoftHsmModule), message);
  BOOST_TEST(contains(message, "MARI-LIIS MÄNNIK (PIN1)"), message);
  BOOST_TEST(contains(message, "CKR_PIN_INCORRECT"), message);
  // SoftHSM2 keeps no try counter: it sets CKF_USER_PIN_COUNT_LOW, never FINAL_TRY.
  BOOST_TEST(!pin1.tries_left().has_value());
  BOOST_TEST((card.pin1_state() == PinState::count_low));
  BOOST_TEST((card.pin2_state() == PinState::ok));

  const CardError pin2 =
      expect_problem([&] { card.sign_document(kDigest, pin("1234")); }, CardProblem::wrong_pin);
  BOOST_TEST(contains(pin2.what(), "MARI-LIIS MÄNNIK (PIN2)"), pin2.what());
  BOOST_TEST((card.pin2_state() == PinState::count_low));

  // The right PIN still works and clears the flag.
  BOOST_TEST(card.sign_authentication(kDigest, pin("1234")).size() == 96U);
  BOOST_TEST((card.pin1_state() == PinState::ok));
}

BOOST_AUTO_TEST_CASE(softhsm2_never_blocks_a_pin) {
  // An ID card blocks PIN1 after 3 wrong tries (CKR_PIN_LOCKED ->
  // pin_blocked). SoftHSM2 2.6 has no try counter: 10 wrong tries are 10
  // wrong_pin, the token never says CKF_USER_PIN_LOCKED, and the right PIN
  // still signs. pin_blocked cannot be shown with SoftHSM2.
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));
  for (int attempt = 0; attempt < 10; ++attempt)
    expect_problem([&] { card.sign_authentication(kDigest, pin("0000")); }, CardProblem::wrong_pin);
  BOOST_TEST((card.pin1_state() == PinState::count_low));
  BOOST_TEST(card.sign_authentication(kDigest, pin("1234")).size() == 96U);
}

BOOST_AUTO_TEST_CASE(pins_of_the_wrong_length_are_what_the_module_says) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));
  // An empty PIN never reaches the module.
  const CardError empty =
      expect_problem([&] { card.sign_authentication(kDigest, pin("")); }, CardProblem::pin_format);
  BOOST_TEST(contains(empty.what(), "the PIN is empty"), empty.what());
  // SoftHSM2 checks no PIN length at C_Login: too short and too long are wrong PINs.
  const std::string long_pin(300, '7');
  for (const std::string& digits : {std::string("5"), std::string("98"), std::string("987"),
                                    std::string("9876543210987"), long_pin}) {
    const CardError error = expect_problem([&] { card.sign_authentication(kDigest, pin(digits)); },
                                           CardProblem::wrong_pin);
    if (digits.size() > 6) BOOST_TEST(!contains(error.what(), digits), error.what());
  }
}

BOOST_AUTO_TEST_CASE(a_missing_module_or_not_a_module_is_module_not_loaded) {
  const CardError missing = expect_problem(
      [] { IdCardModule module("/nonexistent/opensc-pkcs11.so"); }, CardProblem::module_not_loaded);
  BOOST_TEST(contains(missing.what(), "/nonexistent/opensc-pkcs11.so"), missing.what());
  BOOST_TEST(contains(missing.what(), "cannot be loaded"), missing.what());

  // A real shared library that is not a PKCS#11 module: libcrypto itself.
  Dl_info info{};
  BOOST_TEST_REQUIRE(dladdr(reinterpret_cast<void*>(&EVP_sha384), &info) != 0);
  const std::string libcrypto = info.dli_fname;
  const CardError not_pkcs11 =
      expect_problem([&] { IdCardModule module(libcrypto); }, CardProblem::module_not_loaded);
  BOOST_TEST(contains(not_pkcs11.what(), "no C_GetFunctionList"), not_pkcs11.what());

  // A text file is no library at all.
  TestCards cards;
  const CardError text =
      expect_problem([&] { IdCardModule module(cards.config()); }, CardProblem::module_not_loaded);
  BOOST_TEST(contains(text.what(), cards.config().string()), text.what());
}

BOOST_AUTO_TEST_CASE(an_empty_softhsm2_is_no_card) {
  // SoftHSM2 with no token still shows one slot with an uninitialized token.
  TestCards cards;
  IdCardModule module(kSoftHsmModule);
  const CardError error = expect_problem([&] { module.cards(); }, CardProblem::no_card);
  BOOST_TEST(contains(error.what(), kSoftHsmModule), error.what());
}

BOOST_AUTO_TEST_CASE(softhsm2_without_its_token_folder_does_not_load) {
  // SoftHSM2 always shows at least one slot, so no_reader cannot be shown
  // with it; a config naming a missing token folder fails C_Initialize.
  TestCards cards;
  cards.write_config(cards.folder() / "no-such-folder");
  const CardError error =
      expect_problem([] { IdCardModule module(kSoftHsmModule); }, CardProblem::module_not_loaded);
  BOOST_TEST(contains(error.what(), "C_Initialize failed"), error.what());
}

BOOST_AUTO_TEST_CASE(a_token_without_certificates_is_not_an_id_card) {
  evote::testing::SoftHsmToken token("just a token", "1234");
  IdCardModule module(kSoftHsmModule);
  const CardError error = expect_problem([&] { module.cards(); }, CardProblem::not_an_id_card);
  BOOST_TEST(contains(error.what(), "'just a token'"), error.what());
  BOOST_TEST(contains(error.what(), "no X.509 certificate"), error.what());
}

BOOST_AUTO_TEST_CASE(a_token_without_certificates_next_to_a_card_is_ignored) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  const evote::testing::ProgramRun init = evote::testing::run_program(
      "softhsm2-util --init-token --free --label 'other token' --pin 1234 --so-pin 12345678");
  BOOST_TEST_REQUIRE(init.status == 0, init.output);
  IdCardModule module(kSoftHsmModule);
  const std::vector<CardInfo> found = module.cards();
  BOOST_TEST_REQUIRE(found.size() == 1U);
  BOOST_TEST(found[0].holder.personal_code == "38001085718");
}

// The token folders of the config, each holding one token.
std::vector<fs::path> token_folders(const TestCards& cards) {
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(cards.tokens())) folders.push_back(entry.path());
  return folders;
}

BOOST_AUTO_TEST_CASE(half_a_card_is_not_an_id_card) {
  // The signing token's folder removed before the module starts: only the
  // authentication token is left.
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  for (const fs::path& folder : token_folders(cards)) {
    const std::string listing =
        evote::testing::run_program("grep -l 'PIN2' -r " + evote::testing::shell_quote(folder))
            .output;
    if (!listing.empty()) fs::remove_all(folder);
  }
  IdCardModule module(kSoftHsmModule);
  const CardError error = expect_problem([&] { module.cards(); }, CardProblem::not_an_id_card);
  BOOST_TEST(contains(error.what(), "without a signing token"), error.what());
  BOOST_TEST(contains(error.what(), "PNOEE-38001085718"), error.what());
}

// SoftHSM2 keeps each token in a folder of its tokendir. With the card's two
// folders removed while the module runs, SoftHSM2 still lists both slots
// with a token present; C_OpenSession works and finds no object, and
// C_GetTokenInfo answers CKR_GENERAL_ERROR. It never answers
// CKR_TOKEN_NOT_PRESENT or CKR_DEVICE_REMOVED. So signing is card_removed
// (the certificate read at open() is gone, checked before the PIN is sent)
// and reading the token's state is token_error with SoftHSM2's code.
BOOST_AUTO_TEST_CASE(card_removed_between_open_and_sign) {
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  {
    IdCardModule module(kSoftHsmModule);
    const CardInfo info = module.cards().at(0);
    IdCard card = module.open(info);
    for (const fs::path& folder : token_folders(cards)) fs::remove_all(folder);
    // Another card made meanwhile (by another process).
    cards.add_card("JAAK-KRISTJAN", "JÕEORG", "49403136515");

    const CardError pin1 = expect_problem([&] { card.sign_authentication(kDigest, pin("1234")); },
                                          CardProblem::card_removed);
    BOOST_TEST(contains(pin1.what(), "no longer on the token"), pin1.what());
    BOOST_TEST(contains(pin1.what(), "MARI-LIIS MÄNNIK (PIN1)"), pin1.what());
    expect_problem([&] { card.sign_document(kDigest, pin("12345")); }, CardProblem::card_removed);

    const CardError state = expect_problem([&] { card.pin1_state(); }, CardProblem::token_error);
    BOOST_TEST(contains(state.what(), "C_GetTokenInfo failed (CKR_GENERAL_ERROR)"), state.what());
    expect_problem([&] { module.open(info); }, CardProblem::token_error);
    // SoftHSM2 reads its tokendir at C_Initialize: the new card is not seen
    // by this module, and the removed card's slots fail.
    expect_problem([&] { module.cards(); }, CardProblem::token_error);
  }
  // A module loaded afresh sees only the new card.
  IdCardModule module(kSoftHsmModule);
  const std::vector<CardInfo> found = module.cards();
  BOOST_TEST_REQUIRE(found.size() == 1U);
  BOOST_TEST(found[0].holder.personal_code == "49403136515");
}

BOOST_AUTO_TEST_CASE(a_new_softhsm2_conf_means_nothing_to_a_running_module) {
  // SOFTHSM2_CONF is read at C_Initialize only: pointing it (and the file)
  // at an empty token folder between cards() and signing changes nothing.
  TestCards cards;
  cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718");
  IdCardModule module(kSoftHsmModule);
  IdCard card = module.open(module.cards().at(0));
  const fs::path empty = cards.folder() / "empty-tokens";
  fs::create_directories(empty);
  cards.write_config(empty);
  BOOST_TEST(card.sign_authentication(kDigest, pin("1234")).size() == 96U);
  BOOST_TEST(module.cards().size() == 1U);
}
