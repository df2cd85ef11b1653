// What SoftHSM2 alone cannot show, through evote_test_reader (a PKCS#11
// module in front of SoftHSM2 that keeps an ID card's PIN try counter, its
// PIN lengths and a reader's states; tests/card/reader): the third wrong PIN
// blocks it, the final try is announced, a blocked PIN stays blocked for
// the right PIN too, a PIN of the wrong length spends no try, and no reader
// and a reader without a card are told apart. The tokens, keys and
// signatures are SoftHSM2's own.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>

#include "card/card_fixture.hpp"
#include "evote/card/id_card.hpp"

using evote::card::CardError;
using evote::card::CardProblem;
using evote::card::IdCard;
using evote::card::IdCardModule;
using evote::card::PinState;
using evote::crypto::Bytes;
using evote::testing::contains;
using evote::testing::expect_problem;
using evote::testing::pin;
using evote::testing::sha384;
using evote::testing::TempFolder;
using evote::testing::TestCards;

namespace {

const std::string kReader = EVOTE_TEST_READER_MODULE;
const Bytes kDigest = sha384(Bytes(5, 5));

// A card in the reader: test cards, the counters' folder, the reader state.
struct CardInReader {
  TestCards cards;
  TempFolder state;
  explicit CardInReader(const std::string& reader = "") {
    cards.add_card("MARI-LIIS", "MÄNNIK", "38001085718", "--pin1 1234 --pin2 12345");
    ::setenv("EVOTE_TEST_READER_STATE", state.path().c_str(), 1);
    ::setenv("EVOTE_TEST_READER", reader.c_str(), 1);
  }
  ~CardInReader() {
    ::unsetenv("EVOTE_TEST_READER_STATE");
    ::unsetenv("EVOTE_TEST_READER");
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_third_wrong_pin1_blocks_it_and_the_final_try_is_announced) {
  CardInReader reader;
  IdCardModule module(kReader);
  IdCard card = module.open(module.cards().at(0));

  const CardError first = expect_problem([&] { card.sign_authentication(kDigest, pin("1111")); },
                                         CardProblem::wrong_pin);
  BOOST_TEST(!first.tries_left().has_value());  // two left: the card does not say how many
  BOOST_TEST((card.pin1_state() == PinState::count_low));

  const CardError second = expect_problem([&] { card.sign_authentication(kDigest, pin("2222")); },
                                          CardProblem::wrong_pin);
  BOOST_TEST((second.tries_left() == std::optional<int>(1)));
  BOOST_TEST(contains(second.what(), "one try left"), second.what());
  BOOST_TEST((card.pin1_state() == PinState::final_try));

  const CardError third = expect_problem([&] { card.sign_authentication(kDigest, pin("3333")); },
                                         CardProblem::pin_blocked);
  BOOST_TEST(contains(third.what(), "now blocked"), third.what());
  BOOST_TEST(!contains(third.what(), "3333"), third.what());
  BOOST_TEST((card.pin1_state() == PinState::locked));

  // Blocked means blocked: the right PIN is refused too, and PIN2 is untouched.
  expect_problem([&] { card.sign_authentication(kDigest, pin("1234")); }, CardProblem::pin_blocked);
  BOOST_TEST((card.pin2_state() == PinState::ok));
  BOOST_TEST(card.sign_document(kDigest, pin("12345")).size() == 96U);
}

BOOST_AUTO_TEST_CASE(a_blocked_pin_stays_blocked_when_the_card_is_opened_again) {
  CardInReader reader;
  {
    IdCardModule module(kReader);
    IdCard card = module.open(module.cards().at(0));
    for (const char* wrong : {"11111", "22222", "33333"}) {
      try {
        card.sign_document(kDigest, pin(wrong));
      } catch (const CardError&) {
      }
    }
    BOOST_TEST((card.pin2_state() == PinState::locked));
  }
  IdCardModule module(kReader);
  IdCard card = module.open(module.cards().at(0));
  BOOST_TEST((card.pin2_state() == PinState::locked));
  const CardError blocked =
      expect_problem([&] { card.sign_document(kDigest, pin("12345")); }, CardProblem::pin_blocked);
  BOOST_TEST(contains(blocked.what(), "CKR_PIN_LOCKED"), blocked.what());
}

BOOST_AUTO_TEST_CASE(the_right_pin_resets_the_count) {
  CardInReader reader;
  IdCardModule module(kReader);
  IdCard card = module.open(module.cards().at(0));
  expect_problem([&] { card.sign_authentication(kDigest, pin("1111")); }, CardProblem::wrong_pin);
  expect_problem([&] { card.sign_authentication(kDigest, pin("2222")); }, CardProblem::wrong_pin);
  BOOST_TEST((card.pin1_state() == PinState::final_try));
  BOOST_TEST(card.sign_authentication(kDigest, pin("1234")).size() == 96U);
  BOOST_TEST((card.pin1_state() == PinState::ok));
  const CardError again = expect_problem([&] { card.sign_authentication(kDigest, pin("1111")); },
                                         CardProblem::wrong_pin);
  BOOST_TEST(!again.tries_left().has_value());
}

BOOST_AUTO_TEST_CASE(a_pin_of_the_wrong_length_is_a_format_problem_and_spends_no_try) {
  CardInReader reader;
  IdCardModule module(kReader);
  IdCard card = module.open(module.cards().at(0));
  for (const char* bad : {"123", "1234567890123"}) {
    const CardError e = expect_problem([&] { card.sign_authentication(kDigest, pin(bad)); },
                                       CardProblem::pin_format);
    BOOST_TEST(contains(e.what(), "CKR_PIN_LEN_RANGE"), e.what());
  }
  expect_problem([&] { card.sign_document(kDigest, pin("1234")); }, CardProblem::pin_format);
  BOOST_TEST((card.pin1_state() == PinState::ok));
  BOOST_TEST((card.pin2_state() == PinState::ok));
}

BOOST_AUTO_TEST_CASE(no_reader_and_a_reader_without_a_card_are_told_apart) {
  {
    CardInReader reader("none");
    IdCardModule module(kReader);
    const CardError e = expect_problem([&] { (void)module.cards(); }, CardProblem::no_reader);
    BOOST_TEST(contains(e.what(), "no card reader"), e.what());
  }
  {
    CardInReader reader("empty");
    IdCardModule module(kReader);
    const CardError e = expect_problem([&] { (void)module.cards(); }, CardProblem::no_card);
    BOOST_TEST(contains(e.what(), "no card in any reader"), e.what());
  }
  // The card put in: found.
  CardInReader reader;
  IdCardModule module(kReader);
  BOOST_TEST(module.cards().size() == 1U);
}
