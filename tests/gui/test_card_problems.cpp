// Card problems in evote-voter, with real SoftHSM2 cards against the real
// collector: a wrong PIN1 and a wrong PIN2 each say so and let the voter
// enter the PIN again and vote; no card in the reader says so and Try again
// finds the card once it is there; a card taken out before the vote is
// signed says so, Try again looks for cards afresh (the card is gone), and
// once the card is back the voter logs in again and votes.
#include <boost/test/unit_test.hpp>

#include "gui_fixture.hpp"
#include "qr_reading.hpp"

using namespace evote;
using namespace evote::testing;
namespace fs = std::filesystem;

BOOST_TEST_GLOBAL_FIXTURE(GuiTestsGlobal);

namespace {

// Tab to "Try again" and press Return.
void try_again(VoterWindow& w) {
  w.tab_to(w.find("try_again_button"));
  w.press(Qt::Key_Return);
}

// Review, continue, PIN2 typed and Return.
void sign_with(VoterWindow& w, const std::string& pin2) {
  w.tab_to(w.find("review_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("review_page");
  w.press(Qt::Key_Return);
  w.wait_for_page("sign_page");
  w.type(QString::fromStdString(pin2));
  w.press(Qt::Key_Return);
}

std::string qr_of_done_page(VoterWindow& w, const std::string& file) {
  const QString path = QString::fromStdString((gui_output_folder() / file).string());
  QFile::remove(path);
  BOOST_REQUIRE(w.window->save_qr(path));
  return read_qr_png(path);
}

// The SoftHSM2 token folders of the card whose labels start with `given`.
std::vector<fs::path> token_folders_of(const std::string& given) {
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(VoterEnvironment::get().cards_folder / "tokens"))
    if (!run_program("grep -l -r " + shell_quote(given) + " " + shell_quote(entry.path()))
             .output.empty())
      folders.push_back(entry.path());
  return folders;
}

// Mari's card made again (a new key and certificate), as if put back in.
void make_mari_card_again() {
  VoterEnvironment& env = VoterEnvironment::get();
  const fs::path out = env.cards_folder / "card-again";
  const ProgramRun made =
      run_program(shell_quote(EVOTE_TEST_CARD_BIN) + " make-card --ca-cert " +
                  shell_quote(env.cards_folder / "ca.pem") + " --ca-key " +
                  shell_quote(env.cards_folder / "ca.key") +
                  " --given-name MARI-LIIS --surname MÄNNIK --personal-code " + kVoterMari +
                  " --pin1 " + kPin1 + " --pin2 " + kPin2 + " --out " + shell_quote(out));
  BOOST_REQUIRE_MESSAGE(made.status == 0, made.output);
  env.ocsp.add_good(certificate_from_pem(out / "signing.pem"));
}

const QString kWrongPin1 =
    "The PIN1 is wrong. Enter it again and press the button once more. After three wrong tries "
    "in a row the PIN is blocked.";

}  // namespace

BOOST_AUTO_TEST_CASE(a_wrong_pin_says_so_and_the_voter_enters_it_again) {
  VoterWindow w;
  w.connect_by_keyboard();
  w.log_in_by_keyboard(kVoterJuri, "9999");
  w.wait_for_page("card_page");
  BOOST_TEST(w.window->problem().text() == kWrongPin1);
  BOOST_TEST(!w.find("problem_panel")->isHidden());
  // The detail for the helpdesk names the token, never the PIN.
  BOOST_TEST(!w.find<QLabel>("problem_detail")->text().contains("9999"));
  BOOST_TEST(w.find<QLabel>("problem_detail")->text().contains("CKR_PIN_INCORRECT"));
  // The PIN field is empty and has the focus: type the right PIN.
  BOOST_TEST(w.focused() == w.find("pin1_field"));
  BOOST_TEST(w.find<QLineEdit>("pin1_field")->text().isEmpty());
  w.type(QString::fromStdString(kPin1));
  w.press(Qt::Key_Return);
  w.wait_for_page("choose_page");
  BOOST_TEST(w.find("problem_panel")->isHidden());

  w.tick_by_search("mayor", "201");
  sign_with(w, "99999");
  w.wait_for_page("sign_page");
  BOOST_TEST(w.window->problem().text().startsWith("The PIN2 is wrong."));
  // Try again (Return on it) brings the focus back to the PIN2 field.
  try_again(w);
  BOOST_TEST(w.focused() == w.find("pin2_field"));
  BOOST_TEST(w.find("problem_panel")->isHidden());
  w.type(QString::fromStdString(kPin2));
  w.press(Qt::Key_Return);
  w.wait_for_page("done_page");
  BOOST_TEST(choices_in_collector(qr_of_done_page(w, "wrong_pin_qr.png")).at(0) ==
             std::vector<std::uint64_t>{201});
}

BOOST_AUTO_TEST_CASE(no_card_in_the_reader_says_so_and_try_again_finds_it) {
  VoterEnvironment& env = VoterEnvironment::get();
  // SoftHSM2 with an empty token folder: a reader with no card.
  const fs::path empty = env.cards_folder / "empty-tokens";
  fs::create_directories(empty);
  const fs::path empty_conf = env.cards_folder / "empty.conf";
  write_text(empty_conf, "directories.tokendir = " + empty.string() +
                             "\nobjectstore.backend = file\nlog.level = ERROR\n");
  const std::string cards_conf = std::getenv("SOFTHSM2_CONF");
  ::setenv("SOFTHSM2_CONF", empty_conf.c_str(), 1);
  VoterWindow w;
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  BOOST_TEST(w.window->problem().text() ==
             "There is no ID card in the reader. Insert your ID card and press Try again.");
  BOOST_TEST(w.focused() == w.find("try_again_button"));
  ::setenv("SOFTHSM2_CONF", cards_conf.c_str(), 1);  // the card is put in
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  BOOST_TEST(w.find("problem_panel")->isHidden());
  BOOST_TEST(w.find<QListWidget>("card_list")->count() == 3);
}

BOOST_AUTO_TEST_CASE(a_card_taken_out_says_so_and_the_voter_logs_in_again_when_it_is_back) {
  VoterWindow w;
  w.connect_by_keyboard();
  w.log_in_by_keyboard(kVoterMari, kPin1);
  w.wait_for_page("choose_page");
  w.tick_by_search("mayor", "Maasikas");
  // The card goes away before the vote is signed.
  const std::vector<fs::path> folders = token_folders_of("MARI-LIIS");
  BOOST_REQUIRE_EQUAL(folders.size(), 2u);
  for (const fs::path& folder : folders) fs::remove_all(folder);
  sign_with(w, kPin2);
  w.wait_for_page("sign_page");
  BOOST_TEST(w.window->problem().text() ==
             "The ID card was removed from the reader. Put it back in and press Try again.");
  BOOST_TEST(w.focused() == w.find("try_again_button"));
  BOOST_TEST(w.find<QLineEdit>("pin2_field")->text().isEmpty());

  // Try again looks for cards afresh: Mari's is gone, the others are there.
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  auto* cards = w.find<QListWidget>("card_list");
  BOOST_TEST(cards->count() == 2);
  for (int row = 0; row < cards->count(); ++row)
    BOOST_TEST(!cards->item(row)->text().contains("MARI-LIIS"));

  // The card is back: look again (Return on the button), log in, vote.
  make_mari_card_again();
  w.tab_to(w.find_on<QWidget>("card_page", "refresh_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("card_page");
  BOOST_TEST(cards->count() == 3);
  w.log_in_by_keyboard(kVoterMari, kPin1);
  w.wait_for_page("choose_page");
  w.tick_by_search("mayor", "Maasikas");
  sign_with(w, kPin2);
  w.wait_for_page("done_page");
  BOOST_TEST(choices_in_collector(qr_of_done_page(w, "card_back_qr.png")).at(0) ==
             std::vector<std::uint64_t>{101});
}
