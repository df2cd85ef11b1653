// The whole voting path in evote-voter by keyboard alone (Tab, arrows,
// Space, Return, typed PINs), against the real collector: connect, choose
// Mari's card among three, PIN1, a single-choice, an approval and a ranked
// contest, review, PIN2, the receipt and the QR code (saved as a PNG and
// read back: the collector's ballot holds exactly the choices made), then a
// re-vote, and the record page: two ballots, the last one counting.
#include <QFileDialog>
#include <QTimer>
#include <boost/test/unit_test.hpp>
#include <functional>

#include "gui_fixture.hpp"
#include "qr_reading.hpp"
#include "review_page.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(GuiTestsGlobal);

namespace {

// From the done page: the QR code saved (Tab to the button is checked, the
// file dialog is not: save_qr writes the file it would), read back.
std::string save_and_read_qr(VoterWindow& w, const std::string& file) {
  BOOST_TEST(w.find<QPushButton>("save_qr_button")->isEnabled());
  const QString path = QString::fromStdString((gui_output_folder() / file).string());
  QFile::remove(path);
  BOOST_REQUIRE(w.window->save_qr(path));
  return read_qr_png(path);
}

// From the done page, by keyboard: Tab to "Save the QR code as PNG", Space;
// in the file dialog type the file's path and Return. Reads the file back.
std::string save_qr_by_keyboard(VoterWindow& w, const std::string& file) {
  const QString path = QString::fromStdString((gui_output_folder() / file).string());
  QFile::remove(path);
  bool answered = false;
  int tries = 0;
  std::function<void()> answer = [&] {
    auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
    if (dialog == nullptr || !dialog->isVisible() || !QTest::qWaitForWindowActive(dialog, 1000)) {
      if (++tries < 100) QTimer::singleShot(50, answer);
      return;
    }
    answered = true;
    QWidget* field = dialog->focusWidget();
    BOOST_TEST_MESSAGE(
        "file dialog focus: " << (field ? field->objectName().toStdString() : "none"));
    const auto type_path_and_return = [field, path] {
      QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
      QTest::keyClicks(field, path);
      QTest::keyClick(field, Qt::Key_Return);
    };
    if (field != nullptr) type_path_and_return();
    // The name field's completer lists folders that a model loads on a thread: on a busy
    // machine its popup can open late and take the Return. As a person would, type the
    // path again while the dialog stays open. Never hang the test: after 3 s a dialog
    // still open is closed, and the file check fails.
    auto* retry = new QTimer(dialog);
    retry->setInterval(500);
    QObject::connect(retry, &QTimer::timeout, dialog,
                     [dialog, field, retry, type_path_and_return, left = 6]() mutable {
                       if (!dialog->isVisible()) return retry->stop();
                       if (--left == 0 || field == nullptr) {
                         retry->stop();
                         return dialog->reject();
                       }
                       type_path_and_return();
                     });
    retry->start();
  };
  QTimer::singleShot(50, answer);
  w.tab_to(w.find("save_qr_button"));
  w.press(Qt::Key_Space);  // the dialog runs (and is answered) inside this press
  BOOST_REQUIRE(QTest::qWaitFor([&] { return answered && QFile::exists(path); }, 10000));
  // The offscreen platform has no window manager to give the window back
  // its activation when the dialog closes: do what one would.
  w.window->activateWindow();
  BOOST_REQUIRE(QTest::qWaitForWindowActive(w.window.get()));
  BOOST_TEST(w.focused() == w.find("save_qr_button"));
  return read_qr_png(path);
}

// Review (Return on the focused button), continue (Return), PIN2, Return.
void review_and_cast(VoterWindow& w) {
  w.tab_to(w.find("review_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("review_page");
  BOOST_TEST(w.focused() == w.find("continue_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("sign_page");
  BOOST_TEST(w.focused() == w.find("pin2_field"));
  w.type(QString::fromStdString(kPin2));
  w.press(Qt::Key_Return);
  BOOST_TEST(w.find<QLineEdit>("pin2_field")->text().isEmpty());  // cleared right after use
  w.wait_for_page("done_page");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_voter_votes_and_votes_again_by_keyboard_only) {
  VoterWindow w;
  QSignalSpy forgotten(w.window->backend().worker(), &gui::VotingWorker::randomness_forgotten);
  // Each time a step starts: the busy indicator shows and the pages' controls are disabled.
  int steps = 0;
  int shown_busy = 0;
  QObject::connect(&w.window->backend(), &gui::VotingBackend::busy_changed, [&](bool busy) {
    if (!busy) return;
    ++steps;
    shown_busy += w.find("busy_indicator")->isVisible() && !w.find("connect_button")->isEnabled() &&
                  !w.find("cast_button")->isEnabled();
  });
  w.connect_by_keyboard();
  // Three cards in the readers: the list has the focus, each card shows
  // its holder's name and personal code.
  auto* cards = w.find<QListWidget>("card_list");
  BOOST_TEST(cards->count() == 3);
  BOOST_TEST(w.focused() == cards);
  w.log_in_by_keyboard(kVoterMari, kPin1);
  BOOST_TEST(w.label("card_page", "holder").contains("MARI-LIIS MÄNNIK"));
  BOOST_TEST(w.label("card_page", "holder").contains(QString::fromStdString(kVoterMari)));
  BOOST_TEST(w.find<QLineEdit>("pin1_field")->text().isEmpty());
  w.wait_for_page("choose_page");
  BOOST_TEST(w.label("choose_page", "greeting").contains("Mari-Liis Männik"));

  // Mayor (single choice): Jaan Tamm (102) found by name.
  w.tick_by_search("mayor", "Tamm");
  BOOST_TEST((w.contest("mayor")->selection() == std::vector<std::uint64_t>{102}));
  // Council (approval, up to 2): 11 and 12 with the arrows; a third tick is refused.
  gui::ContestWidget* council = w.contest("council");
  w.tab_to(council->choice_list());
  w.press(Qt::Key_Home);
  w.press(Qt::Key_Space);
  w.press(Qt::Key_Down);
  w.press(Qt::Key_Space);
  w.press(Qt::Key_Down);
  w.press(Qt::Key_Space);
  BOOST_TEST((council->selection() == std::vector<std::uint64_t>{11, 12}));
  // Ranking (ranked, up to 3): 23 first, then 21.
  gui::ContestWidget* ranking = w.contest("ranking");
  w.tab_to(ranking->choice_list());
  w.press(Qt::Key_Home);
  w.press(Qt::Key_Down);
  w.press(Qt::Key_Down);
  w.press(Qt::Key_Space);
  w.press(Qt::Key_Home);
  w.press(Qt::Key_Space);
  BOOST_TEST((ranking->selection() == std::vector<std::uint64_t>{23, 21}));
  // Ctrl+Up moves 21 (the current one) first, Ctrl+Down back; past the ends nothing moves.
  w.press(Qt::Key_Up, Qt::ControlModifier);
  BOOST_TEST((ranking->selection() == std::vector<std::uint64_t>{21, 23}));
  w.press(Qt::Key_Up, Qt::ControlModifier);
  BOOST_TEST((ranking->selection() == std::vector<std::uint64_t>{21, 23}));
  w.press(Qt::Key_Down, Qt::ControlModifier);
  BOOST_TEST((ranking->selection() == std::vector<std::uint64_t>{23, 21}));
  BOOST_TEST(ranking->findChild<QLabel*>("summary")->text().contains("1. 23"));

  w.tab_to(w.find("review_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("review_page");
  const QString review = static_cast<gui::ReviewPage*>(w.find("review_page"))->choices_text();
  BOOST_TEST(review.contains("102  Jaan Tamm — Centre Party"), review.toStdString());
  BOOST_TEST(review.contains("1. 23"), review.toStdString());
  // Back to change nothing, and on again: Return on "Change", then review again.
  w.tab_to(w.find_on<QWidget>("review_page", "back_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("choose_page");
  review_and_cast(w);

  // The receipt, the QR code, the reminder.
  const QString vote_id = w.label("done_page", "vote_id");
  BOOST_TEST(vote_id.size() == QString("Vote id: ").size() + 22);
  BOOST_TEST(w.label("done_page", "sequence").startsWith("Number in the ballot box: "));
  BOOST_TEST(w.label("done_page", "vote_again_text") ==
             "You may vote again; only your last vote counts.");
  const std::string first_code = save_and_read_qr(w, "voting_path_first_qr.png");
  std::string first_id;
  BOOST_TEST(choices_in_collector(first_code, &first_id) ==
             (std::vector<std::vector<std::uint64_t>>{{102}, {11, 12}, {23, 21, 1}}));
  BOOST_TEST(vote_id.endsWith(QString::fromStdString(first_id)));
  BOOST_TEST(forgotten.count() == 0);

  // Vote again: Return on the focused "Vote again"; the QR page is left, so
  // the randomness is forgotten and the QR code dropped.
  BOOST_TEST(w.focused() == w.find("vote_again_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("choose_page");
  BOOST_TEST(QTest::qWaitFor([&] { return forgotten.count() == 1; }, 5000));
  BOOST_TEST(!w.find<QPushButton>("save_qr_button")->isEnabled());
  BOOST_TEST(w.contest("mayor")->selection().empty());
  w.tick_by_search("mayor", "103");  // Kati Karu, found by number
  BOOST_TEST((w.contest("mayor")->selection() == std::vector<std::uint64_t>{103}));
  review_and_cast(w);
  const std::string second_code = save_qr_by_keyboard(w, "voting_path_second_qr.png");
  std::string second_id;
  BOOST_TEST(choices_in_collector(second_code, &second_id) ==
             (std::vector<std::vector<std::uint64_t>>{{103}, {1, 1}, {1, 1, 1}}));
  BOOST_TEST(second_id != first_id);

  // The record: Alt+R ("See my &record") from the done page.
  w.press(Qt::Key_R, Qt::AltModifier);
  w.wait_for_page("record_page");
  BOOST_TEST(forgotten.count() == 2);
  auto* ballots = w.find<QTableWidget>("record_ballots");
  BOOST_REQUIRE_EQUAL(ballots->rowCount(), 2);
  BOOST_TEST(ballots->item(0, 2)->text().toStdString() == first_id);
  BOOST_TEST(ballots->item(0, 3)->text() == "replaced by a later vote");
  BOOST_TEST(ballots->item(1, 2)->text().toStdString() == second_id);
  BOOST_TEST(ballots->item(1, 3)->text() == "counts now");
  // Both GET /v1/ballots/<id> above are verifications on the record.
  auto* accesses = w.find<QTableWidget>("record_accesses");
  BOOST_TEST(accesses->rowCount() == 2);
  BOOST_TEST(accesses->item(0, 1)->text().startsWith("verification of the vote number"));
  // connect + cards, login, cast, cast again, record; and not busy now.
  BOOST_TEST(steps >= 5);
  BOOST_TEST(shown_busy == steps);
  BOOST_TEST(w.find("busy_indicator")->isHidden());
  BOOST_TEST(w.find("record_page")->isEnabled());
}
