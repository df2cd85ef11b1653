// What evote-voter says for the problems only a real card in a reader has,
// with evote_test_reader.so (tests/card/reader: SoftHSM2 behind a 3-try PIN
// counter, PIN lengths, no reader) as the app's PKCS#11 module, against the
// real collector: no reader, then found on Try again; a PIN1 of the wrong
// length (no try spent); the final try announced; the third wrong PIN
// blocks, and the message says how to unblock it and offers Try again.
#include <boost/test/unit_test.hpp>

#include "gui_fixture.hpp"
#include "support/temp_folder.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(GuiTestsGlobal);

namespace {

// The app's settings with the test reader as its module, and the reader's
// counters in a folder of their own (`reader`: "", "none" or "empty").
struct Reader {
  TempFolder state;
  explicit Reader(const std::string& reader = "") {
    ::setenv("EVOTE_TEST_READER_STATE", state.path().c_str(), 1);
    ::setenv("EVOTE_TEST_READER", reader.c_str(), 1);
  }
  ~Reader() {
    ::unsetenv("EVOTE_TEST_READER_STATE");
    ::unsetenv("EVOTE_TEST_READER");
  }
  static voter::AppSettings settings() {
    voter::AppSettings settings = VoterEnvironment::get().settings();
    settings.pkcs11_module = EVOTE_TEST_READER_MODULE;
    return settings;
  }
};

QString problem(VoterWindow& w) { return w.window->problem().text(); }

}  // namespace

BOOST_AUTO_TEST_CASE(no_reader_says_so_and_try_again_finds_the_cards) {
  Reader reader("none");
  VoterWindow w("en", Reader::settings());
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  BOOST_TEST(problem(w) ==
             "No smart card reader was found. Connect the reader and press Try again.");
  BOOST_TEST(w.focused() == w.find("try_again_button"));
  ::setenv("EVOTE_TEST_READER", "", 1);  // the reader is plugged in
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  BOOST_TEST(w.find("problem_panel")->isHidden());
  BOOST_TEST(w.find<QListWidget>("card_list")->count() == 3);
}

BOOST_AUTO_TEST_CASE(wrong_pins_count_down_to_a_blocked_pin) {
  Reader reader;
  VoterWindow w("en", Reader::settings());
  w.connect_by_keyboard();
  // Mati's card (not on the list: the PIN is checked by the card first).
  w.log_in_by_keyboard(kNotListed, "12");
  w.wait_for_page("card_page");
  BOOST_TEST(problem(w) ==
             "PIN1 has 4 to 12 digits, PIN2 has 5 to 12 digits. Enter your PIN1 again.");
  BOOST_TEST(w.focused() == w.find("pin1_field"));

  w.log_in_by_keyboard(kNotListed, "9999");  // 2 tries left: the card says only "few"
  w.wait_for_page("card_page");
  BOOST_TEST(problem(w).startsWith("The PIN1 is wrong. Enter it again"), problem(w));
  w.log_in_by_keyboard(kNotListed, "9998");  // the final try
  w.wait_for_page("card_page");
  BOOST_TEST(problem(w) ==
             "The PIN1 is wrong. Tries left: 1. Enter it again and press the button once more.");
  w.switch_language("et");
  BOOST_TEST(problem(w) ==
             "PIN1 on vale. Katseid jäänud: 1. Sisesta see uuesti ja vajuta "
             "nuppu veel kord.");
  w.switch_language("en");

  w.log_in_by_keyboard(kNotListed, "9997");  // blocked
  w.wait_for_page("card_page");
  BOOST_TEST(problem(w) ==
             "Your PIN1 is blocked after too many wrong tries. Unblock it with your PUK code in "
             "the ID-software (DigiDoc4), then press Try again.");
  BOOST_TEST(w.focused() == w.find("try_again_button"));
  w.switch_language("ru");
  BOOST_TEST(problem(w).startsWith("Ваш PIN1 заблокирован"), problem(w));
  w.switch_language("en");
  // Try again looks for the cards again; the right PIN no longer opens the blocked card.
  w.tab_to(w.find("try_again_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  BOOST_TEST(w.find<QListWidget>("card_list")->count() == 3);
  w.log_in_by_keyboard(kNotListed, kPin1);
  w.wait_for_page("card_page");
  BOOST_TEST(problem(w).startsWith("Your PIN1 is blocked"), problem(w));

  // Another voter's card in the same reader still works.
  w.log_in_by_keyboard(kVoterJuri, kPin1);
  w.wait_for_page("choose_page");
}
